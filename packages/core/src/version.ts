/**
 * @module The engine version. A dataset is reproduced exactly by (schema, seed, volume, now,
 * engine version). Any change to what a generator emits for a given seed bumps the major version
 * and keeps the old behaviour reachable for pinned datasets.
 */
import { TdmError } from './errors/index.js';

export const ENGINE_VERSION = '1.0.0';
export const SUPPORTED_ENGINE_MAJORS: readonly number[] = [1];

/** Checks a pinned engine version ("1", "1.0.0") can be reproduced by this build. */
export function checkEngineVersion(pinned: string | undefined): string {
  if (pinned === undefined) return ENGINE_VERSION;
  const major = Number(/^(\d+)/.exec(pinned)?.[1]);
  if (!SUPPORTED_ENGINE_MAJORS.includes(major)) {
    throw new TdmError(
      'GENERATION_ENGINE_VERSION_UNSUPPORTED',
      `engine version ${pinned} is not supported by this build (engine ${ENGINE_VERSION})`,
      {
        details: { pinned, supported: SUPPORTED_ENGINE_MAJORS },
      },
    );
  }
  return ENGINE_VERSION;
}
