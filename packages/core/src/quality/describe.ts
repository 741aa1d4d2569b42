/** @module One-line descriptions of rules, for reports, suggestions and the HTML page. */
import type { QualityRule } from '../dsl/index.js';

const pct = (x: number): string => `${Math.round(x * 10000) / 100}%`;

export function describeRule(rule: QualityRule): string {
  const at = `${rule.entity}.${'field' in rule ? rule.field : ''}`;
  switch (rule.kind) {
    case 'completeness':
      return `${at} holds a${rule.nonEmpty ? ' non-empty' : ''} value in at least ${pct(rule.minRatio)} of rows${rule.sampling ? ' (allowing sampling noise)' : ''}`;
    case 'unique':
      return rule.fields.length === 1
        ? `${rule.entity}.${rule.fields[0]} is unique`
        : `${rule.entity}.(${rule.fields.join(', ')}) is unique`;
    case 'foreignKey':
      return `${at} references an existing ${rule.ref}`;
    case 'expression':
      return `${rule.entity}: ${rule.rule}`;
    case 'format':
      return rule.format === 'regex'
        ? `${at} matches /${rule.pattern ?? ''}/`
        : `${at} is a valid ${rule.format}`;
    case 'jsonSchema':
      return `${at} satisfies its JSON Schema`;
    case 'domain': {
      const parts: string[] = [];
      if (rule.values) {
        const shown = rule.values.slice(0, 8).map(String).join(', ');
        parts.push(`in {${shown}${rule.values.length > 8 ? ', …' : ''}}`);
      }
      if (rule.min !== undefined) parts.push(`>= ${rule.min}`);
      if (rule.max !== undefined) parts.push(`<= ${rule.max}`);
      if (rule.minLength !== undefined) parts.push(`length >= ${rule.minLength}`);
      if (rule.maxLength !== undefined) parts.push(`length <= ${rule.maxLength}`);
      return `${at} ${parts.join(', ')}`;
    }
    case 'distribution': {
      const total = Object.values(rule.weights).reduce((a, b) => a + b, 0) || 1;
      const shares = Object.entries(rule.weights)
        .slice(0, 8)
        .map(([k, w]) => `${k} ${pct(w / total)}`)
        .join(', ');
      return `${at} follows {${shares}} within ±${pct(rule.tolerance)}`;
    }
  }
}
