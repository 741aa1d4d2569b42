/**
 * @module Sealing a data key under the master key: AES-256-GCM with the team and key id as AAD,
 * so a sealed key copied to another team or key id fails to open.
 * Layout: version (1 byte) | nonce (12) | sealed key (32) | tag (16).
 */
import { createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { NONCE_BYTES, aeadOpen, aeadSeal } from './aead.js';
import type { ResealedKey, SealedDataKey } from './data-key-store.js';
import { CryptoError } from './errors.js';
import type { MasterKey } from './master-key.js';

const VERSION = 1;

function aad(teamId: string, keyId: string): Buffer {
  return Buffer.from(`tdm-data-key|${teamId}|${keyId}`, 'utf8');
}

export function sealDataKey(
  master: MasterKey,
  teamId: string,
  keyId: string,
  dataKey: Uint8Array,
): ResealedKey {
  const nonce = randomBytes(NONCE_BYTES);
  const sealed = aeadSeal(master.key, nonce, dataKey, aad(teamId, keyId));
  return { sealedKey: Buffer.concat([Buffer.of(VERSION), nonce, sealed]), masterKeyId: master.id };
}

/** Unseals a stored data key; a wrong master key or an altered row gives a coded error. */
export function unsealDataKey(master: MasterKey, row: SealedDataKey): KeyObject {
  const where = { teamId: row.teamId, keyId: row.keyId, masterKeyId: row.masterKeyId };
  if (row.masterKeyId !== master.id) {
    throw new CryptoError(
      'CRYPTO_MASTER_KEY_MISMATCH',
      `data key ${row.keyId} of team "${row.teamId}" is sealed by master key ${row.masterKeyId}, but the loaded master key is ${master.id}`,
      { details: { ...where, loadedMasterKeyId: master.id } },
    );
  }
  const bytes = Buffer.from(row.sealedKey);
  const plain =
    bytes[0] === VERSION
      ? aeadOpen(
          master.key,
          bytes.subarray(1, 1 + NONCE_BYTES),
          bytes.subarray(1 + NONCE_BYTES),
          aad(row.teamId, row.keyId),
        )
      : null;
  if (!plain || plain.length !== 32) {
    throw new CryptoError(
      'CRYPTO_DATA_KEY_CORRUPT',
      `data key ${row.keyId} of team "${row.teamId}" failed to authenticate`,
      {
        details: where,
      },
    );
  }
  const key = createSecretKey(plain);
  plain.fill(0);
  return key;
}
