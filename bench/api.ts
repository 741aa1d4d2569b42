/**
 * @module `npm run bench:api`: the platform's HTTP API on loopback. Starts the built `tdm serve`
 * (embedded store, temp data dir, port 0, per-key rate limit raised) as a child process, generates
 * a 1M-row single-entity CSV dataset through a job, then measures with autocannon
 * `GET /api/v1/jobs/{jobId}` and `GET /api/v1/teams/{teamId}/datasets` at a fixed 1,000 req/s and
 * unthrottled, and the entity's CSV download in MB/s against the CLI's own generation of the same
 * rows in the same run. Not a test: nothing here asserts a time; targets print PASS or MISS.
 *
 *   npm run bench:api -- [--json <file>] [--quick] [--repeat <n, default 3>] [--skip-build]
 *                        [--postgres postgres://postgres@127.0.0.1:5432/postgres] [--profile <dir>]
 *
 * `--postgres` runs the platform on PostgreSQL (a temporary database on that server) instead.
 * `--profile` has the server write a V8 CPU profile (`.cpuprofile`, for Chrome DevTools) there.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildPackages } from './api/build.js';
import { prepareDataset } from './api/dataset.js';
import { runLoad, type LoadRun } from './api/load.js';
import { createTempDatabase } from './api/postgres.js';
import { renderReport, TARGETS, type ApiReport } from './api/report.js';
import { startPlatform, type Platform } from './api/server.js';
import { measureTransfers } from './api/transfer.js';
import { int } from './lib/table.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SCHEMA_FILE = join(ROOT, 'bench', 'api', 'customers.yaml');
const ENTITY = 'customers';
const NOW = '2026-01-01T00:00:00Z';

interface Settings {
  rows: number;
  seconds: number;
  warmupSeconds: number;
  repeat: number;
  connections: number;
}

const log = (line: string): void => void process.stdout.write(line + '\n');

/** Everything to undo on the way out, also on failure or Ctrl-C. */
const cleanups: (() => Promise<void>)[] = [];

async function cleanup(): Promise<void> {
  for (const undo of cleanups.splice(0).reverse()) await undo().catch(() => undefined);
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      json: { type: 'string' },
      quick: { type: 'boolean', default: false },
      repeat: { type: 'string' },
      'skip-build': { type: 'boolean', default: false },
      postgres: { type: 'string' },
      profile: { type: 'string' },
    },
  });
  const repeat = Number(values.repeat ?? (values.quick ? 1 : 3));
  if (!Number.isInteger(repeat) || repeat < 1) {
    process.stderr.write(`--repeat: "${values.repeat}" is not a positive integer\n`);
    return 2;
  }
  const s: Settings = values.quick
    ? { rows: 100_000, seconds: 3, warmupSeconds: 1, repeat, connections: 10 }
    : { rows: 1_000_000, seconds: 10, warmupSeconds: 2, repeat, connections: 10 };
  const loadBefore = loadavg().map(round2);
  log(`== api: GETs, download vs CLI generation (${int(s.rows)} rows${values.quick ? ', quick' : ''})`);
  if (!values['skip-build']) buildPackages(ROOT, log);

  const dir = await mkdtemp(join(tmpdir(), 'tdm-bench-api-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const db = values.postgres ? await createTempDatabase(values.postgres) : null;
  if (db) cleanups.push(() => db.drop());
  const platform = await startPlatform(ROOT, join(dir, 'data'), {
    databaseUrl: db?.url,
    // The server writes its CPU profile when it stops; --profile names the directory.
    nodeArgs: values.profile ? ['--cpu-prof', `--cpu-prof-dir=${resolve(values.profile)}`] : [],
  });
  cleanups.push(() => platform.stop());
  log(`  tdm serve pid ${platform.pid} at ${platform.url} (${db ? 'PostgreSQL' : 'embedded store'})`);

  const schema = await readFile(SCHEMA_FILE, 'utf8');
  const ds = await prepareDataset(platform.url, platform.adminKey, {
    schema,
    entity: ENTITY,
    rows: s.rows,
    now: NOW,
  });
  const jobMs =
    ds.job.timings.startedAt && ds.job.timings.endedAt
      ? Date.parse(ds.job.timings.endedAt) - Date.parse(ds.job.timings.startedAt)
      : null;
  log(
    `  job ${ds.jobId} completed: ${int(ds.job.rows.done)} rows${jobMs === null ? '' : ` in ${int(jobMs)} ms`}`,
  );

  const loads = await getLoads(
    platform,
    ds.key,
    [
      { label: 'GET job status', path: `/api/v1/jobs/${ds.jobId}` },
      { label: 'GET dataset list', path: `/api/v1/teams/${ds.teamId}/datasets` },
    ],
    s,
  );

  const transfers = await measureTransfers(
    {
      downloadUrl:
        `${platform.url}/api/v1/teams/${ds.teamId}/datasets/${ds.datasetId}` +
        `/versions/${ds.version}/download?entity=${ENTITY}`,
      key: ds.key,
      cli: { root: ROOT, schemaFile: SCHEMA_FILE, entity: ENTITY, rows: s.rows, now: NOW },
      repeat: s.repeat,
    },
    log,
  );
  const report: ApiReport = {
    store: db ? 'postgres' : 'pglite',
    loads,
    ...transfers,
    job: {
      rows: ds.job.rows.done,
      ms: jobMs,
      rowsPerSec: jobMs ? ds.job.rows.done / (jobMs / 1000) : null,
    },
    load: { before: loadBefore, after: loadavg().map(round2) },
  };
  log('');
  log(renderReport(report));
  if (values.json) {
    await writeFile(values.json, JSON.stringify(figures(report, s, values.quick), null, 2) + '\n');
    log(`figures written to ${values.json}`);
  }
  return 0;
}

async function getLoads(
  platform: Platform,
  key: string,
  endpoints: { label: string; path: string }[],
  s: Settings,
): Promise<LoadRun[]> {
  const runs: LoadRun[] = [];
  for (const e of endpoints) {
    const base = {
      url: platform.url,
      key,
      path: e.path,
      connections: s.connections,
      serverCpuMs: () => platform.cpuMs(),
    };
    // Unreported warm-up: JIT, connection pools and the store's caches.
    await runLoad({ ...base, label: 'warm-up', offered: null, seconds: s.warmupSeconds });
    for (const offered of [TARGETS.offeredReqPerSec, null]) {
      const label = `${e.label}${offered === null ? ', max' : ''}`;
      const r = await runLoad({ ...base, label, offered, seconds: s.seconds });
      const cpu = r.serverCpuMsPerReq === null ? '' : `, server CPU ${r.serverCpuMsPerReq.toFixed(2)} ms/req`;
      log(
        `  ${label}: ${int(r.reqPerSec)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, non-2xx ${r.non2xx}${cpu}`,
      );
      runs.push(r);
    }
  }
  return runs;
}

/** The `--json` file: headline figures at the top level, every run under `details`. */
function figures(r: ApiReport, s: Settings, quick: boolean): Record<string, unknown> {
  const fixed = (i: number): LoadRun => r.loads[i] as LoadRun;
  const [jobFixed, jobMax, listFixed, listMax] = [fixed(0), fixed(1), fixed(2), fixed(3)];
  return {
    getJobReqPerSecAt1000: Math.round(jobFixed.reqPerSec),
    getJobP50MsAt1000: jobFixed.p50,
    getJobP99MsAt1000: jobFixed.p99,
    getJobMaxReqPerSec: Math.round(jobMax.reqPerSec),
    getJobMaxP99Ms: jobMax.p99,
    listDatasetsReqPerSecAt1000: Math.round(listFixed.reqPerSec),
    listDatasetsP50MsAt1000: listFixed.p50,
    listDatasetsP99MsAt1000: listFixed.p99,
    listDatasetsMaxReqPerSec: Math.round(listMax.reqPerSec),
    listDatasetsMaxP99Ms: listMax.p99,
    downloadMbPerSec: round2(r.download.mbPerSec),
    cliMbPerSec: round2(r.cli.mbPerSec),
    cliNetMbPerSec: round2(r.cli.netMbPerSec),
    cliRowsPerSec: Math.round(r.cli.rowsPerSec),
    downloadRatio: round2(r.ratio),
    downloadRatioNet: round2(r.ratioNet),
    sameFile: r.sameFile,
    getJobServerCpuMsPerReq: jobMax.serverCpuMsPerReq,
    listDatasetsServerCpuMsPerReq: listMax.serverCpuMsPerReq,
    store: r.store,
    machine: { node: process.version, platform: process.platform, arch: process.arch },
    details: { quick, settings: s, targets: TARGETS, ...r },
  };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void cleanup().finally(() => process.exit(130));
  });
}
try {
  process.exitCode = await main();
} catch (e) {
  process.stderr.write(`bench:api failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
} finally {
  await cleanup();
}
