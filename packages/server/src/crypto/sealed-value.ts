/**
 * @module Small secrets (target database passwords, webhook secrets) sealed as compact strings:
 * `tdm1.<keyId>.<base64url(nonce | ciphertext | tag)>`, under the team's data key, with the team,
 * key id and a caller-chosen context (e.g. `target:42:password`) as AAD, so a sealed value copied
 * to another team, row or field does not open.
 */
import { randomBytes } from 'node:crypto';
import { NONCE_BYTES, aeadOpen, aeadSeal } from './aead.js';
import { CryptoError } from './errors.js';
import type { DataKey } from './keyring.js';

const PREFIX = 'tdm1';

export interface ValueKeys {
  activeKey(teamId: string): Promise<DataKey>;
  key(teamId: string, keyId: string): Promise<DataKey>;
}

function aad(teamId: string, keyId: string, context: string): Buffer {
  return Buffer.from(`tdm-value|${teamId}|${keyId}|${context}`, 'utf8');
}

/**
 * Seals a UTF-8 secret for a team.
 * @example const stored = await sealValue(keyring, 'alpha', password, 'target:42:password');
 */
export async function sealValue(
  keys: ValueKeys,
  teamId: string,
  plaintext: string,
  context = '',
): Promise<string> {
  const { keyId, key } = await keys.activeKey(teamId);
  const nonce = randomBytes(NONCE_BYTES);
  const sealed = aeadSeal(key, nonce, Buffer.from(plaintext, 'utf8'), aad(teamId, keyId, context));
  return `${PREFIX}.${keyId}.${Buffer.concat([nonce, sealed]).toString('base64url')}`;
}

/** Opens a value from `sealValue`; anything altered or misplaced gives CRYPTO_VALUE_TAMPERED. */
export async function unsealValue(
  keys: ValueKeys,
  teamId: string,
  sealed: string,
  context = '',
): Promise<string> {
  const parts = sealed.split('.');
  const [prefix, keyId, body] = parts;
  const fail = (reason: string): CryptoError<'CRYPTO_VALUE_TAMPERED'> =>
    new CryptoError('CRYPTO_VALUE_TAMPERED', `sealed value for team "${teamId}" failed to open: ${reason}`, {
      details: { teamId, context, reason },
    });
  if (parts.length !== 3 || prefix !== PREFIX || !keyId || !body || !/^[A-Za-z0-9_-]+$/.test(body)) {
    throw fail('not a sealed value');
  }
  const bytes = Buffer.from(body, 'base64url');
  const { key } = await keys.key(teamId, keyId);
  const plain = aeadOpen(
    key,
    bytes.subarray(0, NONCE_BYTES),
    bytes.subarray(NONCE_BYTES),
    aad(teamId, keyId, context),
  );
  if (!plain) throw fail('altered, or sealed for another team or context');
  const text = plain.toString('utf8');
  plain.fill(0);
  return text;
}
