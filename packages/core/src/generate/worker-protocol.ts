/** @module Messages between the generator and its worker threads. */
import type { CompileOptions } from '../compile/index.js';
import type { SchemaDoc } from '../dsl/index.js';
import type { FormatName, FormatOptions } from '../format/index.js';

export interface WorkerInit {
  doc: SchemaDoc;
  compile: CompileOptions;
  format: FormatName;
  formatOptions: FormatOptions;
}

export interface WorkerRequest {
  id: number;
  table: string;
  start: number;
  end: number;
}

export interface WorkerReply {
  id: number;
  data?: ArrayBuffer;
  error?: { code: string; message: string; details?: unknown };
}
