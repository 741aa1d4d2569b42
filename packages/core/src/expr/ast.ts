/** @module The AST of tdm's small expression language (constraints, derived fields, templates). */
export type BinaryOp = '+' | '-' | '*' | '/' | '%' | '=' | '!=' | '<' | '<=' | '>' | '>=' | 'and' | 'or';

export type Expr =
  | { k: 'lit'; v: string | number | boolean | null }
  | { k: 'ref'; path: string }
  | { k: 'unary'; op: '-' | 'not'; e: Expr }
  | { k: 'bin'; op: BinaryOp; l: Expr; r: Expr }
  | { k: 'between'; e: Expr; lo: Expr; hi: Expr; not: boolean }
  | { k: 'isnull'; e: Expr; not: boolean }
  | { k: 'in'; e: Expr; list: Expr[]; not: boolean }
  | { k: 'call'; fn: string; args: Expr[] }
  | { k: 'if'; cond: Expr; then: Expr; else: Expr | null };

/** Every field path an expression reads, in first-seen order. */
export function refsOf(e: Expr, acc: string[] = []): string[] {
  switch (e.k) {
    case 'lit':
      break;
    case 'ref':
      if (!acc.includes(e.path)) acc.push(e.path);
      break;
    case 'unary':
    case 'isnull':
      refsOf(e.e, acc);
      break;
    case 'bin':
      refsOf(e.l, acc);
      refsOf(e.r, acc);
      break;
    case 'between':
      refsOf(e.e, acc);
      refsOf(e.lo, acc);
      refsOf(e.hi, acc);
      break;
    case 'in':
      refsOf(e.e, acc);
      e.list.forEach((x) => refsOf(x, acc));
      break;
    case 'call':
      e.args.forEach((x) => refsOf(x, acc));
      break;
    case 'if':
      refsOf(e.cond, acc);
      refsOf(e.then, acc);
      if (e.else) refsOf(e.else, acc);
      break;
  }
  return acc;
}
