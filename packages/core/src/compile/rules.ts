/**
 * @module Declared constraints, read once per schema: each rule is parsed, the fields and
 * functions it names are checked (so a typo is reported even when other parts of the schema are
 * broken), and what it implies is turned into derived bounds and null gates per field.
 */
import { didYouMean } from '../dsl/did-you-mean.js';
import type { ConstraintDoc, FieldDoc, SchemaDoc } from '../dsl/model.js';
import { problem, TdmError, type Problem } from '../errors/index.js';
import { compileExpression, parseExpression, refsOf, type Expr } from '../expr/index.js';
import { deriveFromRule, type NullGate } from './constraints.js';

export interface PreparedRule {
  doc: ConstraintDoc;
  expr: Expr;
  index: number;
}

export interface PreparedConstraints {
  /** Valid rules by entity. */
  rules: Map<string, PreparedRule[]>;
  /** `entity.field` -> the field's spec with the bounds rules add to min/max. */
  rewritten: Map<string, FieldDoc>;
  /** `entity.field` -> indexes of the constraints that added bounds to it. */
  boundedBy: Map<string, number[]>;
  /** `entity.field` -> null gates ("if C then X is (not) null"). */
  gates: Map<string, NullGate[]>;
  problems: Problem[];
}

/** Checks that every `field` or `ref.field` a rule reads exists; returns the first problem. */
function checkPaths(expr: Expr, entityName: string, doc: SchemaDoc, at: string): Problem | null {
  for (const path of refsOf(expr)) {
    const parts = path.split('.');
    let entity = entityName;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i] as string;
      const fields = doc.entities[entity]?.fields ?? {};
      const field = fields[part];
      if (!field) {
        const where = parts.length > 1 ? `"${path}": ` : '';
        return problem(
          'SCHEMA_FIELD_UNKNOWN',
          at,
          `${at}: ${where}${entity} has no field "${part}"${didYouMean(part, Object.keys(fields))}`,
        );
      }
      if (i === parts.length - 1) break;
      const target = typeof field.ref === 'string' ? field.ref.split('.')[0] : undefined;
      if (!target || !doc.entities[target]) {
        return problem(
          'SCHEMA_FIELD_UNKNOWN',
          at,
          `${at}: "${path}": ${entity}.${part} is not a reference, so it has no fields`,
          'Read fields of a parent through a reference field, e.g. customer_id.created_at.',
        );
      }
      entity = target;
    }
  }
  return null;
}

/**
 * A field's bound with a rule's bound added. Two numbers fold into the tighter one, so the field
 * keeps a constant range (and with it a value space for `unique`); otherwise both are kept as a
 * list, of which the tightest wins per row.
 */
function combineBound(existing: unknown, source: string | number, option: 'min' | 'max'): unknown {
  if (typeof source === 'number' && (existing === undefined || typeof existing === 'number')) {
    if (existing === undefined) return source;
    return option === 'min' ? Math.max(existing, source) : Math.min(existing, source);
  }
  const list: unknown[] = existing === undefined ? [] : Array.isArray(existing) ? existing : [existing];
  return [...list, source];
}

export function prepareConstraints(doc: SchemaDoc): PreparedConstraints {
  const out: PreparedConstraints = {
    rules: new Map(),
    rewritten: new Map(),
    boundedBy: new Map(),
    gates: new Map(),
    problems: [],
  };
  const entities = Object.keys(doc.entities);
  (doc.constraints ?? []).forEach((c, index) => {
    const path = `constraints[${index}]`;
    const entity = doc.entities[c.entity];
    if (!entity) {
      out.problems.push(
        problem(
          'SCHEMA_REF_UNKNOWN',
          `${path}.entity`,
          `${path}.entity: unknown entity "${c.entity}"${didYouMean(c.entity, entities)}`,
        ),
      );
      return;
    }
    let expr: Expr;
    try {
      expr = parseExpression(c.rule);
      // A dry compile finds unknown functions and wrong argument counts.
      compileExpression(expr, () => () => null);
    } catch (e) {
      if (!(e instanceof TdmError)) throw e;
      out.problems.push(problem(e.code, `${path}.rule`, `${path}.rule: ${e.message}`, e.suggestedActions[0]));
      return;
    }
    const bad = checkPaths(expr, c.entity, doc, `${path}.rule`);
    if (bad) {
      out.problems.push(bad);
      return;
    }
    out.rules.set(c.entity, [...(out.rules.get(c.entity) ?? []), { doc: c, expr, index }]);
    const typeOf = (f: string): string | undefined => {
      const fd = entity.fields[f];
      return fd && !fd.ref ? fd.type : undefined;
    };
    const scaleOf = (f: string): number | undefined => {
      const scale = entity.fields[f]?.['scale'];
      return typeof scale === 'number' ? scale : undefined;
    };
    const { bounds, gates } = deriveFromRule(expr, typeOf, scaleOf);
    for (const b of bounds) {
      const key = `${c.entity}.${b.field}`;
      const current = out.rewritten.get(key) ?? (entity.fields[b.field] as FieldDoc);
      out.rewritten.set(key, { ...current, [b.option]: combineBound(current[b.option], b.source, b.option) });
      const by = out.boundedBy.get(key) ?? [];
      if (!by.includes(index)) out.boundedBy.set(key, [...by, index]);
    }
    for (const g of gates) {
      const key = `${c.entity}.${g.field}`;
      out.gates.set(key, [...(out.gates.get(key) ?? []), g]);
    }
  });
  return out;
}
