/**
 * @module Self references as a forest with a depth limit: rows are laid out level by level
 * (roots first) and a row's parent is drawn from the level above, so parents always precede
 * children and no path is longer than maxDepth. O(1) per row, no stored parents.
 */
export class TreeLayout {
  /** levelStart[l] is the first row of level l; levelStart[depth + 1] = row count. */
  readonly levelStart: number[];

  constructor(
    readonly rowCount: number,
    readonly maxDepth: number,
    rootShare?: number,
  ) {
    const roots = Math.max(
      1,
      Math.min(rowCount, Math.round(rowCount * (rootShare ?? defaultRootShare(rowCount, maxDepth)))),
    );
    // Solve roots * (1 + b + ... + b^maxDepth) = rowCount for the growth factor b by bisection.
    const total = (b: number): number => {
      let s = 0;
      for (let l = 0; l <= maxDepth; l++) s += roots * b ** l;
      return s;
    };
    let lo = 0;
    let hi = Math.max(2, rowCount);
    for (let i = 0; i < 100; i++) {
      const mid = (lo + hi) / 2;
      if (total(mid) < rowCount) lo = mid;
      else hi = mid;
    }
    const starts = [0];
    let acc = 0;
    for (let l = 0; l <= maxDepth; l++) {
      acc += l === 0 ? roots : Math.max(0, Math.round(roots * hi ** l));
      starts.push(Math.min(rowCount, acc));
    }
    starts[maxDepth + 1] = rowCount;
    this.levelStart = starts;
  }

  /** Level of a row (0 = root). */
  levelOf(row: number): number {
    let l = 0;
    while (row >= (this.levelStart[l + 1] as number)) l++;
    return l;
  }
}

function defaultRootShare(rowCount: number, maxDepth: number): number {
  // Aim for about 3 children per node when the depth allows it.
  let s = 0;
  for (let l = 0; l <= maxDepth; l++) s += 3 ** l;
  return Math.max(1 / rowCount, 1 / s);
}
