/**
 * @module Profiling a stored sample: its tables loaded from the sealed files, column patterns,
 * keys and dependence (analyzePatternsFromSample), personal-data findings (detectPii) and a DSL
 * schema of its shape; stored with the sample so synthesis and the dashboard reuse it.
 */
import { loadSample } from '@tdm/core';
import type { BlobStore } from '../blob/index.js';
import type { Db } from '../store/index.js';
import { getSample, saveProfile } from './sample-repo.js';
import { findingsOf, schemaText, synth } from './synth-adapter.js';
import { sampleSource } from './upload.js';

export interface StoredProfile {
  rows: Record<string, number>;
  /** DataPatterns. */
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
  const findings = await synth('detectPii')(tables, signal ? { signal } : {});
  const pii = findingsOf(findings);
  const patterns = await synth('analyzePatternsFromSample')(tables, signal ? { signal } : {});
  const schema = schemaText(synth('patternsToSchema')(patterns, { pii: findings }));
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
