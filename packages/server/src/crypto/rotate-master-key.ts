/**
 * @module Master key rotation: re-seals every data key under the new master key in one store
 * transaction. Data files are sealed by data keys, so none is read or rewritten.
 */
import type { DataKeyStore } from './data-key-store.js';
import type { MasterKey } from './master-key.js';
import { sealDataKey, unsealDataKey } from './seal-data-key.js';

/**
 * Re-seals all data keys from `oldKey` to `newKey`. Keys already under `newKey` are skipped, so
 * a rotation interrupted and run again completes. Returns how many keys were re-sealed.
 * @example await rotateMasterKey(oldMaster, parseMasterKey(newValue), repository);
 */
export async function rotateMasterKey(
  oldKey: MasterKey,
  newKey: MasterKey,
  store: DataKeyStore,
): Promise<number> {
  return store.resealAll((row) => {
    if (row.masterKeyId === newKey.id) return null;
    const key = unsealDataKey(oldKey, row);
    const bytes = key.export();
    try {
      return sealDataKey(newKey, row.teamId, row.keyId, bytes);
    } finally {
      bytes.fill(0);
    }
  });
}
