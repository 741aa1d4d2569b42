/**
 * @module A set of 64-bit fingerprints in typed arrays (open addressing, linear probing).
 *
 * Memory: 12 bytes per slot (the two 32-bit hashes, plus the key's insertion index so values
 * attached to keys survive growth), at most half the slots used, capacity a power of two. One
 * million distinct keys take 2^21 slots = 24 MiB (36 MiB for a moment while the table doubles);
 * a repeated key costs nothing more.
 */
const EMPTY = 0;

export class FingerprintSet {
  private slots: Uint32Array;
  private mask: number;
  private used = 0;
  /** Values attached to keys, by insertion order (`index` from `add`). */
  private order: Uint32Array;

  constructor(initialCapacity = 1024) {
    let cap = 16;
    while (cap < initialCapacity * 2) cap *= 2;
    this.slots = new Uint32Array(cap * 2);
    this.order = new Uint32Array(cap);
    this.mask = cap - 1;
  }

  get size(): number {
    return this.used;
  }

  /** Bytes held by the table (for reports and the README figure). */
  get bytes(): number {
    return this.slots.byteLength + this.order.byteLength;
  }

  /**
   * Adds (h1, h2); returns its insertion index when new, or -1 - the existing key's index when
   * already present.
   */
  add(h1: number, h2: number): number {
    if (h1 === EMPTY && h2 === EMPTY) h2 = 1;
    const i = this.probe(h1, h2);
    const slots = this.slots;
    if (slots[i * 2] !== EMPTY || slots[i * 2 + 1] !== EMPTY) return -1 - (this.order[i] as number);
    slots[i * 2] = h1;
    slots[i * 2 + 1] = h2;
    this.order[i] = this.used;
    this.used++;
    if (this.used * 2 > this.mask + 1) this.grow();
    return this.used - 1;
  }

  /** The insertion index of (h1, h2), or -1. */
  get(h1: number, h2: number): number {
    if (h1 === EMPTY && h2 === EMPTY) h2 = 1;
    const i = this.probe(h1, h2);
    const empty = this.slots[i * 2] === EMPTY && this.slots[i * 2 + 1] === EMPTY;
    return empty ? -1 : (this.order[i] as number);
  }

  /** Every key in insertion order: (h1, h2) of the key with index i at 2i and 2i + 1. */
  keysInOrder(): Uint32Array {
    const out = new Uint32Array(this.used * 2);
    const slots = this.slots;
    for (let j = 0; j <= this.mask; j++) {
      const a = slots[j * 2] as number;
      const b = slots[j * 2 + 1] as number;
      if (a === EMPTY && b === EMPTY) continue;
      const o = this.order[j] as number;
      out[o * 2] = a;
      out[o * 2 + 1] = b;
    }
    return out;
  }

  /** Keeps the first `n` keys only (a segment that must be read again); the capacity stays. */
  truncate(n: number): void {
    if (n >= this.used) return;
    const keys = this.keysInOrder();
    this.slots.fill(EMPTY);
    this.order.fill(0);
    this.used = 0;
    for (let i = 0; i < n; i++) this.add(keys[i * 2] as number, keys[i * 2 + 1] as number);
  }

  /** The table as plain data (crosses threads by structured clone; read-only there). */
  save(): { slots: Uint32Array; order: Uint32Array; used: number } {
    return { slots: this.slots, order: this.order, used: this.used };
  }

  static load(s: { slots: Uint32Array; order: Uint32Array; used: number }): FingerprintSet {
    const set = new FingerprintSet(1);
    set.slots = s.slots;
    set.order = s.order;
    set.mask = s.order.length - 1;
    set.used = s.used;
    return set;
  }

  /** The slot holding (h1, h2), or the empty slot where it would go (linear probing). */
  private probe(h1: number, h2: number): number {
    const slots = this.slots;
    let i = (h1 ^ Math.imul(h2, 0x9e3779b1)) & this.mask;
    for (;;) {
      const a = slots[i * 2] as number;
      const b = slots[i * 2 + 1] as number;
      if ((a === EMPTY && b === EMPTY) || (a === h1 >>> 0 && b === h2 >>> 0)) return i;
      i = (i + 1) & this.mask;
    }
  }

  /**
   * Makes room for `n` keys in all, so adding up to that many rehashes nothing (a merge that knows
   * how many keys are coming grows the table once instead of at every doubling).
   */
  reserve(n: number): void {
    let cap = this.mask + 1;
    while (cap < n * 2) cap *= 2;
    if (cap > this.mask + 1) this.grow(cap);
  }

  private grow(cap = (this.mask + 1) * 2): void {
    const old = this.slots;
    const oldOrder = this.order;
    this.slots = new Uint32Array(cap * 2);
    this.order = new Uint32Array(cap);
    this.mask = cap - 1;
    for (let j = 0; j < oldOrder.length; j++) {
      const a = old[j * 2] as number;
      const b = old[j * 2 + 1] as number;
      if (a === EMPTY && b === EMPTY) continue;
      let i = (a ^ Math.imul(b, 0x9e3779b1)) & this.mask;
      while (this.slots[i * 2] !== EMPTY || this.slots[i * 2 + 1] !== EMPTY) i = (i + 1) & this.mask;
      this.slots[i * 2] = a;
      this.slots[i * 2 + 1] = b;
      this.order[i] = oldOrder[j] as number;
    }
  }
}
