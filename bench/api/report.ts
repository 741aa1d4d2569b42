/** @module The API benchmark's figures, their targets, and the printed tables. */
import { int, renderTable } from '../lib/table.js';
import type { LoadRun } from './load.js';

export const TARGETS = {
  /** GET p99 at the fixed offered load, ms (strictly below). */
  getP99Ms: 50,
  /** The offered load for that target, req/s. */
  offeredReqPerSec: 1000,
  /** Download MB/s over the CLI's generation MB/s. */
  downloadRatio: 0.5,
};

/** The fixed-load run meets its target: p99 under 50 ms, the offered rate achieved, all 2xx. */
export function fixedLoadPasses(r: LoadRun): boolean {
  const achieved = r.offered === null || r.reqPerSec >= 0.95 * r.offered;
  return r.p99 < TARGETS.getP99Ms && achieved && r.non2xx === 0 && r.errors === 0 && r.timeouts === 0;
}

export interface Transfer {
  rows: number;
  bytes: number;
  ms: number;
  mbPerSec: number;
  rowsPerSec: number;
}

export interface ApiReport {
  store: 'pglite' | 'postgres';
  loads: LoadRun[];
  download: Transfer;
  cli: Transfer & { startupMs: number; netMbPerSec: number };
  job: { rows: number; ms: number | null; rowsPerSec: number | null };
  sameFile: boolean;
  ratio: number;
  ratioNet: number;
  load: { before: number[]; after: number[] };
}

const verdict = (ok: boolean): string => (ok ? 'PASS' : 'MISS');
const ms = (x: number): string => (x < 10 ? x.toFixed(1) : int(x));

export function renderReport(r: ApiReport): string {
  const loadTable = renderTable(
    [
      'GET run',
      'offered/s',
      'conns',
      'req/s',
      'p50 ms',
      'p99 ms',
      'p99.9 ms',
      'max ms',
      'non-2xx',
      'errors',
      'server CPU ms/req',
      '',
    ],
    r.loads.map((l) => [
      l.label,
      l.offered === null ? 'max' : int(l.offered),
      String(l.connections),
      int(l.reqPerSec),
      ms(l.p50),
      ms(l.p99),
      ms(l.p999),
      ms(l.max),
      int(l.non2xx),
      int(l.errors + l.timeouts),
      l.serverCpuMsPerReq === null ? '-' : l.serverCpuMsPerReq.toFixed(2),
      l.offered === null ? '' : verdict(fixedLoadPasses(l)),
    ]),
  );
  const mb = (t: Transfer): string => t.mbPerSec.toFixed(1);
  const transferTable = renderTable(
    ['transfer (MB = 10^6 bytes)', 'rows', 'MB', 'ms', 'MB/s', 'rows/s'],
    [
      [
        'API download (best)',
        int(r.download.rows),
        (r.download.bytes / 1e6).toFixed(1),
        int(r.download.ms),
        mb(r.download),
        int(r.download.rowsPerSec),
      ],
      [
        'CLI tdm generate, process wall (best)',
        int(r.cli.rows),
        (r.cli.bytes / 1e6).toFixed(1),
        int(r.cli.ms),
        mb(r.cli),
        int(r.cli.rowsPerSec),
      ],
      [
        `CLI net of start-up (tdm validate ${int(r.cli.startupMs)} ms)`,
        '',
        '',
        int(r.cli.ms - r.cli.startupMs),
        r.cli.netMbPerSec.toFixed(1),
        '',
      ],
      [
        'server job, startedAt..endedAt',
        int(r.job.rows),
        '',
        r.job.ms === null ? '-' : int(r.job.ms),
        '',
        r.job.rowsPerSec === null ? '-' : int(r.job.rowsPerSec),
      ],
    ],
  );
  const figureTable = renderTable(
    ['target', 'value', 'target', ''],
    [
      ...r.loads
        .filter((l) => l.offered !== null)
        .map((l) => [
          `${l.label}: p99 at ${int(l.offered ?? 0)} req/s offered`,
          `${ms(l.p99)} ms (${int(l.reqPerSec)} req/s)`,
          `< ${TARGETS.getP99Ms} ms`,
          verdict(fixedLoadPasses(l)),
        ]),
      [
        'download MB/s / CLI MB/s (process wall)',
        `${r.ratio.toFixed(2)}x`,
        `>= ${TARGETS.downloadRatio}x`,
        verdict(r.ratio >= TARGETS.downloadRatio),
      ],
      [
        'download MB/s / CLI MB/s (net of start-up)',
        `${r.ratioNet.toFixed(2)}x`,
        `>= ${TARGETS.downloadRatio}x`,
        verdict(r.ratioNet >= TARGETS.downloadRatio),
      ],
      ['downloaded file = CLI file (bytes, sha256)', r.sameFile ? 'yes' : 'NO', 'yes', verdict(r.sameFile)],
    ],
  );
  const busy = `load average (1/5/15 min) before ${r.load.before.join(' ')}, after ${r.load.after.join(' ')}`;
  const store = `store: ${r.store === 'pglite' ? 'embedded (PGlite)' : 'PostgreSQL'}`;
  return `${store}\n\n${loadTable}\n\n${transferTable}\n\n${figureTable}\n\n${busy}`;
}
