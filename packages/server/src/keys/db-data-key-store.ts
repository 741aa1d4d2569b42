/**
 * @module The store's `team_data_keys` table as the keyring's DataKeyStore port.
 */
import type { DataKeyStore } from '../crypto/index.js';
import { isServerError } from '../errors.js';
import { activeDataKey, addDataKey, dataKey, resealAll, type Db } from '../store/index.js';

export function dbDataKeyStore(db: Db): DataKeyStore {
  return {
    activeDataKey: (teamId) => activeDataKey(db, teamId),
    dataKey: (teamId, keyId) => dataKey(db, teamId, keyId),
    async addDataKey(key, options = {}) {
      if (options.onlyIfNoActive) {
        const existing = await activeDataKey(db, key.teamId);
        if (existing) return existing;
      }
      try {
        return await addDataKey(db, key.teamId, key);
      } catch (e) {
        // Another process made the team's first key at the same moment: use theirs.
        const theirs =
          options.onlyIfNoActive && isServerError(e, 'STORE_CONFLICT')
            ? await activeDataKey(db, key.teamId)
            : null;
        if (theirs) return theirs;
        throw e;
      }
    },
    async resealAll(fn) {
      let changed = 0;
      await resealAll(db, async (key) => {
        const next = fn(key);
        if (!next) return { sealedKey: key.sealedKey, masterKeyId: key.masterKeyId };
        changed++;
        return next;
      });
      return changed;
    },
  };
}
