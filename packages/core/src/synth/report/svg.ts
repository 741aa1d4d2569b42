/**
 * @module Inline SVG charts of the synthetic-data report: real vs data distributions overlaid per
 * column, association heatmaps as grids, and score bars. Every label is escaped; nothing loads
 * from outside the page.
 */
import { escapeHtml } from '../../quality/index.js';
import type { ColumnShape } from './schema.js';

export const REAL_COLOR = '#4c78a8';
export const DATA_COLOR = '#f58518';

const fmt = (x: number): string => String(Math.round(x * 1000) / 1000);
const clip = (s: string, n: number): string => (s.length > n ? s.slice(0, n - 1) + '…' : s);

function edgeLabel(raw: string, unit: 'number' | 'epochMs'): string {
  const x = Number(raw);
  if (unit === 'epochMs' && Number.isFinite(x)) return new Date(x).toISOString().slice(0, 10);
  return String(Math.round(x * 100) / 100);
}

function histogramSvg(s: ColumnShape): string {
  const d = s.distribution;
  const width = 320;
  const height = 96;
  const n = d.real.length;
  if (n === 0) return '<p>No real values.</p>';
  const max = Math.max(...d.real, ...d.data, 1e-9);
  const bw = width / n;
  const bar = (v: number, i: number, color: string, who: string): string => {
    const h = Math.round(((height - 18) * v) / max);
    const title = `${who} ${edgeLabel(d.labels[i]!, d.unit)} – ${edgeLabel(d.labels[i + 1]!, d.unit)}: ${fmt(v * 100)}%`;
    return `<rect x="${(i * bw).toFixed(1)}" y="${height - 16 - h}" width="${Math.max(1, bw - 1).toFixed(1)}" height="${h}" fill="${color}" fill-opacity="0.55"><title>${escapeHtml(title)}</title></rect>`;
  };
  const bars =
    d.real.map((v, i) => bar(v, i, REAL_COLOR, 'real')).join('') +
    d.data.map((v, i) => bar(v, i, DATA_COLOR, 'data')).join('');
  const axis =
    `<text x="0" y="${height - 3}" class="v">${escapeHtml(edgeLabel(d.labels[0]!, d.unit))}</text>` +
    `<text x="${width}" y="${height - 3}" class="v" text-anchor="end">${escapeHtml(edgeLabel(d.labels[n]!, d.unit))}</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" role="img">${bars}${axis}</svg>`;
}

function categoriesSvg(s: ColumnShape): string {
  const d = s.distribution;
  const rowH = 18;
  const labelW = 120;
  const width = 320;
  const max = Math.max(...d.real, ...d.data, 1e-9);
  const scale = (v: number): number => Math.round(((width - labelW - 4) * v) / max);
  const rows = d.labels
    .map((label, i) => {
      const y = i * rowH;
      const r = d.real[i] ?? 0;
      const x = d.data[i] ?? 0;
      const tip = escapeHtml(`${label}: real ${fmt(r * 100)}%, data ${fmt(x * 100)}%`);
      return (
        `<text x="0" y="${y + 13}" class="v">${escapeHtml(clip(label, 18))}</text>` +
        `<rect x="${labelW}" y="${y + 2}" width="${scale(r)}" height="7" fill="${REAL_COLOR}"><title>${tip}</title></rect>` +
        `<rect x="${labelW}" y="${y + 9}" width="${scale(x)}" height="7" fill="${DATA_COLOR}"><title>${tip}</title></rect>`
      );
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${d.labels.length * rowH + 2}" role="img">${rows}</svg>`;
}

/** Real and data distributions of one column, overlaid (histogram) or side by side (categories). */
export function distributionSvg(s: ColumnShape): string {
  return s.distribution.kind === 'histogram' ? histogramSvg(s) : categoriesSvg(s);
}

/** A colour for a value in [0, 1]: white to `rgb` at full strength. */
function shade(v: number, rgb: readonly [number, number, number]): string {
  const t = Math.max(0, Math.min(1, v));
  const [r, g, b] = rgb.map((c) => Math.round(255 - (255 - c) * t)) as [number, number, number];
  return `rgb(${r},${g},${b})`;
}

export const BLUE: readonly [number, number, number] = [31, 91, 168];
export const RED: readonly [number, number, number] = [200, 30, 40];

/**
 * An n x n grid, cell (i, j) coloured by `value(i, j)` in [0, 1] (null: the diagonal, left blank),
 * column names along the left and the top.
 */
export function heatmapSvg(
  title: string,
  names: readonly string[],
  value: (i: number, j: number) => number | null,
  rgb: readonly [number, number, number],
): string {
  const n = names.length;
  const cell = n > 30 ? 8 : n > 15 ? 14 : 22;
  const label = 110;
  const size = label + n * cell + 4;
  const cells: string[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const v = value(i, j);
      if (v === null) continue;
      const tip = escapeHtml(`${names[i]} × ${names[j]}: ${fmt(v)}`);
      cells.push(
        `<rect x="${label + j * cell}" y="${label + i * cell}" width="${cell}" height="${cell}" fill="${shade(v, rgb)}" stroke="#fff" stroke-width="0.5"><title>${tip}</title></rect>`,
      );
    }
  }
  const rowsText = names
    .map(
      (nm, i) =>
        `<text x="${label - 4}" y="${label + i * cell + cell * 0.75}" class="v" text-anchor="end">${escapeHtml(clip(nm, 16))}</text>`,
    )
    .join('');
  const colsText = names
    .map((nm, j) => {
      const x = label + j * cell + cell * 0.7;
      return `<text x="${x}" y="${label - 4}" class="v" transform="rotate(-60 ${x} ${label - 4})">${escapeHtml(clip(nm, 16))}</text>`;
    })
    .join('');
  return `<figure><figcaption>${escapeHtml(title)}</figcaption><svg xmlns="http://www.w3.org/2000/svg" width="${size + 50}" height="${size}" role="img">${cells.join('')}${rowsText}${colsText}</svg></figure>`;
}

/** A horizontal bar for a score in [0, 1], with its value. */
export function scoreBar(score: number | null): string {
  if (score === null) return '<span class="na">n/a</span>';
  const w = Math.round(120 * Math.max(0, Math.min(1, score)));
  const color = score >= 0.9 ? '#2a7d2a' : score >= 0.7 ? '#b07d00' : '#b00020';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="170" height="14" role="img"><rect x="0" y="2" width="120" height="10" fill="#eee"/><rect x="0" y="2" width="${w}" height="10" fill="${color}"/><text x="126" y="11" class="v">${fmt(score)}</text></svg>`;
}
