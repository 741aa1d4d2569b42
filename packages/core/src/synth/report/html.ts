/**
 * @module The synthetic-data report as JSON and as one self-contained HTML page in the house style
 * of the quality report: inline CSS and SVG (distributions, association heatmaps), no script, no
 * external URL, a Content-Security-Policy that forbids both, every value from the data escaped.
 */
import { escapeHtml, htmlPage } from '../../quality/html.js';
import type { SyntheticQualityReport, SyntheticTableReport } from './schema.js';
import { SYNTHETIC_METRICS } from './schema.js';
import { BLUE, DATA_COLOR, distributionSvg, heatmapSvg, REAL_COLOR, RED, scoreBar } from './svg.js';

/** The report as pretty-printed JSON. */
export function syntheticReportJson(report: SyntheticQualityReport): string {
  return JSON.stringify(report, null, 2) + '\n';
}

export interface SyntheticReportHtmlOptions {
  /** Page title (default "tdm synthetic data report"). */
  title?: string;
}

const num = (x: number | null, digits = 3): string =>
  x === null ? 'n/a' : String(Math.round(x * 10 ** digits) / 10 ** digits);
const pct = (x: number | null): string =>
  x === null ? 'n/a' : `${(Math.round(x * 10000) / 100).toFixed(2)}%`;
const list = (xs: readonly string[]): string => (xs.length ? xs.map(escapeHtml).join(', ') : 'none');
const row = (cells: readonly string[]): string => `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;

function summary(r: SyntheticQualityReport): string {
  const verdict = r.target
    ? `<span class="${r.target.passed ? 'pass' : 'fail'}">${r.target.passed ? 'PASSED' : 'FAILED'}</span> (target ${num(r.target.statisticalAccuracy)})`
    : '';
  const rows = [
    ['Overall fidelity score', scoreBar(r.score)],
    ['Column shapes', scoreBar(r.columnShapes)],
    ['Column pair trends', scoreBar(r.pairTrends)],
    ['Association error E (pairs with real association ≥ 0.1)', num(r.associationError)],
    ['Exact copies of real rows', pct(r.exactCopyRate)],
    ['PII replay', pct(r.piiReplayRate)],
  ];
  return (
    `<h1>${escapeHtml(r.kind === 'masked' ? 'Masked' : 'Synthetic')} data: fidelity ${num(r.score)} ${verdict}</h1>` +
    `<table class="kv">${rows.map(([k, v]) => row([escapeHtml(k!), v!])).join('')}</table>` +
    (r.missingTables.length ? `<p>Tables missing from the data: ${list(r.missingTables)}</p>` : '') +
    (r.extraTables.length ? `<p>Tables only in the data (not scored): ${list(r.extraTables)}</p>` : '') +
    (r.notes.length
      ? `<h2>Notes</h2><ul>${r.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`
      : '')
  );
}

function shapesSection(t: SyntheticTableReport): string {
  if (t.columns.length === 0) return '<p>No column to compare.</p>';
  const blocks = t.columns
    .map(
      (c) =>
        `<div class="col"><h4>${escapeHtml(c.column)} <small>${escapeHtml(c.type)} · ${escapeHtml(c.metric)}</small></h4>` +
        `<p>${scoreBar(c.score)}<br><small>nulls: real ${pct(c.realNullShare)}, data ${pct(c.dataNullShare)}</small></p>${distributionSvg(c)}</div>`,
    )
    .join('');
  return `<h3>Column shapes ${scoreBar(t.columnShapes)}</h3><p class="legend"><span style="color:${REAL_COLOR}">■ real</span> <span style="color:${DATA_COLOR}">■ data</span></p><div class="cols">${blocks}</div>`;
}

function pairsSection(t: SyntheticTableReport): string {
  if (t.pairs.length === 0) return '';
  const names = t.columns.map((c) => c.column);
  const at = new Map(names.map((n, i) => [n, i]));
  const n = names.length;
  const real: number[] = new Array<number>(n * n).fill(0);
  const data: number[] = new Array<number>(n * n).fill(0);
  for (const p of t.pairs) {
    const i = at.get(p.columns[0])!;
    const j = at.get(p.columns[1])!;
    real[i * n + j] = real[j * n + i] = p.realAssociation;
    data[i * n + j] = data[j * n + i] = p.dataAssociation;
  }
  const cell = (m: number[]) => (i: number, j: number) => (i === j ? null : m[i * n + j]!);
  const worst = [...t.pairs].sort((a, b) => a.score - b.score).slice(0, 10);
  return (
    `<h3>Column pair trends ${scoreBar(t.pairTrends)}</h3>` +
    `<p>E = ${num(t.associationError)} over ${t.associationPairs} pair(s) with real association ≥ 0.1. Association: |Spearman| for two ordered columns, Cramér's V otherwise.</p>` +
    `<div class="maps">${heatmapSvg('real association', names, cell(real), BLUE)}${heatmapSvg('data association', names, cell(data), BLUE)}` +
    `${heatmapSvg('|difference|', names, (i, j) => (i === j ? null : Math.abs(real[i * n + j]! - data[i * n + j]!)), RED)}</div>` +
    `<table><thead><tr><th>lowest pairs</th><th>metric</th><th>score</th><th>real</th><th>data</th></tr></thead><tbody>` +
    worst
      .map((p) =>
        row([
          escapeHtml(`${p.columns[0]} × ${p.columns[1]}`),
          escapeHtml(p.metric),
          num(p.score),
          num(p.realAssociation),
          num(p.dataAssociation),
        ]),
      )
      .join('') +
    `</tbody></table>`
  );
}

function privacySection(t: SyntheticTableReport): string {
  const rows: string[][] = [
    ['Exact copies of real rows', `${t.exactCopies.copies} (${pct(t.exactCopies.rate)})`],
  ];
  const d = t.dcr;
  if (d) {
    rows.push(
      [
        'DCR data → real: median / 5th pct',
        `${num(d.data.median)} / ${num(d.data.p5)} (${d.data.rows} rows)`,
      ],
      [
        `DCR ${d.baselineKind === 'holdout' ? 'holdout → real' : 'real → other real (leave-one-out)'}: median / 5th pct`,
        `${num(d.baseline.median)} / ${num(d.baseline.p5)} (${d.baseline.rows} rows)`,
      ],
      ['Data rows closer than the baseline 5th percentile (≈5% expected)', pct(d.closerThanBaselineP5)],
      ['Data rows at distance 0', pct(d.data.zeroShare)],
    );
    if (d.ownRecordNearest !== null)
      rows.push(['Masked rows whose nearest real row is their original', pct(d.ownRecordNearest)]);
  }
  if (t.kAnonymity) {
    const k = t.kAnonymity;
    rows.push([
      `k-anonymity on ${k.columns.join(', ')}`,
      `k = ${k.k} (${k.groups} groups, ${k.uniqueRows} unique rows)`,
    ]);
  }
  const changed = t.cellsChanged
    ? `<h4>Cells changed by masking</h4><table>${t.cellsChanged.map((c) => row([escapeHtml(c.column), pct(c.rate)])).join('')}</table>`
    : '';
  return `<h3>Privacy</h3><table class="kv">${rows.map(([k, v]) => row([escapeHtml(k!), escapeHtml(v!)])).join('')}</table>${changed}`;
}

function tableSection(t: SyntheticTableReport): string {
  const skipped = t.skippedColumns.map((s) => `${s.column} (${s.reason})`);
  return (
    `<section><h2>${escapeHtml(t.table)} <small>${t.realRows} real rows, ${t.dataRows} data rows · score ${num(t.score)}</small></h2>` +
    `<p>Missing columns: ${list(t.missingColumns)} · extra columns: ${list(t.extraColumns)} · not compared: ${list(skipped)}</p>` +
    shapesSection(t) +
    pairsSection(t) +
    privacySection(t) +
    `</section>`
  );
}

function piiSection(r: SyntheticQualityReport): string {
  if (r.pii.length === 0) return '';
  return (
    `<h2>PII replay</h2><table><thead><tr><th>column</th><th>kind</th><th>values</th><th>replayed</th><th>rate</th></tr></thead><tbody>` +
    r.pii
      .map((p) =>
        row([
          escapeHtml(`${p.table}.${p.column}`),
          escapeHtml(p.kind),
          String(p.values),
          String(p.replayed),
          pct(p.rate),
        ]),
      )
      .join('') +
    `</tbody></table>`
  );
}

const definitions = (): string =>
  `<h2>Metric definitions</h2><table><thead><tr><th>metric</th><th>definition</th><th>reading</th></tr></thead><tbody>` +
  SYNTHETIC_METRICS.map((m) =>
    row([escapeHtml(m.metric), escapeHtml(m.definition), escapeHtml(m.reading)]),
  ).join('') +
  `</tbody></table>`;

/** One self-contained HTML page: summary, per-table shapes/pairs/privacy, PII replay, definitions. */
export function syntheticReportHtml(
  report: SyntheticQualityReport,
  options: SyntheticReportHtmlOptions = {},
): string {
  const title = options.title ?? 'tdm synthetic data report';
  const css = `body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;max-width:1200px}
h1 .pass{color:#2a7d2a}h1 .fail{color:#b00020}
table{border-collapse:collapse;margin:6px 0}td,th{border-bottom:1px solid #ddd;padding:4px 8px;vertical-align:middle;text-align:left}
svg .v{font-size:11px;fill:#555}.na{color:#888}
.cols{display:grid;grid-template-columns:repeat(auto-fill,minmax(340px,1fr));gap:12px}.col{border:1px solid #eee;padding:8px;overflow:hidden}
.maps{display:flex;flex-wrap:wrap;gap:16px}figure{margin:0}figcaption{font-weight:600}
section{border-top:2px solid #ccc;margin-top:24px}`;
  return htmlPage(
    title,
    css,
    `${summary(report)}
${report.tables.map(tableSection).join('\n')}
${piiSection(report)}
${definitions()}`,
  );
}
