/**
 * @module The keyring: per-team data keys (random 32 bytes, sealed by the master key, stored
 * through the DataKeyStore port), unsealed on demand and cached in memory for a short while so
 * hot paths do not hit the store, but a rotated or deleted key does not linger.
 */
import { randomBytes, type KeyObject } from 'node:crypto';
import type { DataKeyStore, SealedDataKey } from './data-key-store.js';
import { CryptoError } from './errors.js';
import type { MasterKey } from './master-key.js';
import { sealDataKey, unsealDataKey } from './seal-data-key.js';

export interface DataKey {
  teamId: string;
  keyId: string;
  key: KeyObject;
}

export interface KeyringOptions {
  master: MasterKey;
  store: DataKeyStore;
  /** How long unsealed keys stay cached (ms); default 5 minutes. */
  cacheTtlMs?: number;
  /** Injected clock for the cache (ms). */
  now?: () => number;
}

interface Cached {
  key: DataKey;
  expires: number;
}

export class Keyring {
  private readonly cache = new Map<string, Cached>();
  private readonly active = new Map<string, Cached>();
  private readonly ttl: number;
  private readonly now: () => number;

  constructor(private readonly options: KeyringOptions) {
    this.ttl = options.cacheTtlMs ?? 5 * 60_000;
    this.now = options.now ?? Date.now;
  }

  /** Id of the master key this keyring unseals with. */
  get masterKeyId(): string {
    return this.options.master.id;
  }

  /** The team's active data key, created on first use. */
  async activeKey(teamId: string): Promise<DataKey> {
    const hit = this.fresh(this.active.get(teamId));
    if (hit) return hit;
    const row =
      (await this.options.store.activeDataKey(teamId)) ??
      (await this.addKey(teamId, { onlyIfNoActive: true }));
    return this.remember(row, true);
  }

  /** A specific data key of the team (active or retired), to open what it sealed. */
  async key(teamId: string, keyId: string): Promise<DataKey> {
    const hit = this.fresh(this.cache.get(`${teamId}\u0000${keyId}`));
    if (hit) return hit;
    const row = await this.options.store.dataKey(teamId, keyId);
    if (!row) {
      throw new CryptoError('CRYPTO_DATA_KEY_NOT_FOUND', `team "${teamId}" has no data key ${keyId}`, {
        details: { teamId, keyId },
      });
    }
    return this.remember(row, false);
  }

  /** Adds a new active data key for the team; older keys stay readable for older files. */
  async rotateTeamDataKey(teamId: string): Promise<DataKey> {
    const row = await this.addKey(teamId, {});
    return this.remember(row, true);
  }

  /** Drops every cached unsealed key (after a master key rotation, or on shutdown). */
  clear(): void {
    this.cache.clear();
    this.active.clear();
  }

  private async addKey(teamId: string, options: { onlyIfNoActive?: boolean }): Promise<SealedDataKey> {
    const keyId = randomBytes(8).toString('hex');
    const bytes = randomBytes(32);
    const sealed = sealDataKey(this.options.master, teamId, keyId, bytes);
    bytes.fill(0);
    return this.options.store.addDataKey(
      { teamId, keyId, ...sealed, createdAt: new Date(this.now()), retiredAt: null },
      options,
    );
  }

  private remember(row: SealedDataKey, active: boolean): DataKey {
    const key: DataKey = {
      teamId: row.teamId,
      keyId: row.keyId,
      key: unsealDataKey(this.options.master, row),
    };
    const entry = { key, expires: this.now() + this.ttl };
    this.cache.set(`${row.teamId}\u0000${row.keyId}`, entry);
    if (active) this.active.set(row.teamId, entry);
    return key;
  }

  private fresh(entry: Cached | undefined): DataKey | null {
    return entry && entry.expires > this.now() ? entry.key : null;
  }
}
