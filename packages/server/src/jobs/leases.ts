/**
 * @module Worker leases: how a job service tells a job running in a live worker from one whose
 * worker died. On PGlite the store belongs to one process, so every running job that process
 * does not hold itself is orphaned; on PostgreSQL, `PgChannel` answers with advisory locks.
 */

export interface Leases {
  hold(jobId: string): Promise<void>;
  release(jobId: string): Promise<void>;
  /** True when no live worker holds the job. */
  isOrphaned(jobId: string): Promise<boolean>;
  close(): Promise<void>;
}

export function processLeases(): Leases {
  const held = new Set<string>();
  return {
    hold: async (jobId) => void held.add(jobId),
    release: async (jobId) => void held.delete(jobId),
    isOrphaned: async (jobId) => !held.has(jobId),
    close: async () => undefined,
  };
}
