/**
 * @module The master key: from TDM_MASTER_KEY (base64 or hex of 32 bytes), else a key file,
 * else a key file created on first start (0600, atomic). Key material stays inside a KeyObject,
 * which neither prints nor serialises its bytes.
 */
import { createHash, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { access, mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ServerError } from '../errors.js';
import { CryptoError } from './errors.js';

export interface MasterKey {
  /** First 8 hex of SHA-256 of the key: names the key without revealing it. */
  readonly id: string;
  readonly source: 'env' | 'file' | 'created';
  readonly key: KeyObject;
}

export interface LoadMasterKeyOptions {
  /** The value of TDM_MASTER_KEY, if set. */
  env?: string | undefined;
  /** Path of the key file, e.g. `<dataDir>/master.key`. */
  keyFile: string;
}

const KEY_BYTES = 32;

/** Wraps 32 raw bytes as a master key (the caller should zero its copy afterwards). */
export function masterKeyFromBytes(bytes: Uint8Array, source: MasterKey['source']): MasterKey {
  const id = createHash('sha256').update(bytes).digest('hex').slice(0, 8);
  return { id, source, key: createSecretKey(Buffer.from(bytes)) };
}

/**
 * Parses TDM_MASTER_KEY: 64 hex digits or base64/base64url of exactly 32 bytes. The message never
 * echoes the value (it is a secret even when malformed).
 */
export function parseMasterKey(value: string): MasterKey {
  const text = value.trim();
  let bytes: Buffer | null = null;
  if (/^[0-9a-fA-F]{64}$/.test(text)) bytes = Buffer.from(text, 'hex');
  else if (/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(text)) {
    const decoded = Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (decoded.length === KEY_BYTES) bytes = decoded;
  }
  if (!bytes) {
    throw new CryptoError(
      'CRYPTO_MASTER_KEY_INVALID',
      `TDM_MASTER_KEY must be 32 bytes as 64 hex digits or 44 base64 characters (got ${text.length} characters that are neither)`,
    );
  }
  const key = masterKeyFromBytes(bytes, 'env');
  bytes.fill(0);
  return key;
}

/** Reads a master key file (exactly 32 bytes). */
export async function readMasterKeyFile(path: string): Promise<MasterKey> {
  return readKeyFile(path);
}

/** Where a rotation keeps the new key until the store has re-sealed every data key under it. */
export function pendingKeyFile(keyFile: string): string {
  return `${keyFile}.next`;
}

/** A fresh random master key; its bytes stay inside the returned KeyObject. */
export function generateMasterKey(): MasterKey {
  const bytes = randomBytes(KEY_BYTES);
  try {
    return masterKeyFromBytes(bytes, 'created');
  } finally {
    bytes.fill(0);
  }
}

/**
 * Writes a key file atomically with 0600: a temp file in the same directory, synced, renamed over
 * `path`, and the directory synced, so a crash leaves the old file or the new one, never half.
 */
export async function writeMasterKeyFile(path: string, key: MasterKey): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const temp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const bytes = key.key.export();
  try {
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
    await syncDir(dir);
  } catch (e) {
    await unlink(temp).catch(() => undefined);
    throw e;
  } finally {
    bytes.fill(0);
  }
}

/** Moves the pending key over the key file (atomic rename), once its rotation has committed. */
export async function promotePendingKey(keyFile: string): Promise<void> {
  await rename(pendingKeyFile(keyFile), keyFile);
  await syncDir(dirname(keyFile));
}

async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function readKeyFile(path: string): Promise<MasterKey> {
  const bytes = await readFile(path);
  if (bytes.length !== KEY_BYTES) {
    throw new CryptoError(
      'CRYPTO_MASTER_KEY_FILE_INVALID',
      `master key file ${path} must hold exactly 32 bytes (it holds ${bytes.length})`,
      { details: { path } },
    );
  }
  const key = masterKeyFromBytes(bytes, 'file');
  bytes.fill(0);
  return key;
}

function isCode(e: unknown, code: string): boolean {
  return e instanceof Error && (e as NodeJS.ErrnoException).code === code;
}

/**
 * Loads the master key (env first, then the key file), creating the file on first start.
 * @example const master = await loadMasterKey({ env: process.env.TDM_MASTER_KEY, keyFile: join(dataDir, 'master.key') });
 */
export async function loadMasterKey(options: LoadMasterKeyOptions): Promise<MasterKey> {
  if (options.env !== undefined && options.env !== '') return parseMasterKey(options.env);
  if (await exists(pendingKeyFile(options.keyFile))) {
    // Which of the two keys seals the data keys depends on whether the rotation committed.
    throw new ServerError(
      'CRYPTO_MASTER_KEY_FILE_INVALID',
      `a master key rotation was interrupted (${pendingKeyFile(options.keyFile)} exists)`,
      {
        details: { path: pendingKeyFile(options.keyFile) },
        suggestedActions: [
          'Run `tdm admin rotate-master-key` again (same data dir) to finish it, then start.',
        ],
      },
    );
  }
  try {
    return await readKeyFile(options.keyFile);
  } catch (e) {
    if (!isCode(e, 'ENOENT')) throw e;
  }
  await mkdir(dirname(options.keyFile), { recursive: true, mode: 0o700 });
  const bytes = randomBytes(KEY_BYTES);
  try {
    // `wx` makes creation atomic: of two processes starting at once, exactly one creates the file.
    const handle = await open(options.keyFile, 'wx', 0o600);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    return masterKeyFromBytes(bytes, 'created');
  } catch (e) {
    if (!isCode(e, 'EEXIST')) throw e;
    return waitForKeyFile(options.keyFile);
  } finally {
    bytes.fill(0);
  }
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** The race loser reads the winner's file, which may still be mid-write for a moment. */
async function waitForKeyFile(path: string): Promise<MasterKey> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await readKeyFile(path);
    } catch (e) {
      if (attempt >= 50) throw e;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}
