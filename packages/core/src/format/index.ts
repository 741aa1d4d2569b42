/** @module Streaming writers for every output format, by name. */
import { TdmError } from '../errors/index.js';
import { csvFormat } from './csv.js';
import type { Format, FormatName } from './types.js';

export const formats: Partial<Record<FormatName, Format>> = {
  csv: csvFormat,
};

export const formatNames: readonly FormatName[] = ['csv', 'json', 'ndjson', 'xml', 'sql', 'parquet'];

export function getFormat(name: string): Format {
  const f = formats[name as FormatName];
  if (!f) {
    throw new TdmError('FORMAT_UNSUPPORTED', `unknown format "${name}"`, {
      suggestedActions: [`Use one of: ${Object.keys(formats).join(', ')}.`],
    });
  }
  return f;
}

export { csvFormat, csvField } from './csv.js';
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
