/**
 * @module Reports as JSON and as one self-contained HTML page: inline CSS and SVG charts (metrics,
 * failing rules, per-field distributions), no script, no external URL, and a Content-Security-
 * Policy that forbids both. Every value from the data is escaped, so a cell holding `<script>`
 * shows as text.
 */
import type { FieldProfile, QualityReport, RuleResult } from './report-schema.js';
import { suggestQualityImprovements } from './suggest.js';

/** The report as pretty-printed JSON (it is a plain object; this only fixes the layout). */
export function qualityReportJson(report: QualityReport): string {
  return JSON.stringify(report, null, 2) + '\n';
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(v: unknown): string {
  return String(v).replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

/**
 * A self-contained report page: the CSP forbids scripts and every external resource (styles
 * inline, images as data: only), so a report opened from anywhere cannot load or run anything.
 */
export function htmlPage(title: string, css: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(title)}</title>
<style>
${css}
</style></head><body>
${body}
</body></html>
`;
}

const pct = (x: number): string => `${(Math.round(x * 10000) / 100).toFixed(2)}%`;

function bars(items: { label: string; value: number; note: string }[], max: number, color: string): string {
  const rowH = 22;
  const width = 640;
  const labelW = 260;
  const h = items.length * rowH + 4;
  const body = items
    .map((it, i) => {
      const w = max > 0 ? Math.max(1, Math.round(((width - labelW - 90) * it.value) / max)) : 0;
      const y = i * rowH + 2;
      return (
        `<text x="0" y="${y + 15}" class="l">${escapeHtml(it.label.length > 40 ? it.label.slice(0, 39) + '…' : it.label)}</text>` +
        `<rect x="${labelW}" y="${y + 3}" width="${w}" height="${rowH - 8}" fill="${color}"><title>${escapeHtml(it.label)}: ${escapeHtml(it.note)}</title></rect>` +
        `<text x="${labelW + w + 6}" y="${y + 15}" class="v">${escapeHtml(it.note)}</text>`
      );
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${h}" role="img">${body}</svg>`;
}

function histogramSvg(p: FieldProfile): string {
  const h = p.histogram;
  if (!h || h.counts.length === 0) return '';
  const width = 320;
  const height = 80;
  const max = Math.max(...h.counts);
  const bw = width / h.counts.length;
  const edge = (x: number): string =>
    h.unit === 'epochMs' ? new Date(x).toISOString().slice(0, 10) : String(Math.round(x * 100) / 100);
  const rects = h.counts
    .map((c, i) => {
      const bh = max > 0 ? Math.max(c > 0 ? 1 : 0, Math.round(((height - 16) * c) / max)) : 0;
      const lo = h.lo + i * h.width;
      return `<rect x="${(i * bw).toFixed(1)}" y="${height - 14 - bh}" width="${Math.max(1, bw - 1).toFixed(1)}" height="${bh}" fill="#4c78a8"><title>${escapeHtml(edge(lo))} – ${escapeHtml(edge(lo + h.width))}: ${c}</title></rect>`;
    })
    .join('');
  const axis = `<text x="0" y="${height - 2}" class="v">${escapeHtml(edge(h.lo))}</text><text x="${width}" y="${height - 2}" class="v" text-anchor="end">${escapeHtml(edge(h.lo + h.width * h.counts.length))}</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" role="img">${rects}${axis}</svg>`;
}

function topValuesSvg(p: FieldProfile): string {
  if (p.topValues.length === 0) return '';
  const items = p.topValues.slice(0, 8).map((t) => ({
    label: t.value === null ? 'null' : String(t.value),
    value: t.count,
    note: String(t.count),
  }));
  return bars(items, Math.max(...items.map((i) => i.value)), '#72b7b2');
}

function ruleRow(r: RuleResult): string {
  const sample = r.samples
    .slice(0, 3)
    .map((s) => `row ${s.row}: ${escapeHtml(JSON.stringify(s.values).slice(0, 300))}`)
    .join('<br>');
  return (
    `<tr class="${r.passed ? 'ok' : 'bad'}"><td>${r.passed ? '✓' : '✗'}</td><td><code>${escapeHtml(r.id)}</code><br><small>${escapeHtml(r.description)}</small></td>` +
    `<td>${escapeHtml(r.family)}</td><td class="n">${r.checked}</td><td class="n">${r.failed}</td>` +
    `<td>${r.error ? escapeHtml(r.error) : sample}</td></tr>`
  );
}

function profileBlock(p: FieldProfile): string {
  const facts = [
    `${p.count} rows`,
    `${p.nulls} null`,
    `${p.distinct}${p.distinctExact ? '' : ' (est.)'} distinct`,
    p.min === null ? '' : `min ${JSON.stringify(p.min)}`,
    p.max === null ? '' : `max ${JSON.stringify(p.max)}`,
    p.mean === null ? '' : `mean ${Math.round(p.mean * 100) / 100}`,
  ].filter(Boolean);
  const chart = p.histogram ? histogramSvg(p) : topValuesSvg(p);
  return `<div class="field"><h4>${escapeHtml(p.entity)}.${escapeHtml(p.field)} <small>${escapeHtml(p.type)}</small></h4><p>${escapeHtml(facts.join(' · '))}</p>${chart}</div>`;
}

/**
 * One self-contained HTML page for a report: verdict, metrics, failing rules, suggestions, every
 * rule with its failing rows, and a chart per field.
 */
export function qualityReportHtml(report: QualityReport, title = 'tdm quality report'): string {
  const m = report.metrics;
  const metricItems = (
    [
      'completeness',
      'consistency',
      'accuracy',
      'validity',
      'uniqueness',
      'businessRuleCompliance',
      'overall',
    ] as const
  ).map((k) => ({ label: k, value: m[k], note: pct(m[k]) }));
  const failing = report.rules.filter((r) => r.failed > 0 || !r.passed);
  const failingChart = failing.length
    ? bars(
        failing.slice(0, 30).map((r) => ({
          label: r.id,
          value: r.checked ? r.failed / r.checked : 1,
          note: `${r.failed} / ${r.checked}`,
        })),
        1,
        '#e45756',
      )
    : '<p>No rule failed.</p>';
  const suggestions = suggestQualityImprovements(report)
    .map((s) => `<li class="${s.severity}">${escapeHtml(s.message)}</li>`)
    .join('');
  const entities = report.entities
    .map((e) => `<li>${escapeHtml(e.name)}: ${e.rows} rows (${escapeHtml(e.file)})</li>`)
    .join('');
  const css = `body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;max-width:1100px}
h1 .pass{color:#2a7d2a}h1 .fail{color:#b00020}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:4px 6px;vertical-align:top;text-align:left}
td.n{text-align:right;font-variant-numeric:tabular-nums}tr.bad td:first-child{color:#b00020}tr.ok td:first-child{color:#2a7d2a}
svg .l{font-size:12px}svg .v{font-size:11px;fill:#555}
.fields{display:grid;grid-template-columns:repeat(auto-fill,minmax(340px,1fr));gap:12px}.field{border:1px solid #eee;padding:8px;overflow:hidden}
li.error{color:#b00020}li.warning{color:#8a5a00}code{font-size:12px}`;
  return htmlPage(
    title,
    css,
    `<h1>${escapeHtml(title)}: <span class="${report.passed ? 'pass' : 'fail'}">${report.passed ? 'PASSED' : 'FAILED'}</span> at level ${escapeHtml(report.level)}</h1>
<ul>${entities}</ul>
${report.reasons.length ? `<h2>Why it failed</h2><ul>${report.reasons.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ul>` : ''}
<h2>Metrics</h2>${bars(metricItems, 1, '#4c78a8')}
<h2>Failing rules</h2>${failingChart}
${suggestions ? `<h2>Suggestions</h2><ul>${suggestions}</ul>` : ''}
<h2>Rules</h2><table><thead><tr><th></th><th>rule</th><th>family</th><th>checked</th><th>failed</th><th>failing rows (sample)</th></tr></thead><tbody>
${report.rules.map(ruleRow).join('\n')}
</tbody></table>
<h2>Fields</h2><div class="fields">${report.profiles.map(profileBlock).join('\n')}</div>`,
  );
}
