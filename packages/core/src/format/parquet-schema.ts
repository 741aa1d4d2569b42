/**
 * @module Parquet column types for tdm column kinds, and the per-value conversion each needs.
 *
 * Choices: integer -> INT64 (row counts, sequences and bounds are not known to fit 32 bits);
 * decimal -> DECIMAL(18, scale) stored as INT64, exact for every value a double rounded to
 * `scale` digits can hold (scale above 12, possible only for enum decimals, falls back to DOUBLE);
 * boolean -> BOOLEAN; string -> STRING; date -> DATE (INT32 days); time -> TIME millis (INT32);
 * timestamp -> TIMESTAMP millis, UTC (INT64); uuid -> STRING, because the UUID logical type
 * (FIXED_LEN_BYTE_ARRAY(16)) is still rejected or shown as raw bytes by common readers (Spark,
 * older pyarrow); json -> JSON (UTF-8 JSON text). Nullable columns are OPTIONAL, the rest REQUIRED.
 */
import type { SchemaElement } from 'hyparquet-writer';
import type { ColumnSpec } from '../compile/index.js';
import { TdmError } from '../errors/index.js';
import type { Value } from '../expr/index.js';

const DAY = 86_400_000;
const DECIMAL_PRECISION = 18;
const MAX_DECIMAL_SCALE = 12;

/** Turns an engine value into what hyparquet-writer expects for the column's schema element. */
export type ParquetConvert = (v: Value, col: ColumnSpec) => unknown;

const same: ParquetConvert = (v) => v;

function invalid(col: ColumnSpec, v: Value, what: string): TdmError {
  return new TdmError(
    'FORMAT_UNSUPPORTED',
    `parquet: column ${col.name} holds ${JSON.stringify(v)}, ${what}`,
  );
}

const toInt64: ParquetConvert = (v, col) => {
  if (v === null) return null;
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw invalid(col, v, 'not a safe integer');
  return BigInt(v);
};

const toDays: ParquetConvert = (v) => (typeof v === 'number' ? Math.floor(v / DAY) : v);

function toDecimal(scale: number): ParquetConvert {
  const limit = 10 ** (DECIMAL_PRECISION - scale);
  return (v, col) => {
    if (v === null) return null;
    if (typeof v !== 'number' || !(Math.abs(v) < limit))
      throw invalid(col, v, `outside DECIMAL(${DECIMAL_PRECISION},${scale})`);
    return v;
  };
}

export interface ParquetColumn {
  element: SchemaElement;
  convert: ParquetConvert;
}

/** The schema element and value conversion of one column. */
export function parquetColumn(col: ColumnSpec): ParquetColumn {
  const base = { name: col.name, repetition_type: col.nullable ? 'OPTIONAL' : 'REQUIRED' } as const;
  switch (col.kind) {
    case 'integer':
      return { element: { ...base, type: 'INT64' }, convert: toInt64 };
    case 'decimal': {
      const scale = col.scale ?? 2;
      if (scale > MAX_DECIMAL_SCALE) return { element: { ...base, type: 'DOUBLE' }, convert: same };
      return {
        element: {
          ...base,
          type: 'INT64',
          converted_type: 'DECIMAL',
          precision: DECIMAL_PRECISION,
          scale,
          logical_type: { type: 'DECIMAL', precision: DECIMAL_PRECISION, scale },
        },
        convert: toDecimal(scale),
      };
    }
    case 'boolean':
      return { element: { ...base, type: 'BOOLEAN' }, convert: same };
    case 'date':
      return {
        element: { ...base, type: 'INT32', converted_type: 'DATE', logical_type: { type: 'DATE' } },
        convert: toDays,
      };
    case 'time':
      return {
        element: {
          ...base,
          type: 'INT32',
          converted_type: 'TIME_MILLIS',
          logical_type: { type: 'TIME', isAdjustedToUTC: false, unit: 'MILLIS' },
        },
        convert: same,
      };
    case 'timestamp':
      return {
        element: {
          ...base,
          type: 'INT64',
          converted_type: 'TIMESTAMP_MILLIS',
          logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MILLIS' },
        },
        convert: same,
      };
    case 'json':
      return {
        element: { ...base, type: 'BYTE_ARRAY', converted_type: 'JSON', logical_type: { type: 'JSON' } },
        convert: same,
      };
    case 'string':
    case 'uuid':
      return {
        element: { ...base, type: 'BYTE_ARRAY', converted_type: 'UTF8', logical_type: { type: 'STRING' } },
        convert: (v) => (v === null || typeof v === 'string' ? v : String(v)),
      };
  }
}
