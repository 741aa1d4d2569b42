/**
 * @module XML: one document per entity file, `<?xml ...?>`, a root element named by
 * `table.xml.element` and one `table.xml.row` element per row with one child element per column
 * (names made valid by `xmlNames`).
 *
 * Null is written as an empty element with `xsi:nil="true"` (the namespace is declared on the
 * root) rather than omitted: every row then has every column, and null stays distinct from the
 * empty string (`<note></note>`). Values use the canonical text of `valueText` (ISO dates, fixed
 * scale decimals, JSON text for json columns), escaped by `xmlText`.
 */
import type { ColumnSpec } from '../compile/index.js';
import { valueText } from './text-values.js';
import type { ChunkEncoder, TextFormat } from './types.js';
import { xmlName, xmlNames } from './xml-names.js';
import { xmlText } from './xml-text.js';

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

export const xmlFormat: TextFormat = {
  kind: 'text',
  name: 'xml',
  extension: 'xml',
  encoder(table): ChunkEncoder {
    const cols: ColumnSpec[] = table.columns;
    const n = cols.length;
    const root = xmlName(table.xml.element);
    const rowName = xmlName(table.xml.row);
    const names = xmlNames(cols.map((c) => c.name));
    // Hot path: open/close/nil tags are built once per table; a row is one string of appends.
    const open = names.map((x) => '<' + x + '>');
    const close = names.map((x) => '</' + x + '>');
    const nil = names.map((x) => '<' + x + ' xsi:nil="true"/>');
    const rowOpen = '  <' + rowName + '>';
    const rowClose = '</' + rowName + '>\n';
    const empty = '  <' + rowName + '/>\n';
    const plain = cols.map((c) => c.kind === 'string' || c.kind === 'uuid');
    return {
      header: () => `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns:xsi="${XSI}">\n`,
      row(values): string {
        if (n === 0) return empty;
        let s = rowOpen;
        for (let i = 0; i < n; i++) {
          const v = values[i];
          if (v === null || v === undefined) {
            s += nil[i] as string;
            continue;
          }
          const col = cols[i] as ColumnSpec;
          const text = plain[i] && typeof v === 'string' ? v : valueText(v, col);
          s += (open[i] as string) + xmlText(text) + (close[i] as string);
        }
        return s + rowClose;
      },
      footer: () => `</${root}>\n`,
    };
  },
};
