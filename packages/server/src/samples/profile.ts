/**
 * @module Profiling a stored sample: its tables loaded from the sealed files, column patterns,
 * keys and dependence (analyzePatternsFromSample), personal-data findings (detectPii) and a DSL
 * schema of its shape; stored with the sample so synthesis and the dashboard reuse it.
 */
import { loadSample } from '@tdm/core';
import type { BlobStore } from '../blob/index.js';
import type { Db } from '../store/index.js';
import { getSample, saveProfile } from './sample-repo.js';
import { findingsOf, optionalSynth, schemaText, synth } from './synth-adapter.js';
import { sampleSource } from './upload.js';

export interface StoredProfile {
  rows: Record<string, number>;
  /** DataPatterns; null while this build's engine has no analyzePatternsFromSample. */
  patterns: unknown;
  pii: unknown[];
  schema: string | null;
}

/** Profiles the sample and stores the result; answers it with its time. */
export async function profileSample(
  deps: { db: Db; blobs: BlobStore },
  teamId: string,
  sampleId: string,
  signal?: AbortSignal,
): Promise<StoredProfile & { profiledAt: Date }> {
  const sample = await getSample(deps.db, teamId, sampleId);
  const source = await sampleSource(deps.blobs, teamId, sample.files);
  const tables = await loadSample(source, signal ? { signal } : {});
  const pii = findingsOf(await synth('detectPii')(tables, signal ? { signal } : {}));
  // Rows and PII findings are a profile already; patterns and schema join when the engine has them.
  const analyze = optionalSynth('analyzePatternsFromSample');
  const patterns = analyze ? await analyze(tables, signal ? { signal } : {}) : null;
  const toSchema = patterns ? optionalSynth('patternsToSchema') : null;
  const schema = toSchema ? schemaText(toSchema(patterns)) : null;
  const rows = Object.fromEntries(tables.map((t) => [t.name, t.rows]));
  const profile: StoredProfile = { rows, patterns, pii, schema };
  const total = tables.reduce((n, t) => n + t.rows, 0);
  const profiledAt = await saveProfile(
    deps.db,
    teamId,
    sampleId,
    profile as unknown as Record<string, unknown>,
    total,
  );
  return { ...profile, profiledAt };
}
