/** @module NDJSON (JSON Lines): one JSON object per row, each followed by a newline. */
import { jsonObjectEncoder } from './json-text.js';
import type { ChunkEncoder, TextFormat } from './types.js';

export const ndjsonFormat: TextFormat = {
  kind: 'text',
  name: 'ndjson',
  extension: 'ndjson',
  encoder(table): ChunkEncoder {
    const object = jsonObjectEncoder(table.columns);
    return {
      header: () => '',
      row: (values) => object(values) + '\n',
      footer: () => '',
    };
  },
};
