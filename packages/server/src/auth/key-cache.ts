/**
 * @module A short-lived, bounded cache of successful API-key lookups, keyed by the key's peppered
 * hash (never the key itself), so a busy client's requests skip the store's key lookup.
 */
import { watchApiKeyChanges, type ApiKey, type ApiKeyChange, type ApiKeyWatcher } from '../store/index.js';

interface Entry {
  key: ApiKey;
  /** Epoch ms after which the entry is stale and the store is asked again. */
  until: number;
}

/**
 * Only usable keys (found, unrevoked) are stored: an unknown or revoked key costs a lookup every
 * time and leaves nothing behind. Expiry is the caller's check on every use, cached or not.
 * Revocations and team deletions in this process drop entries at once (see `api-key-changes`);
 * on another process sharing the database they take effect when the entry's TTL runs out.
 */
export class KeyCache implements ApiKeyWatcher {
  readonly #entries = new Map<string, Entry>();
  /** Bumped by every change, so a lookup that raced a revocation is not cached afterwards. */
  #generation = 0;

  constructor(
    readonly ttlMs: number,
    readonly maxEntries: number,
  ) {
    watchApiKeyChanges(this);
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Taken before a store lookup and handed back to `put`. */
  get generation(): number {
    return this.#generation;
  }

  get(hash: string, nowMs: number): ApiKey | undefined {
    const e = this.#entries.get(hash);
    if (!e) return undefined;
    if (e.until > nowMs) return e.key;
    this.#entries.delete(hash);
    return undefined;
  }

  /** Stores a usable key, unless a change was announced since the lookup began (`generation`). */
  put(hash: string, key: ApiKey, generation: number, nowMs: number): void {
    if (this.ttlMs <= 0 || this.maxEntries <= 0 || generation !== this.#generation || key.revokedAt) return;
    this.#entries.delete(hash);
    // Oldest first in a Map's order: evict from the front when full.
    while (this.#entries.size >= this.maxEntries) {
      const oldest = this.#entries.keys().next();
      if (oldest.done) break;
      this.#entries.delete(oldest.value);
    }
    this.#entries.set(hash, { key, until: nowMs + this.ttlMs });
  }

  forget(change: ApiKeyChange): void {
    this.#generation++;
    for (const [hash, e] of this.#entries) {
      if (change.kind === 'key' ? e.key.keyId === change.keyId : e.key.teamId === change.teamId) {
        this.#entries.delete(hash);
      }
    }
  }
}
