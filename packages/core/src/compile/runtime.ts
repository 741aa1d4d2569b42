/**
 * @module EntityRuntime: computes any row of one entity as a pure function of its index.
 *
 * Hot path. `fill` runs once per generated row: fields are plain closures in dependency order, the
 * Rng is reseeded per (field, row) so no field's randomness depends on another's, and nothing is
 * allocated per row. `valueAt` serves random access (foreign keys, parent fields) with a small
 * stack of frames, so lookups can nest (self references, grandparents) without clobbering state.
 */
import { TdmError } from '../errors/index.js';
import type { Getter, Value } from '../expr/index.js';
import { hashIndex, Rng, type Permutation } from '../random/index.js';
import type { PerParentLayout } from '../plan/per-parent.js';

/** Per-evaluation state: row buffer, parent indexes of refs, unique-group components. */
export class Frame {
  readonly rng = new Rng();
  readonly scratch: Value[];
  /** Parent row index per ref slot (-1 for null). */
  readonly refIdx: Float64Array;
  /** Component index per slot for members of unique groups. */
  readonly comp: Float64Array;
  parent = -1;
  offset = 0;
  /** The retry attempt the row's values are being drawn for (0 without rules). */
  attempt = 0;
  /** The row `prepare` last decoded into this frame (its parent, offset and group components). */
  preparedRow = -1;

  constructor(slots: number) {
    this.scratch = new Array<Value>(slots).fill(null);
    this.refIdx = new Float64Array(slots).fill(-1);
    this.comp = new Float64Array(slots);
  }
}

export interface FieldRuntime {
  name: string;
  slot: number;
  seed: number;
  compute: (rng: Rng, row: number, out: Value[]) => Value;
}

export interface GroupMember {
  slot: number;
  capacity: number;
}

/** A set of fields whose combined value is unique: a bijection of the row (or of the offset within a parent). */
export interface GroupRuntime {
  members: GroupMember[];
  perm: Permutation | null;
  perParent: boolean;
  seed: number;
}

export interface CheckRuntime {
  rule: string;
  /** Index of the rule in the schema's `constraints`. */
  index: number;
  test: Getter;
}

const MAX_ATTEMPTS = 100;
const MAX_DEPTH = 256;
/** Retries that keep a row's null decisions (see isNullAt). */
const NULL_FIXED_ATTEMPTS = MAX_ATTEMPTS / 2;
const INV_2_32 = 1 / 4294967296;

/**
 * Whether a nullable field is null in `row`. A null satisfies most rules vacuously, so redrawing
 * the decision on every retry would make nulls more frequent than nullRate (a rule rejecting half
 * the values doubles the nulls). The decision is therefore the same for the first half of the
 * attempts and redrawn only after that, so a rule that needs a value (or a null) is still met.
 */
export function isNullAt(nullSeed: number, row: number, attempt: number, nullRate: number): boolean {
  if (nullRate <= 0) return false;
  const a = attempt < NULL_FIXED_ATTEMPTS ? 0 : attempt;
  return hashIndex((nullSeed + Math.imul(a, 0x632be5ab)) | 0, row) * INV_2_32 < nullRate;
}

export class EntityRuntime {
  count = 0;
  fields: FieldRuntime[] = [];
  /** For each slot, the fields (in order) needed to compute it alone. */
  closures: FieldRuntime[][] = [];
  groups: GroupRuntime[] = [];
  checks: CheckRuntime[] = [];
  /** The fields (in order) the checks read: enough to find a row's accepted attempt. */
  checkClosure: FieldRuntime[] = [];
  perParent: PerParentLayout | null = null;
  frame: Frame;
  private readonly frames: Frame[] = [];
  private depth = 0;
  private cacheRow: Float64Array;
  private cacheVal: Value[];

  constructor(
    readonly name: string,
    readonly slotCount: number,
  ) {
    this.frame = new Frame(slotCount);
    this.frames.push(this.frame);
    this.cacheRow = new Float64Array(slotCount).fill(-1);
    this.cacheVal = new Array<Value>(slotCount).fill(null);
  }

  /** Computes row `row` into `out` (one value per slot, in column order). */
  fill(row: number, out: Value[]): void {
    const frame = this.frame;
    this.prepare(frame, row);
    const fields = this.fields;
    const n = fields.length;
    const rng = frame.rng;
    frame.attempt = 0;
    if (this.checks.length === 0) {
      for (let i = 0; i < n; i++) {
        const f = fields[i] as FieldRuntime;
        out[f.slot] = f.compute(rng.seed(f.seed, row), row, out);
      }
      return;
    }
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      frame.attempt = attempt;
      for (let i = 0; i < n; i++) {
        const f = fields[i] as FieldRuntime;
        out[f.slot] = f.compute(rng.seed(f.seed, row, attempt), row, out);
      }
      if (this.failedCheck(row, out) === null) return;
    }
    throw this.unsatisfied(row, out);
  }

  private unsatisfied(row: number, out: Value[]): TdmError {
    const failed = this.failedCheck(row, out) as CheckRuntime;
    return new TdmError(
      'GENERATION_CONSTRAINT_UNSATISFIED',
      `${this.name} row ${row}: no values satisfying "${failed.rule}" found in ${MAX_ATTEMPTS} attempts`,
      { details: { entity: this.name, row, rule: failed.rule, index: failed.index } },
    );
  }

  /**
   * Computes the fields `slot` needs in `frame` (entered and prepared), as `fill` would. With
   * rules, only the fields the rules read are retried to find the row's accepted attempt: filling
   * the whole row would follow every reference of the row, and two entities that reference each
   * other and both have rules would then look each other up without end.
   */
  private computeAlone(frame: Frame, slot: number, row: number): void {
    const rng = frame.rng;
    const out = frame.scratch;
    let attempt = 0;
    if (this.checks.length > 0) {
      const closure = this.checkClosure;
      for (; ; attempt++) {
        if (attempt === MAX_ATTEMPTS) throw this.unsatisfied(row, out);
        frame.attempt = attempt;
        for (let i = 0; i < closure.length; i++) {
          const f = closure[i] as FieldRuntime;
          out[f.slot] = f.compute(rng.seed(f.seed, row, attempt), row, out);
        }
        if (this.failedCheck(row, out) === null) break;
      }
    }
    frame.attempt = attempt;
    const closure = this.closures[slot] as FieldRuntime[];
    for (let i = 0; i < closure.length; i++) {
      const f = closure[i] as FieldRuntime;
      out[f.slot] = f.compute(rng.seed(f.seed, row, attempt), row, out);
    }
  }

  private failedCheck(row: number, out: Value[]): CheckRuntime | null {
    for (const c of this.checks) if (c.test(row, out) === false) return c;
    return null;
  }

  /** The value of one field of any row, computed alone (random access). */
  valueAt(slot: number, row: number): Value {
    if (this.cacheRow[slot] === row) return this.cacheVal[slot] as Value;
    const frame = this.enter();
    try {
      this.prepare(frame, row);
      this.computeAlone(frame, slot, row);
      const v = frame.scratch[slot] as Value;
      this.cacheRow[slot] = row;
      this.cacheVal[slot] = v;
      return v;
    } finally {
      this.exit();
    }
  }

  /** The parent row index a ref field points to in row `row` (-1 when null). */
  refIndexAt(slot: number, row: number): number {
    const frame = this.enter();
    try {
      this.prepare(frame, row);
      this.computeAlone(frame, slot, row);
      return frame.refIdx[slot] as number;
    } finally {
      this.exit();
    }
  }

  private enter(): Frame {
    this.depth++;
    if (this.depth >= MAX_DEPTH) {
      throw new TdmError('SCHEMA_DEPENDENCY_CYCLE', `${this.name}: lookups nested deeper than ${MAX_DEPTH}`);
    }
    let f = this.frames[this.depth];
    if (!f) {
      f = new Frame(this.slotCount);
      this.frames.push(f);
    }
    this.frame = f;
    return f;
  }

  private exit(): void {
    this.depth--;
    this.frame = this.frames[this.depth] as Frame;
  }

  /** Locates the row under its parent and decodes unique-group components. */
  private prepare(frame: Frame, row: number): void {
    // Hot path: a child looks up several fields of the same parent row (customer_id, then
    // customer_id.created_at); the row's components are a pure function of it, so decode once.
    if (frame.preparedRow === row) return;
    frame.preparedRow = row;
    let index = row;
    if (this.perParent) {
      this.perParent.locate(row);
      frame.parent = this.perParent.parent;
      frame.offset = this.perParent.offset;
    }
    for (const g of this.groups) {
      if (g.perParent) {
        index = frame.offset;
        (g.perm as Permutation).reseed((g.seed ^ Math.imul(frame.parent + 1, 0x2545f491)) >>> 0);
      } else {
        index = row;
      }
      let k = g.perm ? g.perm.at(index) : index;
      const members = g.members;
      for (let i = members.length - 1; i >= 0; i--) {
        const m = members[i] as GroupMember;
        const c = k % m.capacity;
        frame.comp[m.slot] = c;
        k = (k - c) / m.capacity;
      }
    }
  }
}
