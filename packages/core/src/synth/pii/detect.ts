/**
 * @module Column-level personal-data detection (`detectPii`): every column of every table is
 * judged by its name and by a sample of its values, and each finding says how sure it is and why
 * (the name pattern, how many values were checked and matched, the validator, masked examples).
 */
import { TdmError } from '../../errors/index.js';
import type { DatasetSource } from '../../quality/read/index.js';
import { loadSample, type SampleColumn, type SampleTable } from '../table.js';
import type { PiiColumn } from '../types.js';
import { maskExample } from './mask-example.js';
import { nameEvidence, type NameEvidence } from './name-patterns.js';
import { findPiiInText } from './recognizers.js';
import { VALUE_CHECKS } from './value-checks.js';

export interface PiiEvidence {
  /** The column-name pattern that matched, if any. */
  name?: string;
  /** Non-null sampled values tested. */
  checked: number;
  /** Of those, values that passed the kind's validator (free text: values with PII inside). */
  matched: number;
  validator?: string;
  /** Up to three matched values, partially masked (j***@e***.com); never a raw value. */
  examples: string[];
}

export interface PiiFinding extends PiiColumn {
  /** In [0, 1]; see `combineConfidence`. */
  confidence: number;
  evidence: PiiEvidence;
}

export interface DetectPiiOptions {
  /** Values sampled per column (default 2,000, spread over the table). */
  sampleRows?: number;
  /** Findings below this confidence are dropped (default 0.5). */
  minConfidence?: number;
  signal?: AbortSignal;
}

const DEFAULT_SAMPLE_ROWS = 2000;
const DEFAULT_MIN_CONFIDENCE = 0.5;

/**
 * Confidence from name and value evidence, as two independent signals: 1 - (1 - n)(1 - v).
 * - n, the name's strength (0 without a matching name), is discounted when the sampled values
 *   contradict it: below the share at which values agree (`agree`: a half for validated kinds,
 *   0.15 for lexicon kinds, whose lexicons know only some names), n * (0.4 + 0.6 * share /
 *   agree), so an `email` column holding no emails keeps 40% of its name's weight.
 * - v = weight * share: the matching share of sampled values times how far a match alone proves
 *   the kind (1 for an email, 0.6 for a city name in a lexicon; 0 for kinds that need a name).
 * With no values to check, the name alone decides.
 */
export function combineConfidence(
  name: number,
  share: number,
  weight: number,
  checked: number,
  agree = 0.5,
): number {
  if (checked === 0) return name;
  const n = share >= agree ? name : name * (0.4 + (0.6 * share) / agree);
  return 1 - (1 - n) * (1 - weight * share);
}

/**
 * Free text counts as fully matching once a tenth of its values hold personal data (a notes
 * column where every tenth note has a phone number is a privacy problem), with weight 0.9; one
 * hit alone is not evidence.
 */
const FREE_TEXT_FULL_SHARE = 0.1;
const FREE_TEXT_WEIGHT = 0.9;

function sampleValues(col: SampleColumn, rows: number, max: number): string[] {
  const step = Math.max(1, Math.floor(rows / max));
  const out: string[] = [];
  for (let r = 0; r < rows && out.length < max; r += step) {
    const v = col.values[r];
    if (v === null || v === undefined || typeof v === 'boolean') continue;
    const s = String(v).trim();
    if (s !== '') out.push(s);
  }
  return out;
}

function examplesOf(values: readonly string[], mask: (v: string) => string): string[] {
  const out = new Set<string>();
  for (const v of values) {
    if (out.size >= 3) break;
    out.add(mask(v));
  }
  return [...out];
}

const isTexty = (values: readonly string[]): boolean => {
  if (values.length === 0) return false;
  let length = 0;
  let spaced = 0;
  for (const v of values) {
    length += v.length;
    if (v.includes(' ')) spaced++;
  }
  return length / values.length >= 20 && spaced / values.length >= 0.5;
};

function freeTextFinding(
  values: readonly string[],
  named: NameEvidence | null,
): Omit<PiiFinding, 'table' | 'column'> {
  const hits: string[] = [];
  for (const v of values) {
    const spans = findPiiInText(v);
    // A value that is one piece of personal data and nothing else is that kind's, not text's.
    const whole =
      spans.length === 1 &&
      v.slice(spans[0]!.start).replace(/[\s.,;-]+$/, '') === v.trim().replace(/[\s.,;-]+$/, '');
    if (spans.length > 0 && !whole)
      hits.push(spans.map((s) => `${s.kind} ${maskExample(v.slice(s.start, s.end))}`).join(', '));
  }
  const share = values.length === 0 ? 0 : hits.length / values.length;
  const name = named?.kind === 'free_text' ? named.strength : 0;
  return {
    kind: 'free_text',
    confidence: combineConfidence(
      name,
      Math.min(1, share / FREE_TEXT_FULL_SHARE),
      hits.length < 2 ? 0 : FREE_TEXT_WEIGHT,
      values.length,
    ),
    evidence: {
      ...(name > 0 ? { name: named!.pattern } : {}),
      checked: values.length,
      matched: hits.length,
      validator: 'findPiiInText',
      examples: examplesOf(hits, (h) => h),
    },
  };
}

/** The best-supported finding for one column, or null when nothing points to personal data. */
export function judgeColumn(
  columnName: string,
  values: readonly string[],
): Omit<PiiFinding, 'table' | 'column'> | null {
  const named = nameEvidence(columnName);
  const pattern = named?.pattern ?? '';
  let best: Omit<PiiFinding, 'table' | 'column'> | null = null;
  for (const check of VALUE_CHECKS) {
    const byName = named?.kind === check.kind;
    if (check.needsName && !byName) continue;
    const loose = byName ? check.withName : undefined;
    const matchedValues = loose ? values.filter((v) => loose.test(v, pattern)) : values.filter(check.test);
    const share = values.length === 0 ? 0 : matchedValues.length / values.length;
    if (!byName && share === 0) continue;
    const confidence = combineConfidence(
      byName ? named.strength : 0,
      share,
      check.weight,
      values.length,
      check.agreeShare,
    );
    if (best && confidence <= best.confidence) continue;
    best = {
      kind: check.kind,
      confidence,
      evidence: {
        ...(byName ? { name: pattern } : {}),
        checked: values.length,
        matched: matchedValues.length,
        validator: loose ? loose.validator : check.validator,
        examples: examplesOf(matchedValues, maskExample),
      },
    };
  }
  if (isTexty(values) || named?.kind === 'free_text') {
    const text = freeTextFinding(values, named);
    if (!best || text.confidence > best.confidence) best = text;
  }
  return best;
}

/**
 * Finds the columns holding personal data, by column name and by a sample of values, with a
 * confidence in [0, 1] and the evidence for each.
 *
 * @example
 * const findings = await detectPii(await openDataset(['customers.csv']));
 * // [{ table: 'customers', column: 'email', kind: 'email', confidence: 1,
 * //    evidence: { name: 'email', checked: 2000, matched: 2000, validator: 'isEmail',
 * //                examples: ['j***@e***.com', ...] } }, ...]
 */
export async function detectPii(
  input: DatasetSource | SampleTable[],
  options: DetectPiiOptions = {},
): Promise<PiiFinding[]> {
  const sampleRows = options.sampleRows ?? DEFAULT_SAMPLE_ROWS;
  const minConfidence = options.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  if (!Number.isInteger(sampleRows) || sampleRows < 1 || !(minConfidence >= 0 && minConfidence <= 1)) {
    throw new TdmError(
      'SYNTH_OPTIONS_INVALID',
      `detectPii: sampleRows must be a positive integer and minConfidence in [0, 1], got ${sampleRows} and ${minConfidence}`,
      { suggestedActions: ['Pass e.g. { sampleRows: 2000, minConfidence: 0.5 }.'] },
    );
  }
  const tables = Array.isArray(input)
    ? input
    : await loadSample(input, { maxRows: sampleRows, ...(options.signal ? { signal: options.signal } : {}) });
  const findings: PiiFinding[] = [];
  for (const table of tables) {
    for (const col of table.columns) {
      options.signal?.throwIfAborted();
      const judged = judgeColumn(col.name, sampleValues(col, table.rows, sampleRows));
      if (judged && judged.confidence >= minConfidence) {
        findings.push({
          table: table.name,
          column: col.name,
          ...judged,
          confidence: round(judged.confidence),
        });
      }
    }
  }
  return findings;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
