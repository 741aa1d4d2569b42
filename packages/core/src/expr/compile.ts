/**
 * @module Compiles an expression AST into a plain closure over the current row.
 *
 * Sandboxed by construction: names resolve only through the given resolver (fields of the row or of
 * a referenced parent) and a fixed table of pure functions; there is no eval and no property access.
 * Null follows SQL: comparisons with null yield null, and a rule fails only when it yields false.
 */
import { didYouMean } from '../dsl/did-you-mean.js';
import { TdmError } from '../errors/index.js';
import type { Expr } from './ast.js';

export type Value = string | number | boolean | null | object;
/** Reads one value of the row being generated (or of one of its parents). */
export type Getter = (row: number, out: Value[]) => Value;
export type Resolver = (path: string) => Getter;

const DAY_MS = 86_400_000;

const FUNCTIONS: Record<string, { arity: [number, number]; fn: (...a: Value[]) => Value }> = {
  lower: { arity: [1, 1], fn: (s) => (s === null ? null : String(s).toLowerCase()) },
  upper: { arity: [1, 1], fn: (s) => (s === null ? null : String(s).toUpperCase()) },
  trim: { arity: [1, 1], fn: (s) => (s === null ? null : String(s).trim()) },
  length: { arity: [1, 1], fn: (s) => (s === null ? null : String(s).length) },
  slug: {
    arity: [1, 1],
    fn: (s) =>
      s === null
        ? null
        : String(s)
            .normalize('NFKD')
            .replace(/[\u0300-\u036f]/g, '')
            .toLowerCase()
            .replace(/[^a-z0-9]+/g, '.')
            .replace(/^\.+|\.+$/g, ''),
  },
  concat: { arity: [1, 32], fn: (...a) => a.map((x) => (x === null ? '' : String(x))).join('') },
  substr: {
    arity: [2, 3],
    fn: (s, start, len) =>
      s === null ? null : String(s).substr(Number(start), len === undefined ? undefined : Number(len)),
  },
  replace: {
    arity: [3, 3],
    fn: (s, a, b) => (s === null ? null : String(s).split(String(a)).join(String(b))),
  },
  coalesce: { arity: [1, 32], fn: (...a) => a.find((x) => x !== null) ?? null },
  abs: { arity: [1, 1], fn: (x) => (x === null ? null : Math.abs(Number(x))) },
  floor: { arity: [1, 1], fn: (x) => (x === null ? null : Math.floor(Number(x))) },
  ceil: { arity: [1, 1], fn: (x) => (x === null ? null : Math.ceil(Number(x))) },
  round: {
    arity: [1, 2],
    fn: (x, d) => {
      if (x === null) return null;
      const f = 10 ** Number(d ?? 0);
      return Math.round(Number(x) * f) / f;
    },
  },
  min: { arity: [1, 32], fn: (...a) => (a.includes(null) ? null : Math.min(...a.map(Number))) },
  max: { arity: [1, 32], fn: (...a) => (a.includes(null) ? null : Math.max(...a.map(Number))) },
  days: { arity: [1, 1], fn: (n) => (n === null ? null : Number(n) * DAY_MS) },
  hours: { arity: [1, 1], fn: (n) => (n === null ? null : Number(n) * 3_600_000) },
  minutes: { arity: [1, 1], fn: (n) => (n === null ? null : Number(n) * 60_000) },
  date: { arity: [1, 1], fn: (s) => (s === null ? null : parseDateLiteral(String(s))) },
  year: { arity: [1, 1], fn: (t) => (t === null ? null : new Date(Number(t)).getUTCFullYear()) },
  month: { arity: [1, 1], fn: (t) => (t === null ? null : new Date(Number(t)).getUTCMonth() + 1) },
  day: { arity: [1, 1], fn: (t) => (t === null ? null : new Date(Number(t)).getUTCDate()) },
  string: {
    arity: [1, 1],
    fn: (x) => (x === null ? null : typeof x === 'object' ? JSON.stringify(x) : String(x)),
  },
  number: { arity: [1, 1], fn: (x) => (x === null ? null : Number(x)) },
};

export const expressionFunctions = Object.keys(FUNCTIONS);

function parseDateLiteral(s: string): number {
  const t = Date.parse(s);
  if (Number.isNaN(t)) throw new TdmError('SCHEMA_CONSTRAINT_INVALID', `date("${s}"): not an ISO date`);
  return t;
}

/** Options that let the caller pre-convert literals compared with typed fields (e.g. dates). */
export interface ExpressionOptions {
  /** Converts a string literal compared against the field at `path` (e.g. '2024-01-01' vs a date). */
  coerceLiteral?: (path: string, literal: string) => Value;
  /** The value of `now()`. */
  now?: number;
}

function compare(a: Value, b: Value): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' || typeof b === 'boolean') return Number(a) - Number(b);
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

function truthy(v: Value): boolean | null {
  if (v === null) return null;
  return Boolean(v);
}

export function compileExpression(e: Expr, resolve: Resolver, options: ExpressionOptions = {}): Getter {
  const c = (x: Expr): Getter => compileExpression(x, resolve, options);
  const literalFor = (other: Expr, lit: Expr): Getter | null => {
    if (other.k === 'ref' && lit.k === 'lit' && typeof lit.v === 'string' && options.coerceLiteral) {
      const v = options.coerceLiteral(other.path, lit.v);
      return () => v;
    }
    return null;
  };
  switch (e.k) {
    case 'lit': {
      const v = e.v;
      return () => v;
    }
    case 'ref':
      return resolve(e.path);
    case 'unary': {
      const inner = c(e.e);
      if (e.op === '-') {
        return (row, out) => {
          const v = inner(row, out);
          return v === null ? null : -Number(v);
        };
      }
      return (row, out) => {
        const v = truthy(inner(row, out));
        return v === null ? null : !v;
      };
    }
    case 'isnull': {
      const inner = c(e.e);
      return e.not ? (row, out) => inner(row, out) !== null : (row, out) => inner(row, out) === null;
    }
    case 'between': {
      const v = c(e.e);
      const lo = literalFor(e.e, e.lo) ?? c(e.lo);
      const hi = literalFor(e.e, e.hi) ?? c(e.hi);
      const neg = e.not;
      return (row, out) => {
        const x = v(row, out);
        const a = lo(row, out);
        const b = hi(row, out);
        if (x === null || a === null || b === null) return null;
        const inside = compare(x, a) >= 0 && compare(x, b) <= 0;
        return neg ? !inside : inside;
      };
    }
    case 'in': {
      const v = c(e.e);
      const list = e.list.map((x) => literalFor(e.e, x) ?? c(x));
      const neg = e.not;
      return (row, out) => {
        const x = v(row, out);
        if (x === null) return null;
        let found = false;
        for (const g of list) if (compare(x, g(row, out)) === 0) found = true;
        return neg ? !found : found;
      };
    }
    case 'if': {
      const cond = c(e.cond);
      const then = c(e.then);
      const otherwise = e.else ? c(e.else) : null;
      // As a rule, "if A then B" holds when A is not true or B holds.
      return (row, out) =>
        truthy(cond(row, out)) === true ? then(row, out) : otherwise ? otherwise(row, out) : true;
    }
    case 'call': {
      if (e.fn === 'now' && e.args.length === 0) {
        const now = options.now ?? null;
        return () => now;
      }
      const f = FUNCTIONS[e.fn];
      if (!f) {
        throw new TdmError(
          'SCHEMA_CONSTRAINT_INVALID',
          `unknown function "${e.fn}"${didYouMean(e.fn, [...expressionFunctions, 'now'])}`,
          {
            suggestedActions: [`Use one of: ${expressionFunctions.join(', ')}, now.`],
          },
        );
      }
      if (e.args.length < f.arity[0] || e.args.length > f.arity[1]) {
        throw new TdmError(
          'SCHEMA_CONSTRAINT_INVALID',
          `${e.fn}() takes ${f.arity[0]}-${f.arity[1]} arguments`,
        );
      }
      const args = e.args.map(c);
      const fn = f.fn;
      if (args.length === 1) {
        const a0 = args[0] as Getter;
        return (row, out) => fn(a0(row, out));
      }
      return (row, out) => fn(...args.map((g) => g(row, out)));
    }
    case 'bin': {
      const l = literalFor(e.r, e.l) ?? c(e.l);
      const r = literalFor(e.l, e.r) ?? c(e.r);
      switch (e.op) {
        case 'and':
          return (row, out) => {
            const a = truthy(l(row, out));
            if (a === false) return false;
            const b = truthy(r(row, out));
            if (b === false) return false;
            return a === null || b === null ? null : true;
          };
        case 'or':
          return (row, out) => {
            const a = truthy(l(row, out));
            if (a === true) return true;
            const b = truthy(r(row, out));
            if (b === true) return true;
            return a === null || b === null ? null : false;
          };
        case '+':
          return (row, out) => {
            const a = l(row, out);
            const b = r(row, out);
            if (a === null || b === null) return null;
            return typeof a === 'string' || typeof b === 'string'
              ? String(a) + String(b)
              : Number(a) + Number(b);
          };
        case '-':
          return arith(l, r, (a, b) => a - b);
        case '*':
          return arith(l, r, (a, b) => a * b);
        case '/':
          return arith(l, r, (a, b) => (b === 0 ? null : a / b));
        case '%':
          return arith(l, r, (a, b) => (b === 0 ? null : a % b));
        default: {
          const op = e.op;
          return (row, out) => {
            const a = l(row, out);
            const b = r(row, out);
            if (a === null || b === null) return null;
            const d = compare(a, b);
            switch (op) {
              case '=':
                return d === 0;
              case '!=':
                return d !== 0;
              case '<':
                return d < 0;
              case '<=':
                return d <= 0;
              case '>':
                return d > 0;
              default:
                return d >= 0;
            }
          };
        }
      }
    }
  }
}

function arith(l: Getter, r: Getter, f: (a: number, b: number) => number | null): Getter {
  return (row, out) => {
    const a = l(row, out);
    const b = r(row, out);
    return a === null || b === null ? null : f(Number(a), Number(b));
  };
}
