/**
 * @module Job events: progress and completion, delivered only to the owning team's subscribers.
 * In process by default; on PostgreSQL a LISTEN/NOTIFY bridge carries them between processes.
 */

export type JobEventType =
  'job.started' | 'job.progress' | 'job.requeued' | 'job.completed' | 'job.failed' | 'job.cancelled';

export interface JobEvent {
  type: JobEventType;
  teamId: string;
  jobId: string;
  /** ISO 8601 from the service clock. */
  at: string;
  progress?: number;
  rowsDone?: number;
  rowsTotal?: number | null;
  datasetId?: string;
  datasetVersionId?: string;
  version?: number;
  errorCode?: string;
  errorMessage?: string;
}

export type JobListener = (event: JobEvent) => void;

/** Carries events between processes; each published event comes back through `onEvent` once. */
export interface EventTransport {
  send(event: JobEvent): Promise<void>;
}

export class JobEventBus {
  private readonly byTeam = new Map<string, Set<JobListener>>();
  private transport: EventTransport | null = null;
  // Sends are chained so a team's events reach every process in the order they were published.
  private sending: Promise<void> = Promise.resolve();

  useTransport(transport: EventTransport | null): void {
    this.transport = transport;
  }

  subscribe(teamId: string, listener: JobListener): () => void {
    let set = this.byTeam.get(teamId);
    if (!set) this.byTeam.set(teamId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.byTeam.delete(teamId);
    };
  }

  publish(event: JobEvent): void {
    const transport = this.transport;
    if (!transport) return this.deliver(event);
    // A failed NOTIFY must not lose the event for this process's own subscribers.
    this.sending = this.sending.then(() => transport.send(event)).catch(() => this.deliver(event));
  }

  /** Hands an event to the team's listeners; a throwing listener does not stop the others. */
  deliver(event: JobEvent): void {
    for (const listener of [...(this.byTeam.get(event.teamId) ?? [])]) {
      try {
        listener(event);
      } catch {
        // A subscriber's bug is its own; the job and the other subscribers go on.
      }
    }
  }

  /** Resolves once every published event has been sent. */
  flush(): Promise<void> {
    return this.sending;
  }
}
