/**
 * @module JSON: one array per entity file, one object per row on its own line (keys are column
 * names). A row's separator depends only on its index, so chunks concatenate into valid JSON;
 * a table with no rows is `[\n]`.
 */
import { jsonObjectEncoder } from './json-text.js';
import type { ChunkEncoder, TextFormat } from './types.js';

export const jsonFormat: TextFormat = {
  kind: 'text',
  name: 'json',
  extension: 'json',
  encoder(table): ChunkEncoder {
    const object = jsonObjectEncoder(table.columns);
    return {
      header: () => '[',
      row: (values, index) => (index === 0 ? '\n' : ',\n') + object(values),
      footer: () => '\n]\n',
    };
  },
};
