/**
 * @module `tdm admin`: teams and keys created straight on the embedded store; keys work against
 * the server afterwards; bad input answers with one coded line.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ExitCode, main, type Io } from '@tdm/cli';
import { createAuthenticator, listAudit, loadPepper, openStore } from '@tdm/server';

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
