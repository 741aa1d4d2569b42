/** @module The `Db` port: the only way the platform talks to its metadata store (PGlite or PostgreSQL). */

/** A result row as the driver returns it; repositories map rows to typed camelCase objects. */
export type Row = Record<string, unknown>;

/** Something that runs one parameterised SQL statement: the store itself or an open transaction. */
export interface Queryable {
  /** Runs one statement (`$1`, `$2` placeholders) and returns its rows. DB errors become ServerErrors. */
  query<T extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

/** An open transaction; migrations also need `exec` for multi-statement SQL without parameters. */
export interface Tx extends Queryable {
  exec(sql: string): Promise<void>;
}

export type Engine = 'postgres' | 'pglite';

export interface Db extends Queryable {
  readonly engine: Engine;
  /** Runs `fn` in one transaction as the connecting role: commits on return, rolls back on throw. */
  transaction<R>(fn: (tx: Tx) => Promise<R>): Promise<R>;
  /**
   * Runs `fn` in a transaction as the application role `tdm_app` with `tdm.team_id` set, so
   * row-level security limits every statement to that team's rows.
   */
  withTeam<R>(teamId: string, fn: (tx: Queryable) => Promise<R>): Promise<R>;
  /** Platform-admin work across teams (team management, key lookup, rotation); callers audit it. */
  withAdmin<R>(fn: (tx: Queryable) => Promise<R>): Promise<R>;
  close(): Promise<void>;
}

/** What each engine adapter provides; `scopedDb` builds the `Db` port from it. */
export interface Driver {
  readonly engine: Engine;
  query<T extends Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  transaction<R>(fn: (tx: Tx) => Promise<R>): Promise<R>;
  close(): Promise<void>;
}
