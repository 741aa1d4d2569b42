/**
 * @module The one place the platform calls core's sample-learning functions (profiling, PII
 * detection, privacy rules, masking, synthesis, writing). Each is looked up by its public name,
 * so the server builds while those parts land one by one; a missing one answers
 * SAMPLE_ENGINE_UNAVAILABLE instead of failing the build. Core's input errors (an unreadable
 * sample, bad rules or options) become SAMPLE_REQUEST_INVALID (400) here.
 */
import * as core from '@tdm/core';
import type { DatasetSource, SampleTable } from '@tdm/core';
import { asRequestError, SampleError } from './errors.js';

/** Core's sample-learning functions the server calls; those not yet in core are declared here. */
export interface SynthApi {
  analyzePatternsFromSample(
    input: DatasetSource | SampleTable[],
    options?: { signal?: AbortSignal },
  ): Promise<Record<string, unknown>>;
  patternsToSchema(patterns: unknown): unknown;
  detectPii: typeof core.detectPii;
  parsePrivacyRules: typeof core.parsePrivacyRules;
  privacyRules: typeof core.privacyRules;
  privacyRulesFromFindings: typeof core.privacyRulesFromFindings;
  maskSensitiveData: typeof core.maskSensitiveData;
  generateSyntheticData: typeof core.generateSyntheticData;
  writeDataset: typeof core.writeDataset;
  validateSyntheticQuality: typeof core.validateSyntheticQuality;
}

/** The named function of core, or SAMPLE_ENGINE_UNAVAILABLE. */
export function synth<K extends keyof SynthApi>(name: K): SynthApi[K] {
  const f = (core as unknown as Record<string, unknown>)[name];
  if (typeof f !== 'function') {
    throw new SampleError('SAMPLE_ENGINE_UNAVAILABLE', `this server's engine has no ${name} yet`, {
      details: { function: name },
    });
  }
  const fn = f as (...args: unknown[]) => unknown;
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

/** The named function when this build has it; null otherwise (for optional steps). */
export function optionalSynth<K extends keyof SynthApi>(name: K): SynthApi[K] | null {
  try {
    return synth(name);
  } catch (e) {
    if (e instanceof SampleError && e.code === 'SAMPLE_ENGINE_UNAVAILABLE') return null;
    throw e;
  }
}

/** A DSL schema as text (the profile stores it as the user would save it). */
export function schemaText(doc: unknown): string | null {
  if (doc === null || doc === undefined) return null;
  return typeof doc === 'string' ? doc : JSON.stringify(doc, null, 2);
}
