/** @module Plain text tables for `tdm preview`. */
import Table from 'cli-table3';

export function renderTable(columns: string[], rows: (string | null)[][]): string {
  const t = new Table({ head: columns, style: { head: [], border: [] } });
  for (const r of rows) t.push(r.map((v) => (v === null ? '∅' : v.length > 40 ? v.slice(0, 39) + '…' : v)));
  return t.toString();
}
