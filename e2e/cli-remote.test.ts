/**
 * @module The CLI's remote mode against a real server (startServer on a temp data dir, embedded
 * store) and the real CLI process: remote generate writes the same bytes as local generate,
 * verified; remote validate answers like local validate; bad keys, URLs, TLS, unreachable servers,
 * rate limits and refused flags give one coded line and their exit code, never the key; Ctrl-C
 * cancels the job on the server.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { main, type Io } from '@tdm/cli';
import { createClient, type Client } from '@tdm/contract';
import { loadServerConfig, startServer, type RunningServer } from '@tdm/server';

const NOW = '2026-01-15T00:00:00Z';
const SECRET_ENV = { TDM_MASTER_KEY: '', TDM_ADMIN_KEY: '', DATABASE_URL: '', TDM_SERVER: '', TDM_KEY: '' };

interface Run {
  code: number | null;
  out: string;
  err: string;
}

/** Runs the CLI from source as a real process; `onErr` sees stderr as it arrives. */
function tdm(
  args: string[],
  env: Record<string, string> = {},
  onErr?: (text: string, child: ReturnType<typeof spawn>) => void,
): Promise<Run> {
  const child = spawn(
    process.execPath,
    ['--conditions=development', '--import', 'tsx', 'e2e/helpers/tdm-dev.ts', ...args],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...SECRET_ENV, ...env } },
  );
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => {
    err += d.toString();
    onErr?.(err, child);
  });
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, out, err })));
}

/**
 * The same CLI in this process (no process start-up): for the many error cases whose exit code
 * and line come from the same code path the real process runs.
 */
async function inProcess(...argv: string[]): Promise<Run> {
  let out = '';
  let err = '';
  const io: Io = { out: (t) => void (out += t), err: (t) => void (err += t), progressStream: process.stderr };
  const code = await main(argv, io);
  return { code, out, err };
}

async function filesOf(dir: string): Promise<Map<string, Buffer>> {
  const names = (await readdir(dir)).sort();
  return new Map(await Promise.all(names.map(async (n) => [n, await readFile(join(dir, n))] as const)));
}

const TINY = `
name: tiny
seed: 3
entities:
  customers:
    count: 40
    fields:
      id: { type: uuid, primaryKey: true }
      name: { type: person.firstName }
      created_at: { type: timestamp, min: -2y, max: now }
  orders:
    count: { per: customers, distribution: poisson, mean: 3, max: 8 }
    fields:
      id: { type: integer, primaryKey: true, sequence: 1 }
      customer_id: { ref: customers.id }
      amount: { type: decimal, min: 1, max: 500, scale: 2 }
`;

const BAD = `
name: bad
entities:
  orders:
    count: 10
    fields:
      id: { type: integer, primaryKey: true, sequence: 1 }
      customer_id: { ref: customer.id }
      amount: { type: nosuchtype }
`;

const BIG = TINY.replace('count: 40', 'count: 3000000');

let dir: string;
let server: RunningServer;
let writeKey: string;
let readKey: string;
let adminKey: string;
let api: Client;
const paths = { tiny: '', bad: '', big: '' };

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tdm-cli-remote-'));
  server = await startServer(
    loadServerConfig({}, { port: 0, host: '127.0.0.1', dataDir: join(dir, 'data') }),
    'test',
  );
  adminKey = server.createdAdminKey as string;
  const root = createClient({ baseUrl: server.url, key: adminKey });
  await root.createTeam({ body: { teamId: 'remote', teamName: 'Remote' } });
  writeKey = (await root.createKey({ params: { teamId: 'remote' }, body: { role: 'write', name: 'ci' } }))
    .key;
  readKey = (await root.createKey({ params: { teamId: 'remote' }, body: { role: 'read', name: 'ro' } })).key;
  api = createClient({ baseUrl: server.url, key: writeKey });
  for (const [name, text] of [
    ['tiny', TINY],
    ['bad', BAD],
    ['big', BIG],
  ] as const) {
    paths[name] = join(dir, `${name}.yaml`);
    await writeFile(paths[name], text);
  }
});

after(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

function assertNoKey(r: Run, ...keys: string[]): void {
  for (const k of keys) {
    assert.ok(!r.out.includes(k) && !r.err.includes(k), 'the key appears in the output');
  }
  assert.doesNotMatch(r.out + r.err, /\n\s+at .+:\d+:\d+/, 'no stack trace');
}

describe('remote generate', () => {
  for (const variant of [
    { label: 'csv', flags: ['--seed', '7', '--count', 'customers=25'] },
    { label: 'sql + gzip', flags: ['--seed', '11', '--format', 'sql', '--dialect', 'postgres', '--gzip'] },
    {
      label: 'examples/banking.yaml json de',
      flags: ['--format', 'json', '--scale', '0.1', '--locale', 'de'],
      schema: 'examples/banking.yaml',
    },
  ]) {
    test(`files are byte-identical to local generate (${variant.label}), checksums verified`, async () => {
      const schema = variant.schema ?? paths.tiny;
      const local = join(dir, `local-${variant.label.replace(/\W+/g, '-')}`);
      const remote = join(dir, `remote-${variant.label.replace(/\W+/g, '-')}`);
      const l = await inProcess('generate', schema, '--out', local, '--now', NOW, '-q', ...variant.flags);
      assert.equal(l.code, 0, l.err);
      const r = await tdm(
        ['generate', schema, '--out', remote, '--now', NOW, '--server', server.url, ...variant.flags],
        {
          TDM_KEY: writeKey,
        },
      );
      assert.equal(r.code, 0, r.err);
      assertNoKey(r, writeKey);
      const a = await filesOf(local);
      const b = await filesOf(remote);
      assert.deepEqual([...b.keys()], [...a.keys()], 'same file names, no staging left behind');
      assert.ok(a.has('manifest.json'));
      for (const [name, bytes] of a) assert.ok(bytes.equals(b.get(name) as Buffer), `${name} differs`);
      assert.match(r.out, /files verified against the version's sha256 checksums/);
      const m = /dataset ([0-9a-f-]{36}) version (\d+) \(team remote, job ([0-9a-f-]{36})\)/.exec(r.out);
      assert.ok(m, r.out);
      const job = await api.getJob({ params: { jobId: m[3] as string } });
      assert.equal(job.status, 'completed');
      assert.equal(job.datasetId, m[1]);
      assert.match(r.err, /job [0-9a-f-]{36} submitted to team remote/);
    });
  }

  test('--no-download --output json: the job, dataset and version; nothing written', async () => {
    const r = await tdm(
      ['generate', paths.tiny, '--no-download', '--output', 'json', '--dataset', 'nightly', '--now', NOW],
      { TDM_SERVER: server.url, TDM_KEY: writeKey },
    );
    assert.equal(r.code, 0, r.err);
    const out = JSON.parse(r.out) as {
      jobId: string;
      datasetId: string;
      version: number;
      out: null;
      files: [];
    };
    assert.equal(out.out, null);
    assert.deepEqual(out.files, []);
    const ds = await api.getDataset({ params: { teamId: 'remote', datasetId: out.datasetId } });
    assert.equal(ds.name, 'nightly');
    assert.equal(ds.latestVersion, out.version);
    assert.equal(r.err, '', 'json mode prints no progress');
  });

  test('flags that only make sense locally are refused with exit 2', async () => {
    for (const [flags, pattern] of [
      [['--workers', '2'], /REMOTE_FLAG_UNSUPPORTED: --workers only applies to local generation/],
      [['--copy'], /REMOTE_FLAG_UNSUPPORTED: --copy only applies to local generation/],
      [['--seed', '-1'], /INPUT_INVALID: --seed: remote jobs take seeds from 0 to 4294967295/],
      [[], /INPUT_INVALID: --out <dir> is required \(or --no-download/],
    ] as const) {
      const out = flags.length ? ['--out', join(dir, 'x')] : [];
      const r = await inProcess(
        'generate',
        paths.tiny,
        ...out,
        '--server',
        server.url,
        '--key',
        writeKey,
        ...flags,
      );
      assert.equal(r.code, 2, r.err);
      assert.match(r.err, pattern);
      assertNoKey(r, writeKey);
    }
  });

  test('an invalid schema lists its problems and exits 1 before any job is submitted', async () => {
    const before = (await api.listJobs({ params: { teamId: 'remote' } })).jobs.length;
    const r = await inProcess(
      'generate',
      paths.bad,
      '--out',
      join(dir, 'bad'),
      '--server',
      server.url,
      '--key',
      writeKey,
    );
    assert.equal(r.code, 1, r.err);
    assert.match(r.err, /^tdm: SCHEMA_INVALID: .+: 2 problem\(s\)\n/);
    assert.match(r.err, /unknown entity "customer"/);
    assert.match(r.err, /unknown type "nosuchtype"/);
    const local = await inProcess('generate', paths.bad, '--out', join(dir, 'bad-local'), '--now', NOW);
    assert.equal(local.code, r.code);
    const problems = (t: string): string[] => t.split('\n').filter((l) => l.startsWith('  '));
    assert.deepEqual(problems(r.err), problems(local.err), 'the same problems as local generate');
    assert.equal((await api.listJobs({ params: { teamId: 'remote' } })).jobs.length, before);
    await assert.rejects(readdir(join(dir, 'bad')), { code: 'ENOENT' });
  });

  test("a job the server cannot run fails with the engine's code and local's exit code", async () => {
    const args = ['generate', paths.tiny, '-q', '--engine-version', '0.0.1'];
    const local = await inProcess(...args, '--out', join(dir, 'ev-local'));
    const r = await inProcess(...args, '--out', join(dir, 'ev'), '--server', server.url, '--key', writeKey);
    assert.equal(local.code, 4, local.err);
    assert.equal(r.code, local.code, r.err);
    assert.match(r.err, /^tdm: GENERATION_ENGINE_VERSION_UNSUPPORTED: .*engine version 0\.0\.1/);
    await assert.rejects(readdir(join(dir, 'ev')), { code: 'ENOENT' });
  });

  test('a read key is refused by the server: its code, message and action, exit 5', async () => {
    const r = await tdm(['generate', paths.tiny, '--out', join(dir, 'ro'), '--server', server.url], {
      TDM_KEY: readKey,
    });
    assert.equal(r.code, 5, r.err);
    assert.match(r.err, /^tdm: AUTH_FORBIDDEN: .+\(request [^)]+\)\n {2}fix: .+\n$/);
    assertNoKey(r, readKey);
  });

  test('a platform-admin key must name a team, and the server decides', async () => {
    const args = [
      'generate',
      paths.tiny,
      '--out',
      join(dir, 'pa'),
      '--server',
      server.url,
      '--key',
      adminKey,
    ];
    const a = await inProcess(...args);
    assert.equal(a.code, 2, a.err);
    assert.match(a.err, /REMOTE_TEAM_REQUIRED: this platform-admin key belongs to no team; pass --team/);
    const b = await inProcess(...args, '--team', 'remote');
    assert.equal(b.code, 5, b.err);
    assert.match(b.err, /^tdm: AUTH_FORBIDDEN: .*platform admins manage teams only/);
    const c = await inProcess(...args.slice(0, -1), writeKey, '--team', 'other');
    assert.equal(c.code, 2, c.err);
    assert.match(c.err, /REMOTE_TEAM_MISMATCH: --team other: this key belongs to team remote/);
    assertNoKey(a, adminKey);
    assertNoKey(b, adminKey);
  });

  test('Ctrl-C cancels the job on the server and exits 130; --out stays empty', async () => {
    const out = join(dir, 'cancelled');
    let sent = false;
    const r = await tdm(
      ['generate', paths.big, '--out', out, '--server', server.url, '--now', NOW],
      { TDM_KEY: writeKey },
      (err, child) => {
        // Plain progress lines (not a TTY) show the job is running; interrupt then.
        if (!sent && /progress \d+%/.test(err)) {
          sent = true;
          child.kill('SIGINT');
        }
      },
    );
    assert.equal(r.code, 130, r.err);
    assert.ok(sent, r.err);
    assert.match(r.err, /tdm: GENERATION_CANCELLED: interrupted: job [0-9a-f-]{36} is cancelled on http/);
    const jobId = /job ([0-9a-f-]{36}) submitted/.exec(r.err)?.[1] as string;
    const job = await api.getJob({ params: { jobId } });
    assert.equal(job.status, 'cancelled');
    assert.equal(job.error?.code, 'GENERATION_CANCELLED');
    await assert.rejects(readdir(out), { code: 'ENOENT' }, 'nothing was written');
    assertNoKey(r, writeKey);
  });
});

describe('remote validate', () => {
  test('same output and exit code as local, for a bad and a good schema', async () => {
    for (const [schema, code] of [
      [paths.bad, 1],
      [paths.tiny, 0],
    ] as const) {
      const local = await inProcess('validate', schema, '--now', NOW);
      const remote = await inProcess(
        'validate',
        schema,
        '--now',
        NOW,
        '--server',
        server.url,
        '--key',
        readKey,
      );
      assert.equal(local.code, code, local.err);
      assert.equal(remote.code, code, remote.err);
      assert.equal(remote.out, local.out);
      const localJson = await inProcess('validate', schema, '--now', NOW, '--output', 'json');
      const remoteJson = await inProcess(
        'validate',
        schema,
        '--now',
        NOW,
        '--output',
        'json',
        '--server',
        server.url,
        '--key',
        readKey,
      );
      assert.deepEqual(JSON.parse(remoteJson.out), JSON.parse(localJson.out));
    }
  });

  test('as a real process with TDM_SERVER/TDM_KEY: exit 1 and the problems', async () => {
    const local = await inProcess('validate', paths.bad, '--now', NOW);
    const r = await tdm(['validate', paths.bad, '--now', NOW], { TDM_SERVER: server.url, TDM_KEY: readKey });
    assert.equal(r.code, 1, r.err);
    assert.equal(r.out, local.out);
    assertNoKey(r, readKey);
  });
});

describe('what stays local', () => {
  test('preview runs locally even with --server, and says so', async () => {
    const local = await inProcess('preview', paths.tiny, '-n', '2', '--now', NOW);
    const r = await inProcess(
      'preview',
      paths.tiny,
      '-n',
      '2',
      '--now',
      NOW,
      '--server',
      'http://127.0.0.1:1',
    );
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, local.out);
    assert.match(r.err, /preview runs locally \(the server has no preview endpoint\)/);
    const help = await inProcess('preview', '--help');
    assert.match(help.out, /Preview always runs locally, even with --server or TDM_SERVER/);
  });

  test('--local wins over TDM_SERVER; remote-only flags are refused locally', async () => {
    const saved = process.env['TDM_SERVER'];
    process.env['TDM_SERVER'] = 'http://127.0.0.1:1';
    try {
      const r = await inProcess('validate', paths.tiny, '--local');
      assert.equal(r.code, 0, r.err);
    } finally {
      if (saved === undefined) delete process.env['TDM_SERVER'];
      else process.env['TDM_SERVER'] = saved;
    }
    const nd = await inProcess(
      'generate',
      paths.tiny,
      '--out',
      join(dir, 'l'),
      '--no-download',
      '--team',
      'a',
    );
    assert.equal(nd.code, 2, nd.err);
    assert.match(nd.err, /^tdm: INPUT_INVALID: --team, --no-download: only for remote generation\n/);
    const noOut = await inProcess('generate', paths.tiny);
    assert.equal(noOut.code, 2, noOut.err);
    assert.match(noOut.err, /INPUT_INVALID: required option '-o, --out <dir>' not specified/);
  });
});

describe('remote errors', () => {
  test('a bad key: AUTH_INVALID, exit 5, the key nowhere in the output', async () => {
    const key = `tdm_${'z'.repeat(40)}`;
    const real = await tdm([
      'generate',
      paths.tiny,
      '--out',
      join(dir, 'badkey'),
      '--server',
      server.url,
      '--key',
      key,
    ]);
    const inproc = await inProcess('validate', paths.tiny, '--server', server.url, '--key', key);
    for (const r of [real, inproc]) {
      assert.equal(r.code, 5, r.err);
      assert.match(r.err, /^tdm: AUTH_INVALID: .+\(request [^)]+\)\n {2}fix: .+\n$/);
      assertNoKey(r, key);
    }
  });

  test('no key: REMOTE_KEY_MISSING, exit 2; a key without a server: REMOTE_SERVER_MISSING', async () => {
    const a = await inProcess('validate', paths.tiny, '--server', server.url);
    assert.equal(a.code, 2);
    assert.match(a.err, /REMOTE_KEY_MISSING: no API key for http:\/\/127\.0\.0\.1:\d+: set TDM_KEY/);
    const b = await inProcess('validate', paths.tiny, '--key', writeKey);
    assert.equal(b.code, 2);
    assert.match(b.err, /REMOTE_SERVER_MISSING: /);
    assertNoKey(b, writeKey);
  });

  test('an unreachable server: REMOTE_UNREACHABLE, exit 6', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const r = await tdm(
      ['generate', paths.tiny, '--out', join(dir, 'unreachable'), '--server', `http://127.0.0.1:${port}`],
      {
        TDM_KEY: writeKey,
      },
    );
    assert.equal(r.code, 6, r.err);
    assert.match(
      r.err,
      /^tdm: REMOTE_UNREACHABLE: cannot reach http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)\n {2}fix: /,
    );
    assertNoKey(r, writeKey);
  });

  test('https against a plain http server: REMOTE_TLS_FAILED, exit 6', async () => {
    const r = await inProcess(
      'validate',
      paths.tiny,
      '--server',
      server.url.replace('http:', 'https:'),
      '--key',
      writeKey,
    );
    assert.equal(r.code, 6, r.err);
    assert.match(r.err, /^tdm: REMOTE_TLS_FAILED: TLS with https:\/\/127\.0\.0\.1:\d+ failed/);
  });

  test('malformed --server URLs: REMOTE_URL_INVALID, exit 2, credentials not echoed', async () => {
    const real = await tdm(['generate', paths.tiny, '--out', join(dir, 'u'), '--server', 'not a url'], {
      TDM_KEY: writeKey,
    });
    assert.equal(real.code, 2, real.err);
    assert.match(real.err, /^tdm: REMOTE_URL_INVALID: --server: "not a url" is not a URL\n {2}fix: /);
    for (const [url, pattern] of [
      ['ftp://127.0.0.1/', /REMOTE_URL_INVALID: --server: "ftp:" is not http: or https:/],
      [
        'http://ann:hunter2secret@127.0.0.1:1/',
        /REMOTE_URL_INVALID: --server: the URL carries a user name or password/,
      ],
      [`${server.url}/?team=x`, /must not carry \?query or #hash/],
    ] as const) {
      const r = await inProcess(
        'generate',
        paths.tiny,
        '--out',
        join(dir, 'u'),
        '--server',
        url,
        '--key',
        writeKey,
      );
      assert.equal(r.code, 2, r.err);
      assert.match(r.err, pattern);
      assert.doesNotMatch(r.err, /hunter2secret/);
    }
  });

  test('a wrong base path or a server that is not tdm: a coded line, exit 2', async () => {
    const wrongPath = await inProcess(
      'validate',
      paths.tiny,
      '--server',
      `${server.url}/tdm`,
      '--key',
      writeKey,
    );
    assert.equal(wrongPath.code, 2, wrongPath.err);
    assert.match(wrongPath.err, /^tdm: ROUTE_NOT_FOUND: .+\n {2}fix: Pass the base URL `tdm serve` prints/);
    const other = createHttpServer((_req, res) =>
      res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>nope</h1>'),
    );
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(other.address() as { port: number }).port}`;
      const r = await inProcess('validate', paths.tiny, '--server', url, '--key', writeKey);
      assert.equal(r.code, 2, r.err);
      assert.match(r.err, /^tdm: REMOTE_URL_INVALID: .+ answered HTTP 404 without a tdm error body/);
    } finally {
      other.close();
    }
  });
});

describe('rate limits', () => {
  let limited: RunningServer;
  let key: string;
  before(async () => {
    limited = await startServer(
      loadServerConfig(
        { TDM_RATE_LIMIT: '2' },
        { port: 0, host: '127.0.0.1', dataDir: join(dir, 'limited') },
      ),
      'test',
    );
    const root = createClient({ baseUrl: limited.url, key: limited.createdAdminKey as string });
    await root.createTeam({ body: { teamId: 'slow', teamName: 'Slow' } });
    key = (await root.createKey({ params: { teamId: 'slow' }, body: { role: 'read', name: 'ro' } })).key;
  });
  after(async () => {
    await limited?.close();
  });

  test('a long Retry-After is reported: RATE_LIMITED with the wait, exit 6', async () => {
    const runs: Run[] = [];
    for (let i = 0; i < 3; i++)
      runs.push(await inProcess('validate', paths.tiny, '--server', limited.url, '--key', key));
    assert.deepEqual(
      runs.map((r) => r.code),
      [0, 0, 6],
      runs.map((r) => r.err).join('\n'),
    );
    assert.match(
      runs[2]?.err ?? '',
      /^tdm: RATE_LIMITED: .+; retry after \d+ s \(request [^)]+\)\n {2}fix: Wait/,
    );
  });

  test('a short Retry-After is waited out and the request retried', async () => {
    // The server's window is a minute; a front that answers the first request with 429 and a
    // one-second Retry-After (as a proxy or a smaller window would) stands in for a short limit.
    let refused = 0;
    const front = createHttpServer((req, res) => {
      if (refused === 0) {
        refused++;
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '1' });
        return res.end(
          JSON.stringify({
            errorCode: 'RATE_LIMITED',
            message: 'slow down',
            timestamp: new Date().toISOString(),
            requestId: 'r1',
          }),
        );
      }
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        void fetch(`${server.url}${req.url}`, {
          method: req.method,
          headers: req.headers as Record<string, string>,
          ...(chunks.length ? { body: Buffer.concat(chunks) } : {}),
        }).then(async (r) =>
          res
            .writeHead(r.status, { 'content-type': r.headers.get('content-type') ?? '' })
            .end(Buffer.from(await r.arrayBuffer())),
        );
      });
    });
    await new Promise<void>((r) => front.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(front.address() as { port: number }).port}`;
      const r = await inProcess('validate', paths.tiny, '--now', NOW, '--server', url, '--key', readKey);
      assert.equal(r.code, 0, r.err);
      assert.equal(refused, 1);
      assert.match(r.err, /^tdm: rate limited by http:\/\/127\.0\.0\.1:\d+; retrying in 1 s\n$/);
      assert.match(r.out, /is valid/);
    } finally {
      front.close();
    }
  });
});
