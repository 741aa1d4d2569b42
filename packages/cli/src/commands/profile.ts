/**
 * @module `tdm profile <sample...>`: what a sample looks like. Per column its type, missingness,
 * distribution or categories, formats and time range; per table candidate keys and the strongest
 * dependences between columns; across tables the foreign keys found by inclusion. Prints text,
 * JSON (DataPatterns) or the DSL schema that reproduces the sample's shape (`yaml-schema`), whose
 * personal-data columns use generators instead of real values.
 */
import { Option, type Command } from 'commander';
import { stringify } from 'yaml';
import {
  analyzePatternsFromSample,
  candidateKeys,
  detectPii,
  foreignKeys,
  patternsToSchema,
  type DataPatterns,
  type PiiColumn,
  type SampleTable,
  type SchemaDoc,
} from '@tdm/core';
import type { Io } from '../io.js';
import { runCodedCommand, writeOutputFile } from './coded-command.js';
import {
  choiceFlag,
  emit,
  fractionFlag,
  maxRowsOption,
  checkOutputs,
  readSample,
  type Relationship,
} from './sample-common.js';

export interface ProfileFlags {
  output: 'text' | 'json' | 'yaml-schema';
  out?: string;
  schemaOut?: string;
  maxRows?: number;
  piiDetect?: boolean;
  minConfidence?: number;
}

export interface ProfileResult {
  patterns: DataPatterns;
  pii: PiiColumn[];
  schema: SchemaDoc;
}

export async function runProfile(paths: string[], flags: ProfileFlags): Promise<ProfileResult> {
  await checkOutputs(paths, [
    { flag: '--out', path: flags.out, kind: 'file' },
    { flag: '--schema-out', path: flags.schemaOut, kind: 'file' },
  ]);
  const { tables } = await readSample(paths, flags.maxRows);
  const patterns = await analyzePatternsFromSample(tables);
  const pii: PiiColumn[] =
    flags.piiDetect === false
      ? []
      : (
          await detectPii(
            tables,
            flags.minConfidence === undefined ? {} : { minConfidence: flags.minConfidence },
          )
        ).map((f) => ({ table: f.table, column: f.column, kind: f.kind }));
  return { patterns, pii, schema: patternsToSchema(patterns, { pii }) };
}

/**
 * The relationships a synthesizer can keep: the detected foreign keys, without self references,
 * one per referencing column (the best covered) and none that would close a cycle.
 */
export function detectForeignKeys(tables: SampleTable[]): Relationship[] {
  if (tables.length < 2) return [];
  // Keys and inclusion only: the distributions and dependence of a full profile are not needed.
  const keys = new Map(tables.map((t) => [t.name, candidateKeys(t)]));
  const found = foreignKeys(tables, keys).sort((a, b) => b.coverage - a.coverage);
  const kept: Relationship[] = [];
  const parentsOf = new Map<string, Set<string>>();
  const reaches = (from: string, to: string, seen = new Set<string>()): boolean => {
    if (from === to) return true;
    if (seen.has(from)) return false;
    seen.add(from);
    return [...(parentsOf.get(from) ?? [])].some((p) => reaches(p, to, seen));
  };
  for (const fk of found) {
    const child = fk.from.table;
    const parent = fk.to.table;
    if (child === parent || reaches(parent, child)) continue;
    if (kept.some((k) => k.from.table === child && k.from.column === fk.from.column)) continue;
    kept.push({ from: fk.from, to: fk.to });
    parentsOf.set(child, (parentsOf.get(child) ?? new Set()).add(parent));
  }
  return kept;
}

const pct = (x: number): string => `${(x * 100).toFixed(x > 0 && x < 0.01 ? 2 : 0)}%`;
const num = (x: number): string => (Number.isInteger(x) ? String(x) : x.toPrecision(4));

/** Values longer than this are cut in the text profile ("..." marks the cut). */
const SHOWN_LENGTH = 40;
const shown = (v: string): string => (v.length > SHOWN_LENGTH ? `${v.slice(0, SHOWN_LENGTH - 3)}...` : v);

type ColumnPatterns = DataPatterns['tables'][number]['columns'][number];

/** A personal-data column's summary: its shape only, no value (not even a minimum or a top value). */
function piiSummary(c: ColumnPatterns): string {
  const f = c.strings?.formats[0];
  if (c.strings)
    return `length ${c.strings.minLength}..${c.strings.maxLength}${f ? `, ${shown(f.pattern)} ${pct(f.share)}` : ''}`;
  return 'values not shown (personal data)';
}

function columnSummary(c: ColumnPatterns, pii: boolean): string {
  if (pii) return piiSummary(c);
  if (c.temporal) return `${c.temporal.min} .. ${c.temporal.max} (${c.temporal.granularity})`;
  if (c.categories && c.categories.values.length > 0 && (c.type === 'string' || c.type === 'boolean')) {
    const top = c.categories.values.slice(0, 4).map((v) => `${shown(String(v.value))} ${pct(v.share)}`);
    if (c.categories.values.length > 4 || c.categories.otherShare > 0) top.push('...');
    return top.join(', ');
  }
  if (c.numeric)
    return `${num(c.numeric.min)} .. ${num(c.numeric.max)}, median ${num(c.numeric.quantiles[4] ?? NaN)}`;
  if (c.strings) {
    const f = c.strings.formats[0];
    return `length ${c.strings.minLength}..${c.strings.maxLength}${f ? `, ${shown(f.pattern)} ${pct(f.share)}` : ''}`;
  }
  return '';
}

/**
 * A readable profile: a block per table, then the relationships. Personal-data columns show their
 * shape, never a value; long values are cut.
 */
export function profileText(r: ProfileResult): string {
  const lines: string[] = [];
  const piiOf = new Map(r.pii.map((p) => [`${p.table}.${p.column}`, p.kind]));
  for (const t of r.patterns.tables) {
    const keys = t.candidateKeys.map((k) => k.join('+')).join(', ') || 'none';
    lines.push(
      `${t.name}: ${t.rows} rows${t.truncated ? ' (truncated)' : ''}, ${t.columns.length} columns; candidate keys: ${keys}`,
    );
    const width = Math.max(...t.columns.map((c) => c.name.length));
    for (const c of t.columns) {
      const pii = piiOf.get(`${t.name}.${c.name}`);
      lines.push(
        `  ${c.name.padEnd(width)}  ${c.type.padEnd(9)} ${pct(c.nullShare).padStart(5)} null ${String(c.distinct).padStart(7)} distinct  ${columnSummary(c, pii !== undefined)}${pii ? `  [PII: ${pii}]` : ''}`,
      );
    }
    const strong = [...t.dependence].sort((a, b) => b.value - a.value).filter((d) => d.value >= 0.1);
    if (strong.length) {
      lines.push(
        `  dependence: ${strong
          .slice(0, 8)
          .map((d) => `${d.a}~${d.b} ${d.value.toFixed(2)}`)
          .join(', ')}${strong.length > 8 ? ` (+${strong.length - 8} more)` : ''}`,
      );
    }
  }
  for (const fk of r.patterns.foreignKeys) {
    lines.push(
      `relationship: ${fk.from.table}.${fk.from.column} -> ${fk.to.table}.${fk.to.column} (${pct(fk.coverage)} found)`,
    );
  }
  return lines.join('\n') + '\n';
}

/** The DSL schema as YAML text, with a header saying where it came from. */
export function schemaYaml(schema: SchemaDoc): string {
  return `# tdm schema profiled from a sample: \`tdm validate\` it, \`tdm generate\` from it\n${stringify(schema)}`;
}

/** Adds `tdm profile` to the program. */
export function registerProfileCommand(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('profile')
    .description('profile a sample: types, distributions, keys, dependence, relationships; or its DSL schema')
    .argument(
      '<sample...>',
      'sample files (csv, tsv, json, ndjson, parquet) or directories; one file per table',
    )
    .addOption(
      new Option('--output <style>', 'text, json (the patterns) or yaml-schema (a DSL schema of the sample)')
        .argParser(choiceFlag('--output', ['text', 'json', 'yaml-schema'] as const))
        .default('text'),
    )
    .option('--out <file>', 'write the output to a file instead of stdout')
    .option('--schema-out <file>', 'also write the DSL schema (YAML) to this file')
    .option('--no-pii-detect', 'do not detect personal data (the schema then learns every column’s values)')
    .option(
      '--min-confidence <x>',
      'PII findings at or above this confidence get generators in the schema (default 0.5)',
      fractionFlag('--min-confidence'),
    )
    .addOption(maxRowsOption())
    .action((paths: string[], flags: ProfileFlags) =>
      runCodedCommand(io, setExit, async () => {
        const r = await runProfile(paths, flags);
        const text =
          flags.output === 'json'
            ? JSON.stringify(r.patterns, null, 2) + '\n'
            : flags.output === 'yaml-schema'
              ? schemaYaml(r.schema)
              : profileText(r);
        await emit(io, text, flags.out);
        if (flags.schemaOut) await writeOutputFile(flags.schemaOut, schemaYaml(r.schema), '--schema-out');
        if (flags.out) io.out(`profile of ${r.patterns.tables.length} table(s) written to ${flags.out}\n`);
        return 0;
      }),
    );
}
