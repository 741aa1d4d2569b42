/**
 * @module One dedicated PostgreSQL connection per job service: session advisory locks as worker
 * leases (PostgreSQL releases them when the holding process dies, however it dies), and
 * LISTEN/NOTIFY for job events across processes.
 */
import pg from 'pg';
import type { EventTransport, JobEvent, JobEventBus } from './events.js';
import type { Leases } from './leases.js';

const CHANNEL = 'tdm_job_events';
const lockKey = (jobId: string) => `tdm-job:${jobId}`;

export class PgChannel implements Leases, EventTransport {
  private readonly held = new Set<string>();
  // One connection serves everything: queue its statements so they never interleave.
  private chain: Promise<unknown> = Promise.resolve();

  private constructor(private readonly client: pg.Client) {}

  static async open(databaseUrl: string, bus: JobEventBus): Promise<PgChannel> {
    const client = new pg.Client({ connectionString: databaseUrl, application_name: 'tdm-jobs' });
    client.on('error', () => undefined);
    await client.connect();
    const channel = new PgChannel(client);
    client.on('notification', (n) => {
      if (n.channel !== CHANNEL || !n.payload) return;
      bus.deliver(JSON.parse(n.payload) as JobEvent);
    });
    await client.query(`LISTEN ${CHANNEL}`);
    return channel;
  }

  private run<T extends pg.QueryResultRow>(sql: string, params: unknown[]): Promise<T[]> {
    const next = this.chain.then(() => this.client.query<T>(sql, params)).then((r) => r.rows);
    this.chain = next.catch(() => undefined);
    return next;
  }

  async hold(jobId: string): Promise<void> {
    await this.run('SELECT pg_advisory_lock(hashtextextended($1, 0))', [lockKey(jobId)]);
    this.held.add(jobId);
  }

  async release(jobId: string): Promise<void> {
    if (!this.held.delete(jobId)) return;
    await this.run('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [lockKey(jobId)]);
  }

  async isOrphaned(jobId: string): Promise<boolean> {
    // Advisory locks are re-entrant per session: our own jobs must be answered from memory.
    if (this.held.has(jobId)) return false;
    const [row] = await this.run<{ got: boolean }>(
      'SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS got',
      [lockKey(jobId)],
    );
    if (!row?.got) return false;
    await this.run('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [lockKey(jobId)]);
    return true;
  }

  async send(event: JobEvent): Promise<void> {
    await this.run('SELECT pg_notify($1, $2)', [CHANNEL, JSON.stringify(event)]);
  }

  async close(): Promise<void> {
    await this.chain;
    await this.client.end().catch(() => undefined);
  }
}
