/**
 * @module The API-key pepper: the HMAC key that key hashes are made with, so a stolen api_keys
 * table cannot be checked against guesses. From TDM_KEY_PEPPER, else a 0600 file beside the
 * master key, created on first start. Held as a KeyObject, which never prints its bytes.
 */
import { createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { mkdir, open, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ServerError } from '../errors.js';

export interface LoadPepperOptions {
  /** The value of TDM_KEY_PEPPER, if set (at least 32 characters). */
  env?: string | undefined;
  /** e.g. `<dataDir>/key-pepper`, beside `master.key`. */
  file: string;
}

const BYTES = 32;
const MIN_ENV = 32;

function isCode(e: unknown, code: string): boolean {
  return e instanceof Error && (e as NodeJS.ErrnoException).code === code;
}

async function readPepper(file: string): Promise<KeyObject> {
  const bytes = await readFile(file);
  if (bytes.length !== BYTES) {
    throw new ServerError('AUTH_CONFIG_INVALID', `key pepper file ${file} must hold exactly ${BYTES} bytes`, {
      details: { path: file },
    });
  }
  return createSecretKey(bytes);
}

/** Loads the pepper (env first, then the file), creating the file atomically on first start. */
export async function loadPepper(options: LoadPepperOptions): Promise<KeyObject> {
  if (options.env !== undefined && options.env !== '') {
    if (options.env.length < MIN_ENV) {
      // The length only: the value is a secret even when too short.
      throw new ServerError('AUTH_CONFIG_INVALID', `TDM_KEY_PEPPER must be at least ${MIN_ENV} characters`);
    }
    return createSecretKey(Buffer.from(options.env, 'utf8'));
  }
  try {
    return await readPepper(options.file);
  } catch (e) {
    if (!isCode(e, 'ENOENT')) throw e;
  }
  await mkdir(dirname(options.file), { recursive: true, mode: 0o700 });
  const bytes = randomBytes(BYTES);
  try {
    const handle = await open(options.file, 'wx', 0o600);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    return createSecretKey(bytes);
  } catch (e) {
    if (!isCode(e, 'EEXIST')) throw e;
    // Another process created it a moment ago; give its write a moment to land.
    await new Promise((resolve) => setTimeout(resolve, 50));
    return readPepper(options.file);
  } finally {
    bytes.fill(0);
  }
}
