/**
 * @module What the compiler produces: table plans (what writers and SQL DDL need) and runtimes
 * (how rows are computed).
 */
import type { ColumnKind } from '../values/index.js';

export interface ColumnSpec {
  name: string;
  kind: ColumnKind;
  /** Digits after the point for decimals. */
  scale?: number;
  /** Longest string, when known. */
  maxLength?: number;
  nullable: boolean;
}

export interface ForeignKeySpec {
  columns: string[];
  refTable: string;
  refColumns: string[];
  /** True when this reference closes a cycle: it is enforced after the data is loaded. */
  deferred: boolean;
}

export interface TablePlan {
  name: string;
  rowCount: number;
  columns: ColumnSpec[];
  primaryKey: string[];
  uniques: string[][];
  foreignKeys: ForeignKeySpec[];
  xml: { element: string; row: string };
}
