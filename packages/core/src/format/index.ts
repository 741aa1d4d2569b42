/** @module Streaming writers for every output format, by name. */
import { TdmError } from '../errors/index.js';
import { csvFormat } from './csv.js';
import { jsonFormat } from './json.js';
import { ndjsonFormat } from './ndjson.js';
import { parquetFormat } from './parquet.js';
import { sqlFormat } from './sql/index.js';
import type { Format, FormatName } from './types.js';
import { xmlFormat } from './xml.js';

export const formats: Record<FormatName, Format> = {
  csv: csvFormat,
  json: jsonFormat,
  ndjson: ndjsonFormat,
  xml: xmlFormat,
  sql: sqlFormat,
  parquet: parquetFormat,
};

export const formatNames: readonly FormatName[] = ['csv', 'json', 'ndjson', 'xml', 'sql', 'parquet'];

export function getFormat(name: string): Format {
  const f = Object.hasOwn(formats, name) ? formats[name as FormatName] : undefined;
  if (!f) {
    throw new TdmError('FORMAT_UNSUPPORTED', `unknown format "${name}"`, {
      suggestedActions: [`Use one of: ${Object.keys(formats).join(', ')}.`],
    });
  }
  return f;
}

export { csvFormat, csvField } from './csv.js';
export { jsonFormat } from './json.js';
export { jsonObjectEncoder, jsonText } from './json-text.js';
export { ndjsonFormat } from './ndjson.js';
export { xmlFormat } from './xml.js';
export { xmlName, xmlNames } from './xml-names.js';
export { xmlText } from './xml-text.js';
export { sqlFormat, resolveSqlOptions, schemaSql, DEFAULT_BATCH_SIZE } from './sql/index.js';
export { parquetFormat, DEFAULT_ROW_GROUP_ROWS } from './parquet.js';
export { parquetColumn } from './parquet-schema.js';
export { formatDate, formatTime, formatTimestamp, valueText, jsonValue } from './text-values.js';
export type {
  ByteSink,
  ChunkEncoder,
  Format,
  FormatName,
  FormatOptions,
  RowSink,
  RowSinkFormat,
  SqlDialect,
  TextFormat,
} from './types.js';
