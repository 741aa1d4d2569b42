/**
 * @module PrivacyRules: which column of which table is masked how (anonymize, pseudonymize,
 * generalize, redact, null, shuffle, redact-pii) and an optional k-anonymity requirement. One zod
 * declaration drives validation, the JSON form and the docs; bad rules are PRIVACY_RULES_INVALID
 * with the path of each problem.
 */
import { z } from 'zod';
import { didYouMean, parseSchemaText, problemsFromZod } from '../../dsl/index.js';
import { isTdmError, TdmError, type Problem } from '../../errors/index.js';
import { PII_KINDS } from '../types.js';

const kind = z.enum(PII_KINDS).describe('The kind of personal data in the column (email, person_name, ...).');

export const anonymizeRuleSchema = z
  .object({
    method: z.literal('anonymize'),
    kind: kind.optional().describe('What to generate instead (default: the same shape of characters).'),
    locale: z.string().optional().describe('Locale of generated names and addresses (default en).'),
  })
  .strict()
  .describe('Replace with a realistic value of the same kind; not reversible.');

export const pseudonymizeRuleSchema = z
  .object({
    method: z.literal('pseudonymize'),
    keepDomain: z.boolean().optional().describe('Emails keep their domain (default false).'),
  })
  .strict()
  .describe('Keyed, deterministic, format-preserving and injective: joins and uniqueness survive.');

const truncateUnit = z.enum(['day', 'month', 'year', 'decade']);

export const generalizeRuleSchema = z
  .object({
    method: z.literal('generalize'),
    width: z.number().positive().optional().describe('Numbers: bins of this width (20-29, 30-39, ...).'),
    bins: z.number().int().min(2).max(1000).optional().describe('Numbers: this many quantile bins.'),
    truncate: z
      .union([z.number().int().min(0).max(1000), truncateUnit])
      .optional()
      .describe('Strings: keep this many leading characters, pad with *; dates: day, month, year or decade.'),
    topCode: z.number().optional().describe('Numbers at or above this become "<topCode>+".'),
    bottomCode: z.number().optional().describe('Numbers below this become "<<bottomCode>".'),
    label: z
      .enum(['range', 'lower'])
      .optional()
      .describe('range: "20-29", "1987-05" (text, default); lower: the bin’s lower bound (keeps the type).'),
  })
  .strict()
  .describe('Coarsen values: numeric bins, top/bottom coding, date and string truncation.');

export const redactRuleSchema = z
  .object({
    method: z.literal('redact'),
    keepLast: z.number().int().min(0).optional().describe('Keep this many trailing characters (cards: 4).'),
    replacement: z.string().optional().describe('Replace every value with this text instead.'),
  })
  .strict()
  .describe('Strings: letters and digits become *, separators stay ("***-**-****"); other types: null.');

export const nullRuleSchema = z
  .object({ method: z.literal('null') })
  .strict()
  .describe('Every value null.');

export const shuffleRuleSchema = z
  .object({
    method: z.literal('shuffle'),
    block: z
      .number()
      .int()
      .min(2)
      .max(10_000_000)
      .optional()
      .describe('Rows per shuffled block (default 100,000): memory holds one block of rows.'),
  })
  .strict()
  .describe('Permute the column’s values between rows (within blocks of rows).');

export const redactPiiRuleSchema = z
  .object({
    method: z.literal('redact-pii'),
    kinds: z.array(kind).min(1).optional().describe('Kinds to replace (default all found).'),
  })
  .strict()
  .describe('Free text: personal data inside it becomes [EMAIL], [PHONE], ...');

const methodSchemas = [
  anonymizeRuleSchema,
  pseudonymizeRuleSchema,
  generalizeRuleSchema,
  redactRuleSchema,
  nullRuleSchema,
  shuffleRuleSchema,
  redactPiiRuleSchema,
] as const;

export const columnRuleSchema = z.preprocess(
  // A bare method name (`ssn: redact`) is the method with its defaults.
  (v) => (typeof v === 'string' ? { method: v } : v),
  z.discriminatedUnion('method', methodSchemas),
);

/** Options each method accepts (unknown-key hints, docs). */
export const methodOptions: Record<string, readonly string[]> = Object.fromEntries(
  methodSchemas.map((s) => [s.shape.method.value, Object.keys(s.shape)]),
);

export const kAnonymitySchema = z
  .object({
    table: z.string().min(1).describe('The table whose rows must be k-anonymous.'),
    k: z
      .number()
      .int()
      .min(2)
      .max(1_000_000)
      .describe('Every quasi-identifier combination occurs >= k times.'),
    quasiIdentifiers: z
      .array(z.string().min(1))
      .min(1)
      .max(12)
      .describe('Columns an attacker could link on.'),
    maxSuppression: z
      .number()
      .min(0)
      .max(0.5)
      .optional()
      .describe(
        'Share of rows whose quasi-identifiers may be blanked instead of generalizing further (default 0).',
      ),
  })
  .strict();

export const privacyRulesSchema = z
  .object({
    preserveRelationships: z
      .boolean()
      .optional()
      .describe(
        'Same pseudonym for the same input in every table (default true); false keys by table.column.',
      ),
    tables: z.record(z.string(), z.record(z.string(), columnRuleSchema)).optional(),
    kAnonymity: kAnonymitySchema.optional(),
  })
  .strict();

export type ColumnRule = z.infer<typeof columnRuleSchema>;
export type MaskMethod = ColumnRule['method'];
export type AnonymizeRule = z.infer<typeof anonymizeRuleSchema>;
export type PseudonymizeRule = z.infer<typeof pseudonymizeRuleSchema>;
export type GeneralizeRule = z.infer<typeof generalizeRuleSchema>;
export type RedactRule = z.infer<typeof redactRuleSchema>;
export type ShuffleRule = z.infer<typeof shuffleRuleSchema>;
export type RedactPiiRule = z.infer<typeof redactPiiRuleSchema>;
export type KAnonymityRule = z.infer<typeof kAnonymitySchema>;
export type PrivacyRules = z.infer<typeof privacyRulesSchema>;

const KEYS: Record<string, readonly string[]> = {
  '': Object.keys(privacyRulesSchema.shape),
  kAnonymity: Object.keys(kAnonymitySchema.shape),
};

function keysAt(path: readonly PropertyKey[], raw: unknown): readonly string[] {
  if (path.length === 3 && path[0] === 'tables') {
    const rule = (raw as { tables?: Record<string, Record<string, { method?: string }>> }).tables?.[
      String(path[1])
    ]?.[String(path[2])];
    return methodOptions[String(rule?.method)] ?? [];
  }
  return KEYS[path.join('.')] ?? [];
}

/** A rule whose method is missing or unknown, said plainly (zod only sees a failed union). */
function unknownMethod(path: readonly PropertyKey[], raw: unknown): Problem[] | undefined {
  if (path[0] !== 'tables' || path.length < 3 || path.length > 4) return undefined;
  if (path.length === 4 && path[3] !== 'method') return undefined;
  const rule = valueAt(raw, path.slice(0, 3));
  if (path.length === 3 && rule === null) {
    // YAML reads `email: null` (the method) and `email:` as no value at all.
    return [
      invalid(
        path.map(String).join('.'),
        'has no method (YAML reads a bare null or an empty value as nothing)',
        'Quote the method to null the column (email: "null"), or name another method.',
      ),
    ];
  }
  const method = typeof rule === 'string' ? rule : (rule as { method?: unknown } | null)?.method;
  if (typeof rule !== 'string' && (typeof rule !== 'object' || rule === null)) return undefined;
  const known = Object.keys(methodOptions);
  if (typeof method === 'string' && known.includes(method)) return undefined;
  const at = `${path.slice(0, 3).map(String).join('.')}.method`;
  const what =
    method === undefined
      ? 'missing'
      : `unknown method ${JSON.stringify(method)}${didYouMean(String(method), known)}`;
  return [invalid(at, what, `Use one of: ${known.join(', ')}.`)];
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let v = raw;
  for (const k of path)
    v = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[String(k)] : undefined;
  return v;
}

/** Structural problems of the rules that zod cannot see (exclusive options). */
function crossChecks(rules: PrivacyRules): Problem[] {
  const out: Problem[] = [];
  for (const [t, cols] of Object.entries(rules.tables ?? {})) {
    for (const [c, r] of Object.entries(cols)) {
      if (r.method !== 'generalize') continue;
      const at = `tables.${t}.${c}`;
      if (r.width !== undefined && r.bins !== undefined)
        out.push(invalid(`${at}.bins`, 'give either width or bins, not both'));
      if (r.topCode !== undefined && r.bottomCode !== undefined && r.bottomCode >= r.topCode)
        out.push(invalid(`${at}.bottomCode`, `must be below topCode (${r.topCode})`));
      const any = [r.width, r.bins, r.truncate, r.topCode, r.bottomCode].some((x) => x !== undefined);
      if (!any) out.push(invalid(at, 'generalize needs width, bins, truncate, topCode or bottomCode'));
    }
  }
  const k = rules.kAnonymity;
  if (k && new Set(k.quasiIdentifiers).size !== k.quasiIdentifiers.length)
    out.push(invalid('kAnonymity.quasiIdentifiers', 'a column is listed twice'));
  return out;
}

/** A PRIVACY_RULES_INVALID problem at a path. */
export function invalid(path: string, message: string, suggestion?: string): Problem {
  return {
    code: 'PRIVACY_RULES_INVALID',
    path,
    message: `${path || 'rules'}: ${message}`,
    suggestion: suggestion ?? 'Fix the privacy rules at that path.',
  };
}

/** Throws PRIVACY_RULES_INVALID listing every problem. */
export function throwProblems(problems: Problem[]): never {
  const first = problems[0] as Problem;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  throw new TdmError('PRIVACY_RULES_INVALID', `privacy rules are invalid: ${first.message}${more}`, {
    problems,
    details: { problems: problems.map((p) => ({ path: p.path, message: p.message })) },
    suggestedActions: [first.suggestion],
  });
}

/**
 * Validates a rules object (parsed YAML/JSON or built in code).
 *
 * @example
 * privacyRules({ tables: { customers: { email: { method: 'pseudonymize', keepDomain: true } } } });
 */
export function privacyRules(raw: unknown): PrivacyRules {
  const parsed = privacyRulesSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.flatMap(
      (issue) =>
        unknownMethod(issue.path, raw) ??
        problemsFromZod(new z.ZodError([issue]), raw, { knownKeys: keysAt(issue.path, raw) }).map((p) =>
          invalid(p.path, p.message.slice(p.message.indexOf(': ') + 2), p.suggestion),
        ),
    );
    throwProblems(problems);
  }
  const problems = crossChecks(parsed.data);
  if (problems.length) throwProblems(problems);
  return parsed.data;
}

/**
 * Reads privacy rules from YAML or JSON text.
 *
 * @example
 * parsePrivacyRules('tables: { customers: { ssn: redact } }');
 */
export function parsePrivacyRules(text: string): PrivacyRules {
  let raw: unknown;
  try {
    raw = parseSchemaText(text);
  } catch (e) {
    if (!isTdmError(e)) throw e;
    throw new TdmError('PRIVACY_RULES_INVALID', e.message.replace(/^schema is/, 'privacy rules are'), {
      details: e.details,
      suggestedActions: [
        'Write the rules as a YAML or JSON mapping (see the Masking section of the README).',
      ],
    });
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throwProblems([invalid('', 'expected a mapping with `tables` and/or `kAnonymity`')]);
  }
  return privacyRules(raw);
}
