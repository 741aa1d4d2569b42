/** @module The expression language: parse to an AST, compile to closures over a row. */
export type { Expr, BinaryOp } from './ast.js';
export { refsOf } from './ast.js';
export { parseExpression } from './parse.js';
export {
  compileExpression,
  expressionFunctions,
  type Getter,
  type Resolver,
  type Value,
  type ExpressionOptions,
} from './compile.js';
