/**
 * @module `tdm validate --server`: the server checks the schema (POST /schemas/validate) against
 * the same "now" local validation would use, so both list the same problems.
 */
import type { ValidationResult } from '@tdm/core';
import { todayUtc } from '../flags.js';
import type { Io } from '../io.js';
import { readSchemaFile } from '../read-input.js';
import {
  fromRemote,
  plainHttpWarning,
  redacted,
  remoteClient,
  resolveConnection,
  type RemoteFlags,
} from '../remote/index.js';

export async function remoteValidate(
  schemaPath: string,
  flags: RemoteFlags & { now?: number },
  io: Io,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ValidationResult> {
  const conn = resolveConnection(flags, env);
  const text = await readSchemaFile(schemaPath);
  const warning = plainHttpWarning(conn.server);
  if (warning) io.err(warning);
  try {
    const api = remoteClient(conn, io);
    const result = await api.validateSchema({
      body: { document: text, now: new Date(flags.now ?? todayUtc()).toISOString() },
    });
    return result;
  } catch (e) {
    throw redacted(fromRemote(e, conn.server), conn.key);
  }
}
