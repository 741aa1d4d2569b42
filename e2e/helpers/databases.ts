/**
 * @module Throwaway databases on the machine's real PostgreSQL (127.0.0.1:5432, user postgres) and
 * MariaDB (127.0.0.1:3306, root): each call creates `tdm_test_<random>`, hands a connection to the
 * test and drops the database afterwards, whatever happened.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import mysql from 'mysql2/promise';
import pg from 'pg';

const run = promisify(execFile);

export const PG = { host: '127.0.0.1', port: 5432, user: 'postgres' } as const;
export const MYSQL = { host: '127.0.0.1', port: 3306, user: 'root' } as const;

/** A database name no other test run uses. */
export function uniqueDbName(): string {
  return `tdm_test_${randomBytes(6).toString('hex')}`;
}

export async function withPostgresDatabase<T>(
  fn: (client: pg.Client, name: string) => Promise<T>,
): Promise<T> {
  const name = uniqueDbName();
  const admin = new pg.Client({ ...PG, database: 'postgres' });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} ENCODING 'UTF8' TEMPLATE template0`);
    const client = new pg.Client({ ...PG, database: name });
    await client.connect();
    try {
      return await fn(client, name);
    } finally {
      await client.end();
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

export async function withMysqlDatabase<T>(
  fn: (conn: mysql.Connection, name: string) => Promise<T>,
): Promise<T> {
  const name = uniqueDbName();
  const admin = await mysql.createConnection({ ...MYSQL });
  try {
    await admin.query(`CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
    const conn = await mysql.createConnection({
      ...MYSQL,
      database: name,
      multipleStatements: true,
      charset: 'utf8mb4',
      dateStrings: true,
      supportBigNumbers: true,
    });
    try {
      return await fn(conn, name);
    } finally {
      await conn.end();
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.end();
  }
}

/** True when the psql client is installed (needed for COPY ... FROM stdin files). */
export async function hasPsql(): Promise<boolean> {
  try {
    await run('psql', ['--version']);
    return true;
  } catch {
    return false;
  }
}

/** Runs SQL files with psql, stopping at the first error (which is thrown with psql's stderr). */
export async function psqlFiles(database: string, files: readonly string[]): Promise<void> {
  const args = [
    '-X',
    '-q',
    '-v',
    'ON_ERROR_STOP=1',
    '-h',
    PG.host,
    '-p',
    String(PG.port),
    '-U',
    PG.user,
    '-d',
    database,
  ];
  for (const f of files) args.push('-f', f);
  await run('psql', args, { maxBuffer: 64 * 1024 * 1024 });
}
