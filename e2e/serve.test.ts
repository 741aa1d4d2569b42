/**
 * @module `tdm serve` as a real process on the embedded store: first start prints a platform-admin
 * key once; a team, a key, a generation job, a download and random-access rows work over HTTP;
 * files are sealed at rest; SIGTERM stops cleanly; a restart keeps everything.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

interface Running {
  child: ChildProcess;
  url: string;
  output: () => string;
}

async function start(dataDir: string): Promise<Running> {
  const child = spawn(
    process.execPath,
    [
      '--conditions=development',
      '--import',
      'tsx',
      'e2e/helpers/tdm-dev.ts',
      'serve',
      '--port',
      '0',
      '--data-dir',
      dataDir,
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, TDM_MASTER_KEY: '', TDM_ADMIN_KEY: '', DATABASE_URL: '' },
    },
  );
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 60_000);
    const poll = setInterval(() => {
      const m = /tdm listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve(m[1] as string);
      }
    }, 50);
    child.once('exit', (code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });
  // Give a late "platform-admin key" line time to arrive (it is printed right after).
  await new Promise((r) => setTimeout(r, 200));
  return { child, url, output: () => out };
}

async function stop(r: Running): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => r.child.once('exit', resolve));
  r.child.kill('SIGTERM');
  return exited;
}

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tdm-serve-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('tdm serve: first start, team, key, job, download, rows, sealed files, clean stop, restart', async () => {
  const first = await start(dir);
  let adminKey = '';
  try {
    const m = /platform-admin key \(shown once; store it now\): (tdm_\S+)/.exec(first.output());
    assert.ok(m, first.output());
    adminKey = m[1] as string;
    const api = (path: string, key: string, init: RequestInit = {}): Promise<Response> =>
      fetch(`${first.url}${path}`, {
        ...init,
        headers: {
          authorization: `Bearer ${key}`,
          'content-type': 'application/json',
          ...(init.headers ?? {}),
        },
      });
    assert.equal((await fetch(`${first.url}/health`)).status, 200);
    assert.equal((await fetch(`${first.url}/ready`)).status, 200);
    const team = await api('/api/v1/teams', adminKey, {
      method: 'POST',
      body: JSON.stringify({ teamId: 'alpha', teamName: 'Alpha' }),
    });
    assert.equal(team.status, 201);
    const keyRes = await api('/api/v1/teams/alpha/keys', adminKey, {
      method: 'POST',
      body: JSON.stringify({ role: 'write', name: 'ci' }),
    });
    assert.equal(keyRes.status, 201);
    const { key } = (await keyRes.json()) as { key: string };
    const schema = await readFile('examples/shop.yaml', 'utf8');
    const submitted = await api('/api/v1/teams/alpha/jobs', key, {
      method: 'POST',
      body: JSON.stringify({ schema, options: { format: 'csv', now: '2026-01-15T00:00:00Z' } }),
    });
    assert.equal(submitted.status, 202, await submitted.clone().text());
    const { jobId } = (await submitted.json()) as { jobId: string };
    let job: { status: string; datasetId: string | null } = { status: 'pending', datasetId: null };
    for (let i = 0; i < 600 && !['completed', 'failed', 'cancelled'].includes(job.status); i++) {
      await new Promise((r) => setTimeout(r, 100));
      job = (await (await api(`/api/v1/jobs/${jobId}`, key)).json()) as typeof job;
    }
    assert.equal(job.status, 'completed', JSON.stringify(job));
    const base = `/api/v1/teams/alpha/datasets/${job.datasetId}/versions/1`;
    const download = await api(`${base}/download?entity=customers`, key);
    assert.equal(download.status, 200);
    const csv = await download.text();
    assert.equal(createHash('sha256').update(csv).digest('hex'), download.headers.get('x-content-sha256'));
    const lines = csv.trim().split('\r\n');
    const rows = (await (await api(`${base}/rows?entity=customers&offset=500&limit=1`, key)).json()) as {
      rows: Record<string, unknown>[];
    };
    assert.equal(
      rows.rows[0]?.['id'],
      lines[501]?.split(',')[0],
      'row 500 recomputed equals row 500 downloaded',
    );
    // Sealed at rest: a value from the file appears in no stored file.
    const email = lines[1]?.split(',')[3] as string;
    assert.match(email, /@/);
    for (const f of await readdir(join(dir, 'blobs'), { recursive: true })) {
      const p = join(dir, 'blobs', f);
      const bytes = await readFile(p).catch(() => null);
      if (bytes) assert.ok(!bytes.includes(email), `${f} holds plaintext`);
    }
  } finally {
    assert.equal(await stop(first), 0, first.output());
  }
  assert.match(first.output(), /stopping/);
  const second = await start(dir);
  try {
    assert.doesNotMatch(second.output(), /platform-admin key/, 'the admin key is shown once only');
    const teams = await fetch(`${second.url}/api/v1/teams`, {
      headers: { authorization: `Bearer ${adminKey}` },
    });
    assert.equal(teams.status, 200);
    assert.match(await teams.text(), /"alpha"/);
  } finally {
    assert.equal(await stop(second), 0, second.output());
  }
});
