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
  /** A buffer lent back to the worker to encode into (saves an allocation per chunk). */
  spare?: ArrayBuffer;
}

export interface WorkerReply {
  id: number;
  data?: ArrayBuffer;
  /** Bytes of `data` that belong to the chunk (all of it when absent). */
  length?: number;
  /** Sent once (id -1) when the worker has compiled the schema and takes requests. */
  ready?: true;
  error?: { code: string; message: string; details?: unknown };
}
