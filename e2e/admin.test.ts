/**
 * @module `tdm admin`: teams and keys created straight on the embedded store; keys work against
 * the server afterwards; bad input answers with one coded line. Master key rotation: served data
 * still downloads and verifies after rotate + restart, the old key opens nothing, an interrupted
 * rotation is finished by running the command again, and no key is ever printed.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ExitCode, main, type Io } from '@tdm/cli';
import {
  BlobStore,
  createAuthenticator,
  createTeam,
  dbDataKeyStore,
  isCodedError,
  Keyring,
  listAllAudit,
  listAudit,
  loadMasterKey,
  loadPepper,
  loadServerConfig,
  masterKeyFromBytes,
  openStore,
  parseMasterKey,
  rotateMasterKey,
  startServer,
  type RunningServer,
} from '@tdm/server';

function io(): Io & { text: () => string } {
  let out = '';
  return {
    out: (t) => void (out += t),
    err: (t) => void (out += t),
    progressStream: process.stderr,
    text: () => out,
  };
}

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tdm-admin-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('create-team and create-key write to the store; the key authenticates with its role', async () => {
  const a = io();
  assert.equal(
    await main(['admin', 'create-team', 'alpha', '--name', 'Alpha', '--data-dir', dir], a),
    0,
    a.text(),
  );
  assert.match(a.text(), /created team alpha \(Alpha\)/);
  const b = io();
  const code = await main(
    [
      'admin',
      'create-key',
      '--team',
      'alpha',
      '--role',
      'write',
      '--name',
      'ci',
      '--data-dir',
      dir,
      '--output',
      'json',
    ],
    b,
  );
  assert.equal(code, 0, b.text());
  const issued = JSON.parse(b.text()) as { key: string; role: string; teamId: string };
  assert.equal(issued.role, 'write');
  const store = await openStore({ dataDir: dir });
  try {
    const pepper = await loadPepper({ file: join(dir, 'key-pepper') });
    const principal = await createAuthenticator({ db: store, pepper })(`Bearer ${issued.key}`);
    assert.equal(principal.teamId, 'alpha');
    assert.equal(principal.role, 'write');
    const audit = await listAudit(store, 'alpha', {});
    assert.deepEqual(audit.map((e) => e.action).sort(), ['key.create', 'team.create']);
  } finally {
    await store.close();
  }
});

test('bad admin input: one coded line, documented exit code', async () => {
  const a = io();
  assert.equal(await main(['admin', 'create-key', '--role', 'write', '--data-dir', dir], a), ExitCode.USAGE);
  assert.match(a.text(), /CONFIG_INVALID: --team is required/);
  const b = io();
  assert.equal(
    await main(['admin', 'create-key', '--role', 'owner', '--team', 'alpha', '--data-dir', dir], b),
    ExitCode.USAGE,
  );
  assert.match(b.text(), /--role: "owner" is not one of read, write, admin, platform-admin/);
  const c = io();
  assert.equal(
    await main(['admin', 'create-team', 'Bad Team', '--name', 'x', '--data-dir', dir], c),
    ExitCode.USAGE,
  );
  assert.match(c.text(), /tdm: TEAM_ID_INVALID: /);
  assert.doesNotMatch(a.text() + b.text() + c.text(), /\n\s+at .+:\d+:\d+/);
});

// The rotation tests choose the key location themselves: no master key or store from the caller.
for (const name of ['TDM_MASTER_KEY', 'TDM_NEW_MASTER_KEY', 'DATABASE_URL', 'TDM_DATA_DIR', 'TDM_HOME']) {
  process.env[name] = '';
}

const TINY = `name: tiny
seed: 7
entities:
  people:
    count: 2000
    fields:
      id: { type: integer, primaryKey: true, sequence: 1 }
      name: { type: person.firstName }
`;

async function serve(dataDir: string): Promise<RunningServer> {
  return startServer(loadServerConfig({}, { dataDir, port: 0 }), 'e2e');
}

function api(server: RunningServer, key: string) {
  return (path: string, init: RequestInit = {}) =>
    fetch(`${server.url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    });
}

/** Downloads one entity; returns its sha256 and the one the server announced. */
async function download(server: RunningServer, key: string, path: string) {
  const res = await api(server, key)(path);
  assert.equal(res.status, 200, await res.clone().text());
  const body = Buffer.from(await res.arrayBuffer());
  return {
    sha: createHash('sha256').update(body).digest('hex'),
    announced: res.headers.get('x-content-sha256'),
  };
}

async function rotate(dataDir: string): Promise<{ code: number; text: string }> {
  const o = io();
  const code = await main(['admin', 'rotate-master-key', '--data-dir', dataDir, '--output', 'json'], o);
  return { code, text: o.text() };
}

test('rotate-master-key: served data still downloads and verifies after a restart; the old key opens nothing', async () => {
  const home = await mkdtemp(join(tmpdir(), 'tdm-rotate-'));
  try {
    const first = await serve(home);
    let key = '';
    let path = '';
    let before: { sha: string; announced: string | null };
    try {
      const admin = api(first, first.createdAdminKey ?? '');
      assert.equal(
        (
          await admin('/api/v1/teams', {
            method: 'POST',
            body: JSON.stringify({ teamId: 'alpha', teamName: 'Alpha' }),
          })
        ).status,
        201,
      );
      const k = await admin('/api/v1/teams/alpha/keys', {
        method: 'POST',
        body: JSON.stringify({ role: 'write', name: 'ci' }),
      });
      key = ((await k.json()) as { key: string }).key;
      const submitted = await api(first, key)('/api/v1/teams/alpha/jobs', {
        method: 'POST',
        body: JSON.stringify({ schema: TINY, options: { format: 'csv', now: '2026-01-15T00:00:00Z' } }),
      });
      assert.equal(submitted.status, 202, await submitted.clone().text());
      const { jobId } = (await submitted.json()) as { jobId: string };
      let job = { status: 'pending', datasetId: '' };
      for (let i = 0; i < 300 && (job.status === 'pending' || job.status === 'running'); i++) {
        await new Promise((r) => setTimeout(r, 100));
        job = (await (await api(first, key)(`/api/v1/jobs/${jobId}`)).json()) as typeof job;
      }
      assert.equal(job.status, 'completed', JSON.stringify(job));
      path = `/api/v1/teams/alpha/datasets/${job.datasetId}/versions/1/download?entity=people`;
      before = await download(first, key, path);
      assert.equal(before.sha, before.announced);
    } finally {
      await first.close();
    }
    const keyFile = join(home, 'master.key');
    const oldBytes = await readFile(keyFile);

    const r = await rotate(home);
    assert.equal(r.code, 0, r.text);
    const result = JSON.parse(r.text) as {
      resealed: number;
      oldKeyId: string;
      newKeyId: string;
      keyLocation: string;
    };
    assert.equal(result.resealed, 1, 'team alpha has one data key');
    assert.equal(result.keyLocation, 'file');
    assert.notEqual(result.oldKeyId, result.newKeyId);
    const newBytes = await readFile(keyFile);
    assert.equal(newBytes.length, 32);
    assert.ok(!newBytes.equals(oldBytes));
    assert.equal((await stat(keyFile)).mode & 0o777, 0o600);
    await assert.rejects(stat(`${keyFile}.next`), /ENOENT/);
    for (const secret of [oldBytes, newBytes]) {
      for (const form of [secret.toString('hex'), secret.toString('base64'), secret.toString('base64url')]) {
        assert.ok(!r.text.includes(form), 'a key was printed');
      }
    }

    const second = await serve(home);
    try {
      const again = await download(second, key, path);
      assert.deepEqual(again, before, 'the same bytes, verified against the same sha256');
    } finally {
      await second.close();
    }

    const store = await openStore({ dataDir: home });
    try {
      const oldKeyring = new Keyring({
        master: masterKeyFromBytes(oldBytes, 'file'),
        store: dbDataKeyStore(store),
      });
      const blobs = new BlobStore({ dir: join(home, 'blobs'), keyring: oldKeyring });
      const [name] = await blobs.listBlobs('alpha');
      await assert.rejects(
        (async () => {
          for await (const chunk of await blobs.getBlob('alpha', name ?? '')) void chunk;
        })(),
        (e: unknown) => isCodedError(e) && e.code === 'CRYPTO_MASTER_KEY_MISMATCH',
      );
      const [audit] = await listAllAudit(store, { action: 'master-key.rotate' });
      assert.equal(audit?.outcome, 'success');
      assert.equal(audit?.details['resealed'], 1);
      assert.equal(audit?.actor, 'cli-admin');
    } finally {
      await store.close();
    }
  } finally {
    await rm(home, { recursive: true, force: true });
  }
});

test('rotate-master-key with TDM_MASTER_KEY: the new key comes from TDM_NEW_MASTER_KEY; bad values are one coded line', async () => {
  const home = await mkdtemp(join(tmpdir(), 'tdm-rotate-env-'));
  const oldHex = randomBytes(32).toString('hex');
  const newB64 = randomBytes(32).toString('base64');
  try {
    const store = await openStore({ dataDir: home });
    try {
      await createTeam(store, { teamId: 'beta', teamName: 'Beta' });
      await new Keyring({ master: parseMasterKey(oldHex), store: dbDataKeyStore(store) }).activeKey('beta');
    } finally {
      await store.close();
    }
    process.env.TDM_MASTER_KEY = oldHex;
    const missing = await rotate(home);
    assert.equal(missing.code, ExitCode.USAGE);
    assert.match(
      missing.text,
      /^tdm: CONFIG_INVALID: TDM_MASTER_KEY is set: give the new key in TDM_NEW_MASTER_KEY/,
    );
    process.env.TDM_NEW_MASTER_KEY = 'not-a-key';
    const bad = await rotate(home);
    assert.equal(bad.code, ExitCode.USAGE);
    assert.match(bad.text, /^tdm: CRYPTO_MASTER_KEY_INVALID: TDM_NEW_MASTER_KEY must be 32 bytes/);
    process.env.TDM_NEW_MASTER_KEY = newB64;
    const ok = await rotate(home);
    assert.equal(ok.code, 0, ok.text);
    assert.equal((JSON.parse(ok.text) as { resealed: number }).resealed, 1);
    for (const secret of [oldHex, newB64]) assert.ok(!(missing.text + bad.text + ok.text).includes(secret));
    await assert.rejects(stat(join(home, 'master.key')), /ENOENT/, 'an env key is never written to disk');
    const after = await openStore({ dataDir: home });
    try {
      const row = await dbDataKeyStore(after).activeDataKey('beta');
      assert.equal(row?.masterKeyId, parseMasterKey(newB64).id);
      const keyring = new Keyring({ master: parseMasterKey(newB64), store: dbDataKeyStore(after) });
      assert.equal((await keyring.activeKey('beta')).keyId, row?.keyId);
    } finally {
      await after.close();
    }
  } finally {
    process.env.TDM_MASTER_KEY = '';
    process.env.TDM_NEW_MASTER_KEY = '';
    await rm(home, { recursive: true, force: true });
  }
});

test('an interrupted rotation blocks start with a coded error; running the command again finishes it', async () => {
  const home = await mkdtemp(join(tmpdir(), 'tdm-rotate-crash-'));
  const keyFile = join(home, 'master.key');
  try {
    const old = await loadMasterKey({ keyFile });
    const store = await openStore({ dataDir: home });
    const nextBytes = randomBytes(32);
    try {
      await createTeam(store, { teamId: 'gamma', teamName: 'Gamma' });
      await new Keyring({ master: old, store: dbDataKeyStore(store) }).activeKey('gamma');
      // A crash after the re-seal committed, before the key file was replaced.
      await writeFile(`${keyFile}.next`, nextBytes, { mode: 0o600 });
      assert.equal(
        await rotateMasterKey(old, masterKeyFromBytes(nextBytes, 'file'), dbDataKeyStore(store)),
        1,
      );
    } finally {
      await store.close();
    }
    await assert.rejects(
      serve(home),
      (e: unknown) => isCodedError(e) && e.code === 'CRYPTO_MASTER_KEY_FILE_INVALID',
    );
    const r = await rotate(home);
    assert.equal(r.code, 0, r.text);
    const result = JSON.parse(r.text) as { resealed: number; resumed: boolean; newKeyId: string };
    assert.deepEqual([result.resumed, result.resealed], [true, 0]);
    assert.ok((await readFile(keyFile)).equals(nextBytes));
    await assert.rejects(stat(`${keyFile}.next`), /ENOENT/);
    const server = await serve(home);
    await server.close();
  } finally {
    await rm(home, { recursive: true, force: true });
  }
});
