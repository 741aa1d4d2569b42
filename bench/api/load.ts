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
  /**
   * Server CPU time per completed request, ms (all its threads; null when unknown). Unlike req/s
   * and latency it hardly depends on what else the machine runs: 1000 / it is one core's capacity.
   */
  serverCpuMsPerReq: number | null;
}

export interface LoadOptions {
  url: string;
  key: string;
  label: string;
  path: string;
  offered: number | null;
  seconds: number;
  connections: number;
  /** The server's CPU time so far, ms. */
  serverCpuMs: () => number | null;
}

export async function runLoad(o: LoadOptions): Promise<LoadRun> {
  const cpuBefore = o.serverCpuMs();
  const r: Result = await autocannon({
    url: o.url + o.path,
    headers: { authorization: `Bearer ${o.key}`, accept: 'application/json' },
    connections: o.connections,
    duration: o.seconds,
    ...(o.offered === null ? {} : { overallRate: o.offered, ignoreCoordinatedOmission: true }),
  });
  const cpuAfter = o.serverCpuMs();
  const total = r['2xx'] + r.non2xx;
  return {
    label: o.label,
    path: o.path,
    offered: o.offered,
    connections: o.connections,
    seconds: r.duration,
    // Completed 2xx and non-2xx responses over the run's measured duration.
    reqPerSec: total / r.duration,
    total,
    p50: r.latency.p50,
    p99: r.latency.p99,
    p999: r.latency.p99_9,
    max: r.latency.max,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    serverCpuMsPerReq:
      cpuBefore === null || cpuAfter === null || total === 0 ? null : (cpuAfter - cpuBefore) / total,
  };
}
