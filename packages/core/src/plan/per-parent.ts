/**
 * @module Child rows laid out per parent: parent j gets count(j) consecutive child rows, where
 * count(j) is a pure function of (seed, j). A table of block prefix sums (one entry per 256
 * parents) gives random access to "which parent owns child row i" in O(256) without storing
 * per-parent data; sequential scans advance in O(1).
 */
const BLOCK = 256;

export class PerParentLayout {
  /** Total number of child rows. */
  readonly total: number;
  /** Largest count any parent got. */
  readonly maxCount: number;
  private readonly blockStarts: Float64Array;
  // Cursor of the last locate(), for the O(1) sequential path.
  private lastRow = -2;
  private curParent = 0;
  private curOffset = 0;
  private curCount = 0;
  private curStart = 0;

  constructor(
    readonly parentCount: number,
    private readonly countAt: (parent: number) => number,
  ) {
    const blocks = Math.ceil(parentCount / BLOCK);
    this.blockStarts = new Float64Array(blocks + 1);
    let total = 0;
    let max = 0;
    for (let b = 0; b < blocks; b++) {
      this.blockStarts[b] = total;
      const end = Math.min(parentCount, (b + 1) * BLOCK);
      for (let j = b * BLOCK; j < end; j++) {
        const c = countAt(j);
        total += c;
        if (c > max) max = c;
      }
    }
    this.blockStarts[blocks] = total;
    this.total = total;
    this.maxCount = max;
  }

  /** Parent of the row passed to the last locate(). */
  get parent(): number {
    return this.curParent;
  }

  /** Position of that row among its parent's children. */
  get offset(): number {
    return this.curOffset;
  }

  /** Number of children of the located row's parent. */
  get siblings(): number {
    return this.curCount;
  }

  /** Finds the parent and offset of child row `row` (0 <= row < total). */
  locate(row: number): void {
    if (row === this.lastRow + 1 && this.lastRow >= -1 && row > 0) {
      this.curOffset++;
      while (this.curOffset >= this.curCount) {
        this.curStart += this.curCount;
        this.curParent++;
        this.curOffset = row - this.curStart;
        this.curCount = this.countAt(this.curParent);
      }
      this.lastRow = row;
      return;
    }
    const starts = this.blockStarts;
    let lo = 0;
    let hi = starts.length - 2;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((starts[mid] as number) <= row) lo = mid;
      else hi = mid - 1;
    }
    let start = starts[lo] as number;
    let parent = lo * BLOCK;
    let count = this.countAt(parent);
    while (start + count <= row) {
      start += count;
      parent++;
      count = this.countAt(parent);
    }
    this.curParent = parent;
    this.curStart = start;
    this.curCount = count;
    this.curOffset = row - start;
    this.lastRow = row;
  }
}
