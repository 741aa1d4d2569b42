/**
 * @module Rules against a dataset: every table and column named must exist, and each method must
 * fit its column's type (no date arithmetic on text, no pseudonymized timestamps, ...). All
 * problems are reported at once as PRIVACY_RULES_INVALID, each with its path.
 */
import { didYouMean } from '../../dsl/index.js';
import type { Problem } from '../../errors/index.js';
import type { ColumnType, DatasetSource, EntitySource } from '../../quality/read/index.js';
import { hierarchyFamily } from './hierarchy.js';
import { invalid, throwProblems, type ColumnRule, type PrivacyRules } from './rules.js';

const NUMERIC: readonly ColumnType[] = ['integer', 'number'];

function methodProblem(at: string, rule: ColumnRule, type: ColumnType): Problem | undefined {
  if (rule.method === 'pseudonymize' && (type === 'date' || type === 'timestamp' || type === 'json')) {
    return invalid(
      at,
      `a ${type} column cannot be pseudonymized (no format-preserving form)`,
      'Use generalize (truncate: year) or anonymize for dates, redact for json.',
    );
  }
  if (rule.method === 'redact-pii' && type !== 'string') {
    return invalid(at, `redact-pii reads free text; this column is ${type}`, 'Use redact or null for it.');
  }
  if (rule.method !== 'generalize') return undefined;
  const family = hierarchyFamily(type, rule);
  if (family === 'numeric' && !NUMERIC.includes(type)) {
    return invalid(
      at,
      `width, bins, topCode and bottomCode need a numeric column; this one is ${type}`,
      'Use truncate for text and dates.',
    );
  }
  if (family === 'date' && type !== 'date' && type !== 'timestamp') {
    return invalid(
      `${at}.truncate`,
      `truncate: ${String(rule.truncate)} needs a date or timestamp column; this one is ${type}`,
      'Give a number of characters to keep (truncate: 3) for text.',
    );
  }
  return undefined;
}

function columnProblem(e: EntitySource, at: string, column: string): Problem | undefined {
  if (e.columns.some((c) => c.name === column)) return undefined;
  const names = e.columns.map((c) => c.name);
  return invalid(
    at,
    `table "${e.name}" has no column "${column}"${didYouMean(column, names)}`,
    `Use one of: ${names.join(', ')}.`,
  );
}

/** Throws PRIVACY_RULES_INVALID when the rules do not fit the dataset. */
export function checkRulesAgainst(source: DatasetSource, rules: PrivacyRules): void {
  const problems: Problem[] = [];
  const tables = source.entities.map((e) => e.name);
  const entity = (name: string, at: string): EntitySource | undefined => {
    const e = source.entities.find((x) => x.name === name);
    if (!e) {
      problems.push(
        invalid(
          at,
          `no table "${name}" in the dataset${didYouMean(name, tables)}`,
          `Use one of: ${tables.join(', ')}.`,
        ),
      );
    }
    return e;
  };
  for (const [table, columns] of Object.entries(rules.tables ?? {})) {
    const e = entity(table, `tables.${table}`);
    if (!e) continue;
    for (const [column, rule] of Object.entries(columns)) {
      const at = `tables.${table}.${column}`;
      const missing = columnProblem(e, at, column);
      if (missing) {
        problems.push(missing);
        continue;
      }
      const type = e.columns.find((c) => c.name === column)?.type ?? 'string';
      const p = methodProblem(at, rule, type);
      if (p) problems.push(p);
    }
  }
  const k = rules.kAnonymity;
  if (k) {
    const e = entity(k.table, 'kAnonymity.table');
    if (e) {
      k.quasiIdentifiers.forEach((q, i) => {
        const at = `kAnonymity.quasiIdentifiers[${i}]`;
        const missing = columnProblem(e, at, q);
        if (missing) return void problems.push(missing);
        const own = rules.tables?.[k.table]?.[q];
        if (own && own.method !== 'generalize') {
          problems.push(
            invalid(
              `tables.${k.table}.${q}`,
              `"${q}" is a quasi-identifier, which k-anonymity generalizes; it cannot also use ${own.method}`,
              'Remove the column rule, or make it a generalize rule (the least generalization k-anonymity starts from).',
            ),
          );
        }
      });
    }
  }
  if (problems.length) throwProblems(problems);
}
