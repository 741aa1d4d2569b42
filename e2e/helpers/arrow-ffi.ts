/**
 * @module Reading Parquet with parquet-wasm (Rust arrow/parquet compiled to WebAssembly), an
 * implementation independent of hyparquet. parquet-wasm hands back Arrow arrays through the Arrow
 * C Data Interface in WebAssembly memory; this file walks those structs (wasm32 layout, as in
 * arrow-js-ffi) for the handful of types tdm writes, so the tests need no Arrow JS library.
 */
import { ParquetFile, readParquet, wasmMemory } from 'parquet-wasm';

export interface ArrowColumn {
  name: string;
  /** The Arrow C format string, e.g. `l` (int64), `tdD` (date32), `d:18,2` (decimal128). */
  format: string;
}

export interface ParquetContents {
  columns: ArrowColumn[];
  rows: unknown[][];
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function cString(mem: DataView, ptr: number): string {
  let end = ptr;
  while (mem.getUint8(end) !== 0) end++;
  return utf8.decode(new Uint8Array(mem.buffer, ptr, end - ptr));
}

interface SchemaNode {
  format: string;
  name: string;
  children: SchemaNode[];
}

function readSchemaNode(mem: DataView, ptr: number): SchemaNode {
  const n = Number(mem.getBigInt64(ptr + 24, true));
  const childrenPtr = mem.getUint32(ptr + 32, true);
  const children: SchemaNode[] = [];
  for (let i = 0; i < n; i++) children.push(readSchemaNode(mem, mem.getUint32(childrenPtr + 4 * i, true)));
  return {
    format: cString(mem, mem.getUint32(ptr, true)),
    name: cString(mem, mem.getUint32(ptr + 4, true)),
    children,
  };
}

interface ArrayNode {
  length: number;
  offset: number;
  buffers: number[];
  children: number[];
}

function readArrayNode(mem: DataView, ptr: number): ArrayNode {
  const nBuffers = Number(mem.getBigInt64(ptr + 24, true));
  const nChildren = Number(mem.getBigInt64(ptr + 32, true));
  const buffersPtr = mem.getUint32(ptr + 40, true);
  const childrenPtr = mem.getUint32(ptr + 44, true);
  const buffers: number[] = [];
  for (let i = 0; i < nBuffers; i++) buffers.push(mem.getUint32(buffersPtr + 4 * i, true));
  const children: number[] = [];
  for (let i = 0; i < nChildren; i++) children.push(mem.getUint32(childrenPtr + 4 * i, true));
  return {
    length: Number(mem.getBigInt64(ptr, true)),
    offset: Number(mem.getBigInt64(ptr + 16, true)),
    buffers,
    children,
  };
}

function bit(mem: DataView, ptr: number, i: number): boolean {
  return ((mem.getUint8(ptr + (i >> 3)) >> (i & 7)) & 1) === 1;
}

/** A decimal's unscaled two's-complement integer as exact decimal text with `scale` digits. */
function decimalText(unscaled: bigint, scale: number): string {
  const neg = unscaled < 0n;
  const digits = (neg ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : digits.slice(0, -scale) + '.' + digits.slice(-scale);
  return neg ? '-' + text : text;
}

function int128(mem: DataView, ptr: number): bigint {
  return (mem.getBigInt64(ptr + 8, true) << 64n) | mem.getBigUint64(ptr, true);
}

function readValue(mem: DataView, format: string, a: ArrayNode, i: number): unknown {
  const j = a.offset + i;
  const values = a.buffers[1] as number;
  switch (format) {
    case 'b':
      return bit(mem, values, j);
    case 'i':
    case 'tdD':
    case 'ttm':
      return mem.getInt32(values + 4 * j, true);
    case 'l':
    case 'ttu':
      return Number(mem.getBigInt64(values + 8 * j, true));
    case 'g':
      return mem.getFloat64(values + 8 * j, true);
    case 'u': {
      const start = mem.getInt32(values + 4 * j, true);
      const end = mem.getInt32(values + 4 * j + 4, true);
      return utf8.decode(new Uint8Array(mem.buffer, (a.buffers[2] as number) + start, end - start));
    }
    case 'U': {
      const start = Number(mem.getBigInt64(values + 8 * j, true));
      const end = Number(mem.getBigInt64(values + 8 * j + 8, true));
      return utf8.decode(new Uint8Array(mem.buffer, (a.buffers[2] as number) + start, end - start));
    }
  }
  if (format.startsWith('ts')) return Number(mem.getBigInt64(values + 8 * j, true));
  const dec = /^d:(\d+),(\d+)(?:,(\d+))?$/.exec(format);
  if (dec) {
    const width = Number(dec[3] ?? 128) / 8;
    const at = values + width * j;
    const unscaled = width === 8 ? mem.getBigInt64(at, true) : int128(mem, at);
    return decimalText(unscaled, Number(dec[2]));
  }
  throw new Error(`arrow-ffi: unsupported Arrow format "${format}"`);
}

/** Reads a Parquet file's rows with parquet-wasm: one array of JS values per row. */
export function readParquetRows(bytes: Uint8Array): ParquetContents {
  const table = readParquet(bytes);
  const stream = table.intoFFI();
  try {
    const mem = new DataView(wasmMemory().buffer);
    const root = readSchemaNode(mem, stream.schemaAddr());
    const columns = root.children.map((c) => ({ name: c.name, format: c.format }));
    const rows: unknown[][] = [];
    for (let b = 0; b < stream.numArrays(); b++) {
      const batch = readArrayNode(mem, stream.arrayAddr(b));
      const cols = batch.children.map((p) => readArrayNode(mem, p));
      for (let i = 0; i < batch.length; i++) {
        rows.push(
          cols.map((a, c) => {
            const validity = a.buffers[0] as number;
            if (validity !== 0 && !bit(mem, validity, a.offset + i)) return null;
            return readValue(mem, (columns[c] as ArrowColumn).format, a, i);
          }),
        );
      }
    }
    return { columns, rows };
  } finally {
    stream.free();
  }
}

/** The number of row groups in a Parquet file, from parquet-wasm's metadata reader. */
export async function parquetRowGroups(bytes: Uint8Array): Promise<number> {
  const file = await ParquetFile.fromFile(new Blob([bytes]));
  try {
    return file.metadata().numRowGroups();
  } finally {
    file.free();
  }
}
