/**
 * @module A complete in-memory DataKeyStore: the port's reference implementation, used by tests
 * and by anything that needs keys without a database. Rows are copied in and out, as a database
 * would, so callers cannot alter stored state through a returned object.
 */
import type { DataKeyStore, ResealedKey, SealedDataKey } from './data-key-store.js';

function copy(row: SealedDataKey): SealedDataKey {
  return { ...row, sealedKey: Uint8Array.from(row.sealedKey) };
}

export class MemoryDataKeyStore implements DataKeyStore {
  private rows: SealedDataKey[] = [];

  async activeDataKey(teamId: string): Promise<SealedDataKey | null> {
    const row = this.active(teamId);
    return row ? copy(row) : null;
  }

  private active(teamId: string): SealedDataKey | undefined {
    const active = this.rows.filter((r) => r.teamId === teamId && r.retiredAt === null);
    return active.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
  }

  async dataKey(teamId: string, keyId: string): Promise<SealedDataKey | null> {
    const row = this.rows.find((r) => r.teamId === teamId && r.keyId === keyId);
    return row ? copy(row) : null;
  }

  async addDataKey(key: SealedDataKey, options: { onlyIfNoActive?: boolean } = {}): Promise<SealedDataKey> {
    // Check and insert without an await between them: the atomicity a transaction gives.
    const current = this.active(key.teamId);
    if (current && options.onlyIfNoActive) return copy(current);
    if (this.rows.some((r) => r.teamId === key.teamId && r.keyId === key.keyId)) {
      throw new Error(`duplicate data key ${key.teamId}/${key.keyId}`);
    }
    for (const r of this.rows)
      if (r.teamId === key.teamId && r.retiredAt === null) r.retiredAt = key.createdAt;
    this.rows.push(copy({ ...key, retiredAt: null }));
    return copy(key);
  }

  async resealAll(fn: (key: SealedDataKey) => ResealedKey | null): Promise<number> {
    // Compute every new sealing first: if one fails, nothing is changed (a transaction's effect).
    const updates = this.rows.map((r) => fn(copy(r)));
    let changed = 0;
    this.rows = this.rows.map((r, i) => {
      const u = updates[i];
      if (!u) return r;
      changed++;
      return { ...r, sealedKey: Uint8Array.from(u.sealedKey), masterKeyId: u.masterKeyId };
    });
    return changed;
  }

  /** All rows (copies), for inspection. */
  all(): SealedDataKey[] {
    return this.rows.map(copy);
  }
}
