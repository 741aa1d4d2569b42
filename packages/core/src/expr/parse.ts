/**
 * @module A hand-written recursive-descent parser for the expression language.
 *
 * Grammar (SQL-flavoured, case-insensitive keywords):
 *   expr    := 'if' expr 'then' expr ('else' expr)? | or
 *   or      := and ('or' and)*          and := not ('and' not)*
 *   not     := 'not' not | cmp
 *   cmp     := sum ( op sum | 'not'? 'between' sum 'and' sum | 'is' 'not'? 'null' | 'not'? 'in' '(' list ')' )?
 *   sum     := prod (('+'|'-') prod)*   prod := unary (('*'|'/'|'%') unary)*
 *   unary   := '-' unary | primary
 *   primary := number | 'string' | true | false | null | name ('.' name)* ('(' args ')')? | '(' expr ')'
 * It never evaluates anything: the result is data, compiled later against known fields only.
 */
import { TdmError } from '../errors/index.js';
import type { BinaryOp, Expr } from './ast.js';

const MAX_EXPRESSION_LENGTH = 4096;
const MAX_DEPTH = 64;

type Tok =
  | { t: 'num'; v: number; at: number }
  | { t: 'str'; v: string; at: number }
  | { t: 'id'; v: string; at: number }
  | { t: 'op'; v: string; at: number };

const KEYWORDS = new Set([
  'and',
  'or',
  'not',
  'between',
  'is',
  'null',
  'in',
  'true',
  'false',
  'if',
  'then',
  'else',
]);

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (/\s/.test(c)) {
      i++;
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      const m = /^[0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?/.exec(src.slice(i)) as RegExpExecArray;
      out.push({ t: 'num', v: Number(m[0]), at: i });
      i += m[0].length;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      let s = '';
      for (;;) {
        if (j >= src.length) throw syntax(src, i, 'unterminated string');
        const d = src[j] as string;
        if (d === c) {
          if (src[j + 1] === c) {
            s += c;
            j += 2;
            continue;
          }
          break;
        }
        s += d;
        j++;
      }
      out.push({ t: 'str', v: s, at: i });
      i = j + 1;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i)) as RegExpExecArray;
      out.push({ t: 'id', v: m[0], at: i });
      i += m[0].length;
    } else {
      const two = src.slice(i, i + 2);
      if (['<=', '>=', '!=', '<>', '==', '&&', '||'].includes(two)) {
        const v = two === '<>' ? '!=' : two === '==' ? '=' : two === '&&' ? 'and' : two === '||' ? 'or' : two;
        out.push(v === 'and' || v === 'or' ? { t: 'id', v, at: i } : { t: 'op', v, at: i });
        i += 2;
      } else if ('+-*/%=<>(),.!'.includes(c)) {
        out.push(c === '!' ? { t: 'id', v: 'not', at: i } : { t: 'op', v: c, at: i });
        i++;
      } else {
        throw syntax(src, i, `unexpected character "${c}"`);
      }
    }
  }
  return out;
}

function syntax(src: string, at: number, what: string): TdmError {
  return new TdmError('SCHEMA_CONSTRAINT_INVALID', `expression "${src}": ${what} at position ${at + 1}`, {
    details: { expression: src, position: at + 1 },
  });
}

/** Parses an expression; throws TdmError SCHEMA_CONSTRAINT_INVALID with the position on bad input. */
export function parseExpression(src: string): Expr {
  if (src.length > MAX_EXPRESSION_LENGTH) {
    throw new TdmError(
      'SCHEMA_CONSTRAINT_INVALID',
      `expression longer than ${MAX_EXPRESSION_LENGTH} characters`,
    );
  }
  const toks = tokenize(src);
  let pos = 0;
  let depth = 0;
  const peek = (): Tok | undefined => toks[pos];
  const isKw = (tok: Tok | undefined, kw: string): boolean => tok?.t === 'id' && tok.v.toLowerCase() === kw;
  const isOp = (tok: Tok | undefined, op: string): boolean => tok?.t === 'op' && tok.v === op;
  const here = (): number => peek()?.at ?? src.length;
  const expectKw = (kw: string): void => {
    if (!isKw(peek(), kw)) throw syntax(src, here(), `expected "${kw}"`);
    pos++;
  };
  const expectOp = (op: string): void => {
    if (!isOp(peek(), op)) throw syntax(src, here(), `expected "${op}"`);
    pos++;
  };

  const expr = (): Expr => {
    if (++depth > MAX_DEPTH) throw syntax(src, here(), 'expression nested too deeply');
    try {
      if (isKw(peek(), 'if')) {
        pos++;
        const cond = expr();
        expectKw('then');
        const then = expr();
        let otherwise: Expr | null = null;
        if (isKw(peek(), 'else')) {
          pos++;
          otherwise = expr();
        }
        return { k: 'if', cond, then, else: otherwise };
      }
      return or();
    } finally {
      depth--;
    }
  };
  const or = (): Expr => {
    let l = and();
    while (isKw(peek(), 'or')) {
      pos++;
      l = { k: 'bin', op: 'or', l, r: and() };
    }
    return l;
  };
  const and = (): Expr => {
    let l = not();
    while (isKw(peek(), 'and')) {
      pos++;
      l = { k: 'bin', op: 'and', l, r: not() };
    }
    return l;
  };
  const not = (): Expr => {
    if (isKw(peek(), 'not')) {
      pos++;
      if (++depth > MAX_DEPTH) throw syntax(src, here(), 'expression nested too deeply');
      const e = not();
      depth--;
      return { k: 'unary', op: 'not', e };
    }
    return cmp();
  };
  const cmp = (): Expr => {
    const l = sum();
    const tok = peek();
    if (tok?.t === 'op' && ['=', '!=', '<', '<=', '>', '>='].includes(tok.v)) {
      pos++;
      return { k: 'bin', op: tok.v as BinaryOp, l, r: sum() };
    }
    let negated = false;
    if (isKw(tok, 'not') && (isKw(toks[pos + 1], 'between') || isKw(toks[pos + 1], 'in'))) {
      negated = true;
      pos++;
    }
    if (isKw(peek(), 'between')) {
      pos++;
      const lo = sum();
      expectKw('and');
      return { k: 'between', e: l, lo, hi: sum(), not: negated };
    }
    if (isKw(peek(), 'in')) {
      pos++;
      expectOp('(');
      const list: Expr[] = [sum()];
      while (isOp(peek(), ',')) {
        pos++;
        list.push(sum());
      }
      expectOp(')');
      return { k: 'in', e: l, list, not: negated };
    }
    if (isKw(peek(), 'is')) {
      pos++;
      let isNot = false;
      if (isKw(peek(), 'not')) {
        pos++;
        isNot = true;
      }
      expectKw('null');
      return { k: 'isnull', e: l, not: isNot };
    }
    return l;
  };
  const sum = (): Expr => {
    let l = prod();
    while (isOp(peek(), '+') || isOp(peek(), '-')) {
      const op = (toks[pos++] as Tok).v as BinaryOp;
      l = { k: 'bin', op, l, r: prod() };
    }
    return l;
  };
  const prod = (): Expr => {
    let l = unary();
    while (isOp(peek(), '*') || isOp(peek(), '/') || isOp(peek(), '%')) {
      const op = (toks[pos++] as Tok).v as BinaryOp;
      l = { k: 'bin', op, l, r: unary() };
    }
    return l;
  };
  const unary = (): Expr => {
    if (isOp(peek(), '-')) {
      pos++;
      if (++depth > MAX_DEPTH) throw syntax(src, here(), 'expression nested too deeply');
      const e = unary();
      depth--;
      return { k: 'unary', op: '-', e };
    }
    return primary();
  };
  const primary = (): Expr => {
    const tok = peek();
    if (!tok) throw syntax(src, src.length, 'unexpected end of expression');
    pos++;
    if (tok.t === 'num') return { k: 'lit', v: tok.v };
    if (tok.t === 'str') return { k: 'lit', v: tok.v };
    if (tok.t === 'op' && tok.v === '(') {
      const e = expr();
      expectOp(')');
      return e;
    }
    if (tok.t === 'id') {
      const lower = tok.v.toLowerCase();
      if (lower === 'true' || lower === 'false') return { k: 'lit', v: lower === 'true' };
      if (lower === 'null') return { k: 'lit', v: null };
      if (KEYWORDS.has(lower)) throw syntax(src, tok.at, `unexpected keyword "${tok.v}"`);
      if (isOp(peek(), '(')) {
        pos++;
        const args: Expr[] = [];
        if (!isOp(peek(), ')')) {
          args.push(expr());
          while (isOp(peek(), ',')) {
            pos++;
            args.push(expr());
          }
        }
        expectOp(')');
        return { k: 'call', fn: lower, args };
      }
      let path = tok.v;
      while (isOp(peek(), '.') && toks[pos + 1]?.t === 'id') {
        path += '.' + (toks[pos + 1] as Tok).v;
        pos += 2;
      }
      return { k: 'ref', path };
    }
    throw syntax(src, tok.at, `unexpected "${String(tok.v)}"`);
  };

  if (toks.length === 0) throw syntax(src, 0, 'empty expression');
  const result = expr();
  if (pos < toks.length) throw syntax(src, here(), `unexpected "${String((toks[pos] as Tok).v)}"`);
  return result;
}
