/**
 * @module The one place the platform calls core's sample-learning functions (profiling, PII
 * detection, privacy rules, masking, synthesis, the fidelity report, writing). Core's input errors
 * (an unreadable sample, bad rules or options) become SAMPLE_REQUEST_INVALID (400) here.
 */
import * as core from '@tdm/core';
import type { DatasetSource, SampleTable } from '@tdm/core';
import { asRequestError } from './errors.js';

/** Core's sample-learning functions the server calls. */
export interface SynthApi {
  analyzePatternsFromSample: typeof core.analyzePatternsFromSample;
  patternsToSchema: typeof core.patternsToSchema;
  detectPii: typeof core.detectPii;
  parsePrivacyRules: typeof core.parsePrivacyRules;
  privacyRules: typeof core.privacyRules;
  privacyRulesFromFindings: typeof core.privacyRulesFromFindings;
  maskSensitiveData: typeof core.maskSensitiveData;
  generateSyntheticData: typeof core.generateSyntheticData;
  writeDataset: typeof core.writeDataset;
  validateSyntheticQuality: typeof core.validateSyntheticQuality;
  keyColumns: typeof core.keyColumns;
}

const api: SynthApi = {
  analyzePatternsFromSample: core.analyzePatternsFromSample,
  patternsToSchema: core.patternsToSchema,
  detectPii: core.detectPii,
  parsePrivacyRules: core.parsePrivacyRules,
  privacyRules: core.privacyRules,
  privacyRulesFromFindings: core.privacyRulesFromFindings,
  maskSensitiveData: core.maskSensitiveData,
  generateSyntheticData: core.generateSyntheticData,
  writeDataset: core.writeDataset,
  validateSyntheticQuality: core.validateSyntheticQuality,
  keyColumns: core.keyColumns,
};

/** Core's function `name`, its input errors answered as the caller's (400). */
export function synth<K extends keyof SynthApi>(name: K): SynthApi[K] {
  const fn = api[name] as (...args: unknown[]) => unknown;
  return ((...args: unknown[]) => {
    try {
      const out = fn(...args);
      return out instanceof Promise ? out.catch((e: unknown) => Promise.reject(asRequestError(e))) : out;
    } catch (e) {
      throw asRequestError(e);
    }
  }) as SynthApi[K];
}

/** Privacy rules from the request: YAML/JSON text, or the object itself; PRIVACY_RULES_INVALID paths as 400. */
export function rulesOf(input: unknown): core.PrivacyRules {
  return typeof input === 'string' ? synth('parsePrivacyRules')(input) : synth('privacyRules')(input);
}

/** Findings as a plain array, whatever container detectPii answers with. */
export function findingsOf(result: unknown): unknown[] {
  if (Array.isArray(result)) return result;
  const r = result as { findings?: unknown; columns?: unknown } | null;
  if (Array.isArray(r?.findings)) return r.findings;
  if (Array.isArray(r?.columns)) return r.columns;
  return [];
}

/** Synthesized tables as a DatasetSource (what writeDataset reads), streamed from their columns. */
export function tablesSource(tables: readonly SampleTable[]): DatasetSource {
  return core.sampleDataset(tables);
}

/** A DSL schema as text (the profile stores it as the user would save it). */
export function schemaText(doc: unknown): string | null {
  if (doc === null || doc === undefined) return null;
  return typeof doc === 'string' ? doc : JSON.stringify(doc, null, 2);
}
