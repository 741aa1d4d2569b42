/**
 * @module Following a remote job to its end: progress from the team's server-sent events
 * (`GET /events`), opened before the job is submitted so no event is missed, with `GET /jobs/{id}`
 * as the authority on the outcome and as the fallback when the event stream is unavailable or drops.
 */
import { JobEvent, type Client, type Job } from '@tdm/contract';
import { readEvents } from './sse.js';

export interface JobProgress {
  status: Job['status'];
  progress: number;
  rowsDone: number;
  rowsTotal: number | null;
}

/** The events of the caller's team, buffered per job until the follower takes them. */
export class EventFeed {
  private readonly byJob = new Map<string, JobEvent[]>();
  private wake: (() => void) | null = null;
  alive = true;

  constructor(private readonly controller: AbortController) {}

  push(e: JobEvent): void {
    const list = this.byJob.get(e.jobId) ?? [];
    list.push(e);
    this.byJob.set(e.jobId, list);
    this.wake?.();
  }

  ended(): void {
    this.alive = false;
    this.wake?.();
  }

  /** This job's events so far; other jobs' events are dropped (the team may run many). */
  drain(jobId: string): JobEvent[] {
    const mine = this.byJob.get(jobId) ?? [];
    this.byJob.clear();
    return mine;
  }

  /** Resolves on the next event, the end of the stream, or after `ms`. */
  wait(ms: number): Promise<void> {
    return new Promise((done) => {
      const timer = setTimeout(finish, ms);
      function finish(): void {
        clearTimeout(timer);
        done();
      }
      this.wake = () => {
        this.wake = null;
        finish();
      };
    });
  }

  close(): void {
    this.controller.abort();
  }
}

/**
 * Opens the event stream; null when the server does not offer it (the follower then polls).
 * Authentication errors surface from the calls made before this one, so any failure here only
 * means "no events".
 */
export async function openEventFeed(api: (signal: AbortSignal) => Client): Promise<EventFeed | null> {
  const controller = new AbortController();
  try {
    const res = await api(controller.signal).events({});
    if (!res.body) return null;
    const feed = new EventFeed(controller);
    void readEvents(
      res.body,
      (data) => {
        try {
          const e = JobEvent.safeParse(JSON.parse(data));
          if (e.success) feed.push(e.data);
        } catch {
          // Not JSON: not an event of ours.
        }
      },
      controller.signal,
    )
      .catch(() => undefined)
      .finally(() => feed.ended());
    return feed;
  } catch {
    controller.abort();
    return null;
  }
}

const TERMINAL = new Set(['completed', 'failed', 'cancelled']);
const EVENT_STATUS: Record<JobEvent['type'], Job['status']> = {
  'job.started': 'running',
  'job.progress': 'running',
  'job.requeued': 'pending',
  'job.completed': 'completed',
  'job.failed': 'failed',
  'job.cancelled': 'cancelled',
};

export interface Followed {
  job: Job;
  /** The published version number, when an event told it. */
  version: number | null;
}

/** Waits for the job to end, reporting progress; polls every 2 s with events, every 0.5 s without. */
export async function followJob(
  api: Client,
  jobId: string,
  feed: EventFeed | null,
  onProgress: (p: JobProgress) => void,
  signal: AbortSignal,
): Promise<Followed> {
  let version: number | null = null;
  let lastPoll = 0;
  for (;;) {
    signal.throwIfAborted();
    let ended = false;
    for (const e of feed?.drain(jobId) ?? []) {
      if (e.version !== undefined) version = e.version;
      if (TERMINAL.has(EVENT_STATUS[e.type])) ended = true;
      else if (e.progress !== undefined) {
        onProgress({
          status: EVENT_STATUS[e.type],
          progress: Math.round(e.progress),
          rowsDone: e.rowsDone ?? 0,
          rowsTotal: e.rowsTotal ?? null,
        });
      }
    }
    const interval = feed?.alive ? 2000 : 500;
    if (ended || Date.now() - lastPoll >= interval) {
      const job = await api.getJob({ params: { jobId } });
      lastPoll = Date.now();
      onProgress({
        status: job.status,
        progress: job.progress,
        rowsDone: job.rows.done,
        rowsTotal: job.rows.total,
      });
      if (TERMINAL.has(job.status)) return { job, version };
    }
    const wait = Math.max(10, interval - (Date.now() - lastPoll));
    if (feed?.alive) await feed.wait(wait);
    else await new Promise((r) => setTimeout(r, wait));
  }
}
