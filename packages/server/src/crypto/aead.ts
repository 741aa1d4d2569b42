/**
 * @module AES-256-GCM in one place: seal returns ciphertext||tag, open verifies the tag before
 * returning any plaintext (GCM's `update` releases bytes early, so nothing leaves before `final`).
 */
import { createCipheriv, createDecipheriv, type KeyObject } from 'node:crypto';

export const NONCE_BYTES = 12;
export const TAG_BYTES = 16;

export function aeadSeal(key: KeyObject, nonce: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Buffer {
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const head = cipher.update(plaintext);
  const tail = cipher.final();
  return Buffer.concat([head, tail, cipher.getAuthTag()]);
}

/** Returns the plaintext, or null when the tag does not authenticate (nothing is released). */
export function aeadOpen(
  key: KeyObject,
  nonce: Uint8Array,
  sealed: Uint8Array,
  aad: Uint8Array,
): Buffer | null {
  if (sealed.byteLength < TAG_BYTES) return null;
  const body = sealed.subarray(0, sealed.byteLength - TAG_BYTES);
  const tag = sealed.subarray(sealed.byteLength - TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  const head = decipher.update(body);
  try {
    const tail = decipher.final();
    return tail.length ? Buffer.concat([head, tail]) : head;
  } catch {
    head.fill(0);
    return null;
  }
}
