/**
 * @module In-process notices that API keys stopped being valid (a key revoked, a team and its keys
 * deleted), so caches of key lookups in this process (the authenticator's) drop them at once.
 * Other processes sharing the database do not hear these; their caches expire on their own TTL.
 */

export type ApiKeyChange = { kind: 'key'; keyId: string } | { kind: 'team'; teamId: string };

export interface ApiKeyWatcher {
  forget(change: ApiKeyChange): void;
}

/** Held weakly: a dropped authenticator (tests make many) leaves nothing behind but a dead ref. */
const watchers = new Set<WeakRef<ApiKeyWatcher>>();

function prune(): void {
  for (const ref of watchers) if (ref.deref() === undefined) watchers.delete(ref);
}

/** Registers `watcher` for every later change announced in this process. */
export function watchApiKeyChanges(watcher: ApiKeyWatcher): void {
  prune();
  watchers.add(new WeakRef(watcher));
}

/** Tells every live watcher; the store calls it after a revocation or team deletion. */
export function announceApiKeyChange(change: ApiKeyChange): void {
  for (const ref of watchers) {
    const w = ref.deref();
    if (w) w.forget(change);
    else watchers.delete(ref);
  }
}
