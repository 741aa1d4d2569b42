/** @module Test support: a keyring over the in-memory data key store, with a fresh master key. */
import { randomBytes } from 'node:crypto';
import { Keyring } from './keyring.js';
import { masterKeyFromBytes, type MasterKey } from './master-key.js';
import { MemoryDataKeyStore } from './memory-data-key-store.js';

export interface TestKeys {
  master: MasterKey;
  store: MemoryDataKeyStore;
  keyring: Keyring;
}

export function testKeyring(master: MasterKey = masterKeyFromBytes(randomBytes(32), 'env')): TestKeys {
  const store = new MemoryDataKeyStore();
  return { master, store, keyring: new Keyring({ master, store }) };
}
