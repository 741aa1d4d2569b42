/**
 * @module Throttled progress: generateData reports every chunk; the job row and the event stream
 * get at most one update per interval (plus the last one), written one at a time and in order.
 */
import type { GenerationStatus } from '@tdm/core';
import { isServerError } from '../errors.js';
import { updateJobProgress, type Db } from '../store/index.js';
import type { JobEvent } from './events.js';

export interface ProgressTarget {
  db: Db;
  teamId: string;
  jobId: string;
  intervalMs: number;
  clock: { now(): number };
  emit(event: JobEvent): void;
  /** Called when the row refuses the update: another process ended (cancelled) the job. */
  onEnded(): void;
}

export class ProgressWriter {
  private last = -Infinity;
  private latest: GenerationStatus | null = null;
  private writing: Promise<void> = Promise.resolve();
  private lastWritten = -1;

  constructor(private readonly t: ProgressTarget) {}

  /** generateData's onProgress: synchronous, so it only schedules. */
  report = (s: GenerationStatus): void => {
    this.latest = s;
    const now = this.t.clock.now();
    if (now - this.last < this.t.intervalMs) return;
    this.last = now;
    this.schedule();
  };

  private schedule(): void {
    this.writing = this.writing.then(() => this.write());
  }

  private async write(): Promise<void> {
    const s = this.latest;
    if (!s || s.rowsDone === this.lastWritten) return;
    this.lastWritten = s.rowsDone;
    const progress = Math.max(0, Math.min(99, Math.floor(s.progress)));
    try {
      await updateJobProgress(this.t.db, this.t.teamId, this.t.jobId, {
        progress,
        rowsDone: s.rowsDone,
        rowsTotal: s.rowsTotal,
      });
    } catch (e) {
      if (isServerError(e, 'STORE_STATE_INVALID')) this.t.onEnded();
      // Progress is advisory: a failed write must not fail the generation.
      return;
    }
    this.t.emit({
      type: 'job.progress',
      teamId: this.t.teamId,
      jobId: this.t.jobId,
      at: new Date(this.t.clock.now()).toISOString(),
      progress,
      rowsDone: s.rowsDone,
      rowsTotal: s.rowsTotal,
    });
  }

  /** Writes the newest report (if not yet written) and waits for every write. */
  async flush(): Promise<void> {
    this.schedule();
    await this.writing;
  }
}
