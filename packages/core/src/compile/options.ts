/** @module What compileSchema takes and gives: run options, the compiled schema, the instant. */
import { TdmError } from '../errors/index.js';
import { parseInstant } from '../values/index.js';
import type { EntityRuntime } from './runtime.js';
import type { TablePlan } from './types.js';

export interface CompileOptions {
  /** Dataset seed (default: the schema's, else 1). */
  seed?: number;
  /** The generation instant relative bounds use: epoch ms, ISO string or Date. */
  now?: number | string | Date;
  /** Multiplies fixed counts (default: the schema's, else 1). */
  scale?: number;
  /** Per-run count overrides for entities with fixed counts. */
  counts?: Record<string, number>;
  /** faker locale code (default: the schema's, else en). */
  locale?: string;
}

export interface CompiledSchema {
  name: string;
  seed: number;
  now: number;
  locale: string;
  scale: number;
  /** Tables in load order (parents before children). */
  tables: TablePlan[];
  runtimes: Map<string, EntityRuntime>;
}

/** The generation instant as epoch ms: the option, else the schema's `now`. */
export function resolveNow(now: number | string | Date | undefined, docNow: string | undefined): number {
  const v = now ?? docNow;
  if (v === undefined) {
    throw new TdmError(
      'INPUT_INVALID',
      'no generation instant: pass options.now or set `now` in the schema',
      {
        suggestedActions: [
          'Pass now (e.g. the current time) so relative dates such as -3y can be evaluated.',
        ],
      },
    );
  }
  if (typeof v === 'number') return v;
  if (v instanceof Date) return v.getTime();
  const t = parseInstant(v);
  if (t === undefined) throw new TdmError('INPUT_INVALID', `now: "${v}" is not an ISO date or timestamp`);
  return t;
}
