/**
 * @module The catalogue of tdm's error codes: one stable SCREAMING_SNAKE code per failure kind,
 * each with a default suggested action. Edges map codes to HTTP statuses and CLI exit codes.
 */
export const errorCatalogue = {
  SCHEMA_PARSE_ERROR: {
    category: 'schema',
    action: 'Fix the YAML/JSON syntax at the reported line and column.',
  },
  SCHEMA_INVALID: {
    category: 'schema',
    action: 'Fix each listed problem; run `tdm validate` to see them all.',
  },
  SCHEMA_TYPE_INVALID: { category: 'schema', action: 'Use a value of the expected type at this path.' },
  SCHEMA_TYPE_UNKNOWN: { category: 'schema', action: 'Use a generator type listed in the DSL reference.' },
  SCHEMA_OPTION_UNKNOWN: { category: 'schema', action: 'Remove the option or correct its spelling.' },
  SCHEMA_REF_UNKNOWN: { category: 'schema', action: 'Reference an existing entity.field.' },
  SCHEMA_FIELD_UNKNOWN: { category: 'schema', action: 'Use a field defined on the entity.' },
  SCHEMA_CYCLE: {
    category: 'schema',
    action: 'Make one reference in the cycle nullable (nullRate > 0) or drop it.',
  },
  SCHEMA_DEPENDENCY_CYCLE: { category: 'schema', action: 'Break the cycle between derived fields.' },
  SCHEMA_UNIQUE_CAPACITY: {
    category: 'schema',
    action: 'Lower the row count, widen the value space, or drop `unique`.',
  },
  SCHEMA_RANGE_INVALID: { category: 'schema', action: 'Make min less than or equal to max.' },
  SCHEMA_CONSTRAINT_INVALID: { category: 'schema', action: 'Fix the rule expression.' },
  SCHEMA_CONSTRAINT_CONFLICT: { category: 'schema', action: 'Remove or relax one of the conflicting rules.' },
  SCHEMA_COUNT_INVALID: {
    category: 'schema',
    action: 'Give a count as a non-negative integer or a per-parent spec.',
  },
  SCHEMA_KEY_INVALID: { category: 'schema', action: 'Name existing fields in primaryKey/unique.' },
  SCHEMA_SELF_REF_NOT_NULLABLE: {
    category: 'schema',
    action: 'Self references need roots: set nullRate > 0 or use `tree`.',
  },
  SCHEMA_LOCALE_UNKNOWN: {
    category: 'schema',
    action: 'Use one of faker’s locale codes, e.g. en, de, fr, ja.',
  },
  SCHEMA_TOO_LARGE: { category: 'schema', action: 'Split the schema or reduce its size.' },
  GENERATION_CONSTRAINT_UNSATISFIED: {
    category: 'generation',
    action: 'Relax the rule or the ranges of the fields it names so random rows can satisfy it.',
  },
  GENERATION_CANCELLED: {
    category: 'generation',
    action: 'Start the generation again if it is still needed.',
  },
  GENERATION_JOB_NOT_FOUND: { category: 'generation', action: 'Check the job id.' },
  GENERATION_ENGINE_VERSION_UNSUPPORTED: {
    category: 'generation',
    action: 'Use an engine version this build supports (see `tdm --version`).',
  },
  GENERATION_OUTPUT_FAILED: {
    category: 'generation',
    action: 'Check the output directory is writable and has space.',
  },
  FORMAT_UNSUPPORTED: { category: 'format', action: 'Use csv, json, ndjson, xml, sql or parquet.' },
  FORMAT_OPTION_INVALID: { category: 'format', action: 'Fix the format option.' },
  DATASET_FILE_UNREADABLE: {
    category: 'dataset',
    action: 'Check the path exists, is a readable file or directory, and (for .gz) is valid gzip.',
  },
  DATASET_FORMAT_UNKNOWN: {
    category: 'dataset',
    action: 'Name files .csv, .tsv, .json, .ndjson/.jsonl or .parquet (optionally .gz).',
  },
  DATASET_FORMAT_UNSUPPORTED: {
    category: 'dataset',
    action: 'Regenerate the dataset with --format csv, ndjson or parquet to check its quality.',
  },
  DATASET_COLUMNS_MISMATCH: {
    category: 'dataset',
    action: 'Make the file’s columns match the schema’s fields, or check it without --schema.',
  },
  DATASET_ROW_MALFORMED: {
    category: 'dataset',
    action: 'Fix the file at the reported line (quoting, field count, JSON syntax, size or depth).',
  },
  QUALITY_RULE_INVALID: {
    category: 'quality',
    action: 'Fix the rule: name an existing entity and field, a known format and a valid expression.',
  },
  QUALITY_DATASET_INVALID: {
    category: 'quality',
    action: 'Point at CSV/TSV/JSON/NDJSON/Parquet files (or a directory of them) with a header row.',
  },
  QUALITY_GATE_FAILED: {
    category: 'quality',
    action: 'Read the quality report: fix the failing rules or the data, or lower the quality level.',
  },
  SAMPLE_INVALID: {
    category: 'synth',
    action:
      'Give a sample with a header row and at least one data row per table (CSV/TSV/JSON/NDJSON/Parquet).',
  },
  PRIVACY_RULES_INVALID: {
    category: 'synth',
    action: 'Fix the privacy rules: name existing tables and columns, a known method and valid options.',
  },
  PRIVACY_SECRET_MISSING: {
    category: 'synth',
    action:
      'Pseudonymizing needs a secret: pass --secret-file (or TDM_PSEUDONYM_SECRET); keep it safe to reproduce joins.',
  },
  K_ANONYMITY_UNREACHABLE: {
    category: 'synth',
    action: 'Lower k, declare fewer quasi-identifiers or allow coarser generalization levels.',
  },
  SYNTH_OPTIONS_INVALID: {
    category: 'synth',
    action: 'Fix the synthesis options: a positive row count, a known method and valid column names.',
  },
  SYNTH_PRIVACY_FILTER_EXHAUSTED: {
    category: 'synth',
    action:
      'The sample is too small or too repetitive to synthesize rows far enough from real ones: give a larger sample or lower minDistance.',
  },
  INPUT_INVALID: { category: 'input', action: 'Fix the input value.' },
  INPUT_FILE_NOT_FOUND: { category: 'input', action: 'Check the path exists and is readable.' },
  INPUT_TOO_LARGE: { category: 'input', action: 'Use a smaller input.' },
  INTERNAL_ERROR: { category: 'internal', action: 'Report this as a bug with the command that caused it.' },
} as const satisfies Record<string, { category: string; action: string }>;

export type ErrorCode = keyof typeof errorCatalogue;
