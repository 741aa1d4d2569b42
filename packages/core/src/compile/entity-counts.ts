/**
 * @module Rows per entity: fixed counts times the scale (or a per-run override), per-parent counts
 * laid out over the parent's rows; overrides naming nothing and per-parent cycles are problems.
 */
import { didYouMean } from '../dsl/did-you-mean.js';
import type { SchemaDoc } from '../dsl/model.js';
import { problem, TdmError, type Problem } from '../errors/index.js';
import { PerParentLayout } from '../plan/per-parent.js';
import { problemFromError } from './consequence.js';
import { perParentCounter } from './counts.js';

const DEFAULT_COUNT = 100;
const MAX_ROWS = 2 ** 40;

export interface EntityCounts {
  counts: Map<string, number>;
  layouts: Map<string, PerParentLayout>;
  problems: Problem[];
}

export function resolveCounts(
  doc: SchemaDoc,
  overrides: Record<string, number>,
  seed: number,
  scale: number,
): EntityCounts {
  const entities = Object.keys(doc.entities);
  const out: EntityCounts = { counts: new Map(), layouts: new Map(), problems: [] };
  const report = (code: Problem['code'], path: string, message: string, suggestion?: string): void => {
    out.problems.push(problem(code, path, `${path}: ${message}`, suggestion));
  };
  // Overrides name entities with fixed counts; anything else would be silently ignored.
  for (const name of Object.keys(overrides)) {
    const spec = doc.entities[name]?.count;
    if (!doc.entities[name]) {
      report(
        'INPUT_INVALID',
        `counts.${name}`,
        `unknown entity "${name}"${didYouMean(name, entities)}`,
        `Override one of: ${entities.join(', ')}.`,
      );
    } else if (typeof spec === 'object') {
      report(
        'SCHEMA_COUNT_INVALID',
        `counts.${name}`,
        `${name} is counted per ${spec.per}; override the count of ${spec.per} or change the distribution`,
      );
    }
  }
  const resolve = (name: string, visiting: string[]): number => {
    const known = out.counts.get(name);
    if (known !== undefined) return known;
    const path = `entities.${name}.count`;
    if (visiting.includes(name)) {
      report(
        'SCHEMA_CYCLE',
        path,
        `per-parent counts form a cycle: ${[...visiting, name].join(' -> ')}`,
        'Give one entity in the chain a fixed count.',
      );
      out.counts.set(name, 0);
      return 0;
    }
    const spec = doc.entities[name]?.count ?? DEFAULT_COUNT;
    let count = 0;
    if (typeof spec === 'number') {
      count = overrides[name] ?? Math.round(spec * scale);
    } else if (!doc.entities[spec.per]) {
      report(
        'SCHEMA_REF_UNKNOWN',
        `${path}.per`,
        `unknown entity "${spec.per}"${didYouMean(spec.per, entities)}`,
      );
    } else if (spec.per === name) {
      report(
        'SCHEMA_COUNT_INVALID',
        `${path}.per`,
        `${name} cannot be counted per itself`,
        'Use a self reference with `tree` instead.',
      );
    } else {
      const parents = resolve(spec.per, [...visiting, name]);
      try {
        const layout = new PerParentLayout(parents, perParentCounter(spec, seed, name, path));
        out.layouts.set(name, layout);
        count = layout.total;
      } catch (e) {
        if (!(e instanceof TdmError)) throw e;
        out.problems.push(problemFromError(e, path));
      }
    }
    if (!Number.isSafeInteger(count) || count < 0 || count > MAX_ROWS) {
      report('SCHEMA_COUNT_INVALID', path, `${name}: ${count} rows is out of range (0 to 2^40)`);
      count = 0;
    }
    out.counts.set(name, count);
    return count;
  };
  for (const name of entities) resolve(name, []);
  return out;
}
