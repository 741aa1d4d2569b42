/**
 * @module `tdm admin rotate-master-key`: re-seals every team data key under a new master key in one
 * store transaction (no data file is read or rewritten). A key file is replaced only after the
 * re-seal committed: the new key waits in `master.key.next` (0600) meanwhile, so a crash at any
 * point leaves a state that running the command again completes. Audited; never prints a key.
 */
import { join } from 'node:path';
import { unlink } from 'node:fs/promises';
import { parseMasterKey, type MasterKey } from '../crypto/index.js';
import {
  generateMasterKey,
  pendingKeyFile,
  promotePendingKey,
  readMasterKeyFile,
  writeMasterKeyFile,
} from '../crypto/master-key.js';
import { rotateMasterKey } from '../crypto/rotate-master-key.js';
import { isCodedError, ServerError } from '../errors.js';
import { dbDataKeyStore } from '../keys/index.js';
import { openStore, recordAudit } from '../store/index.js';
import type { ServerConfig } from './config.js';

export interface RotationResult {
  /** Data keys re-sealed under the new master key (keys already under it are not counted). */
  resealed: number;
  /** Ids (8 hex of the key's SHA-256) name the keys without revealing them. */
  oldKeyId: string;
  newKeyId: string;
  /** Where the new key lives: the key file (already replaced), or the operator's environment. */
  keyLocation: 'file' | 'env';
  keyFile: string | null;
  /** True when this run finished a rotation an earlier run had begun. */
  resumed: boolean;
}

function parseNewKey(text: string): MasterKey {
  try {
    return parseMasterKey(text);
  } catch (e) {
    if (!isCodedError(e)) throw e;
    throw new ServerError(
      'CRYPTO_MASTER_KEY_INVALID',
      e.message.replace('TDM_MASTER_KEY', 'TDM_NEW_MASTER_KEY'),
      {
        suggestedActions: [
          'Set TDM_NEW_MASTER_KEY to 32 random bytes (e.g. `openssl rand -base64 32`), or unset it to generate one.',
        ],
      },
    );
  }
}

interface Plan {
  old: MasterKey;
  next: MasterKey;
  keyFile: string | null;
  /** The pending file this run wrote (removed again if the re-seal does not commit). */
  wrote: boolean;
  resumed: boolean;
}

async function plan(config: ServerConfig): Promise<Plan> {
  if (config.masterKey) {
    // A generated key would have to be printed for the operator to set; we never print keys.
    if (!config.newMasterKey) {
      throw new ServerError(
        'CONFIG_INVALID',
        'TDM_MASTER_KEY is set: give the new key in TDM_NEW_MASTER_KEY (a generated key would have to be printed)',
      );
    }
    return {
      old: parseMasterKey(config.masterKey),
      next: parseNewKey(config.newMasterKey),
      keyFile: null,
      wrote: false,
      resumed: false,
    };
  }
  const keyFile = join(config.dataDir, 'master.key');
  const old = await readMasterKeyFile(keyFile).catch((e: unknown) => {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    throw new ServerError(
      'CONFIG_INVALID',
      `no master key to rotate: TDM_MASTER_KEY is unset and ${keyFile} does not exist`,
    );
  });
  const asked = config.newMasterKey ? parseNewKey(config.newMasterKey) : null;
  const pending = await readMasterKeyFile(pendingKeyFile(keyFile)).catch((e: unknown) => {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  });
  if (pending) {
    if (asked && asked.id !== pending.id) {
      throw new ServerError(
        'CONFIG_INVALID',
        `an interrupted rotation to key ${pending.id} must finish first; unset TDM_NEW_MASTER_KEY and run again`,
      );
    }
    return { old, next: pending, keyFile, wrote: false, resumed: true };
  }
  const next = asked ?? generateMasterKey();
  if (next.id === old.id) return { old, next, keyFile, wrote: false, resumed: false };
  await writeMasterKeyFile(pendingKeyFile(keyFile), next);
  return { old, next, keyFile, wrote: true, resumed: false };
}

export async function adminRotateMasterKey(
  config: ServerConfig,
  actor = 'cli-admin',
): Promise<RotationResult> {
  const p = await plan(config);
  if (p.next.id === p.old.id) {
    throw new ServerError(
      'CONFIG_INVALID',
      `the new master key is the current one (${p.old.id}); nothing to rotate`,
    );
  }
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const base = {
    teamId: null,
    actor,
    actorRole: 'platform-admin',
    action: 'master-key.rotate',
    resource: 'master-key',
  };
  let committed = false;
  try {
    const resealed = await rotateMasterKey(p.old, p.next, dbDataKeyStore(store));
    committed = true;
    if (p.keyFile) await promotePendingKey(p.keyFile);
    const result: RotationResult = {
      resealed,
      oldKeyId: p.old.id,
      newKeyId: p.next.id,
      keyLocation: p.keyFile ? 'file' : 'env',
      keyFile: p.keyFile,
      resumed: p.resumed,
    };
    await recordAudit(store, {
      ...base,
      outcome: 'success',
      details: {
        resealed,
        oldKeyId: p.old.id,
        newKeyId: p.next.id,
        keyLocation: result.keyLocation,
        resumed: p.resumed,
      },
    });
    return result;
  } catch (e) {
    // Not committed: every data key is still under the old key, so the pending file can go.
    if (!committed && p.wrote && p.keyFile) await unlink(pendingKeyFile(p.keyFile)).catch(() => undefined);
    const code = isCodedError(e) ? e.code : 'INTERNAL_ERROR';
    await recordAudit(store, {
      ...base,
      outcome: 'error',
      details: { errorCode: code, oldKeyId: p.old.id, newKeyId: p.next.id, committed },
    }).catch(() => undefined);
    throw e;
  } finally {
    await store.close();
  }
}
