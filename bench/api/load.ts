/**
 * @module GET load runs with autocannon: a fixed offered load (`overallRate`) and an unthrottled
 * run, each reduced to the figures the report prints.
 *
 * Latencies are each request's own response time (`ignoreCoordinatedOmission`): autocannon's
 * rate limiting lets every connection send its share of a second back to back and then wait, and
 * its coordinated-omission correction assumes a 1 ms interval whatever the rate, which would add
 * made-up samples rather than correct anything. Response times are recorded in whole ms.
 */
import autocannon, { type Result } from 'autocannon';

export interface LoadRun {
  label: string;
  path: string;
  /** Offered requests/s, or null for as fast as possible. */
  offered: number | null;
  connections: number;
  seconds: number;
  reqPerSec: number;
  total: number;
  p50: number;
  p99: number;
  p999: number;
  max: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

export interface LoadOptions {
  url: string;
  key: string;
  label: string;
  path: string;
  offered: number | null;
  seconds: number;
  connections: number;
}

export async function runLoad(o: LoadOptions): Promise<LoadRun> {
  const r: Result = await autocannon({
    url: o.url + o.path,
    headers: { authorization: `Bearer ${o.key}`, accept: 'application/json' },
    connections: o.connections,
    duration: o.seconds,
    ...(o.offered === null ? {} : { overallRate: o.offered, ignoreCoordinatedOmission: true }),
  });
  return {
    label: o.label,
    path: o.path,
    offered: o.offered,
    connections: o.connections,
    seconds: r.duration,
    // Completed 2xx and non-2xx responses over the run's measured duration.
    reqPerSec: (r['2xx'] + r.non2xx) / r.duration,
    total: r['2xx'] + r.non2xx,
    p50: r.latency.p50,
    p99: r.latency.p99,
    p999: r.latency.p99_9,
    max: r.latency.max,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
  };
}
