/**
 * @module The port through which data keys are persisted (the store's `team_data_keys` table
 * implements it). Only sealed keys cross this port; unsealed keys never leave the keyring.
 */

export interface SealedDataKey {
  teamId: string;
  keyId: string;
  /** The data key sealed by the master key (see `seal-data-key.ts` for the layout). */
  sealedKey: Uint8Array;
  /** Id of the master key that sealed it. */
  masterKeyId: string;
  createdAt: Date;
  /** Set when a newer key became active; retired keys still open old files. */
  retiredAt: Date | null;
}

export interface ResealedKey {
  sealedKey: Uint8Array;
  masterKeyId: string;
}

export interface DataKeyStore {
  /** The team's active (unretired, newest) key, or null if the team has none yet. */
  activeDataKey(teamId: string): Promise<SealedDataKey | null>;
  dataKey(teamId: string, keyId: string): Promise<SealedDataKey | null>;
  /**
   * Adds a key and makes it the team's active key, retiring the previous one, atomically.
   * With `onlyIfNoActive`, adds nothing when the team already has an active key (two processes
   * creating a team's first key race safely). Returns the team's active key afterwards.
   */
  addDataKey(key: SealedDataKey, options?: { onlyIfNoActive?: boolean }): Promise<SealedDataKey>;
  /**
   * Re-seals every stored key in one transaction: `fn` gets each key and returns its new sealing,
   * or null to leave it as is. Returns how many keys changed. If `fn` throws, nothing changes.
   */
  resealAll(fn: (key: SealedDataKey) => ResealedKey | null): Promise<number>;
}
