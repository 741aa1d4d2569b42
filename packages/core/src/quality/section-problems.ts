/**
 * @module Checks a schema's `quality:` rules against the schema itself (for `validateSchema`):
 * entities and fields exist, references name `entity.field`, expressions parse and read known
 * fields (parents through references), regexes are safe and JSON Schemas are supported.
 */
import { didYouMean, type SchemaDoc } from '../dsl/index.js';
import { problem, TdmError, type Problem } from '../errors/index.js';
import { compileExpression, parseExpression, refsOf } from '../expr/index.js';
import { safeRegex } from './formats.js';
import { jsonSchemaCheck } from './json-schema.js';

const CODE = 'QUALITY_RULE_INVALID';

export function qualitySectionProblems(doc: SchemaDoc): Problem[] {
  const problems: Problem[] = [];
  const entities = Object.keys(doc.entities);
  (doc.quality?.rules ?? []).forEach((rule, i) => {
    const at = `quality.rules[${i}]`;
    const entity = doc.entities[rule.entity];
    if (!entity) {
      problems.push(
        problem(
          CODE,
          `${at}.entity`,
          `${at}.entity: unknown entity "${rule.entity}"${didYouMean(rule.entity, entities)}`,
        ),
      );
      return;
    }
    const fieldNames = Object.keys(entity.fields);
    const needField = (f: string, path: string): boolean => {
      if (entity.fields[f]) return true;
      problems.push(
        problem(CODE, path, `${path}: ${rule.entity} has no field "${f}"${didYouMean(f, fieldNames)}`),
      );
      return false;
    };
    try {
      switch (rule.kind) {
        case 'unique':
          rule.fields.forEach((f, j) => needField(f, `${at}.fields[${j}]`));
          break;
        case 'foreignKey': {
          needField(rule.field, `${at}.field`);
          const [pe, pf] = rule.ref.split('.') as [string, string];
          if (!doc.entities[pe]?.fields[pf]) {
            problems.push(problem(CODE, `${at}.ref`, `${at}.ref: unknown field "${rule.ref}"`));
          }
          break;
        }
        case 'expression': {
          const expr = parseExpression(rule.rule);
          compileExpression(expr, () => () => null);
          for (const path of refsOf(expr)) {
            const [first, second] = path.split('.') as [string, string | undefined];
            if (!needField(first, `${at}.rule`)) break;
            if (second === undefined) continue;
            const target = (entity.fields[first]?.ref ?? '').split('.')[0] ?? '';
            const parent = doc.entities[target];
            if (!parent) {
              problems.push(
                problem(
                  CODE,
                  `${at}.rule`,
                  `${at}.rule: "${path}": ${rule.entity}.${first} is not a reference`,
                ),
              );
            } else if (!parent.fields[second]) {
              problems.push(
                problem(CODE, `${at}.rule`, `${at}.rule: "${path}": ${target} has no field "${second}"`),
              );
            }
          }
          break;
        }
        case 'format':
          needField(rule.field, `${at}.field`);
          if (rule.format === 'regex') safeRegex(rule.pattern ?? '', `${at}.pattern`);
          break;
        case 'jsonSchema':
          needField(rule.field, `${at}.field`);
          jsonSchemaCheck(rule.schema, `${at}.schema`);
          break;
        default:
          needField(rule.field, `${at}.field`);
      }
    } catch (e) {
      if (!(e instanceof TdmError)) throw e;
      const message = e.message.startsWith(at) ? e.message : `${at}: ${e.message}`;
      problems.push(problem(CODE, at, message, e.suggestedActions[0]));
    }
  });
  return problems;
}
