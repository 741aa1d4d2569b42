/**
 * @module Remote-mode settings: URLs normalised or refused with their code, flags over environment,
 * keys never echoed; when a run is remote; exit codes of remote failures; the SSE reader across
 * chunk boundaries.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { exitCodeFor, ExitCode } from '../exit-codes.js';
import { isRemote } from '../remote-options.js';
import { parseServerUrl, plainHttpWarning, resolveConnection } from './connection.js';
import { redact } from './errors.js';
import { readEvents } from './sse.js';

const KEY = 'tdm_abcdefghijklmnopqrstuvwxyz012345';

function fails(fn: () => unknown, code: string, message: RegExp): void {
  assert.throws(fn, (e: Error & { code?: string }) => {
    assert.equal(e.code, code);
    assert.match(e.message, message);
    assert.ok(!e.message.includes(KEY));
    return true;
  });
}

describe('server URL', () => {
  test('normalised: no trailing slash, a base path kept', () => {
    assert.equal(parseServerUrl('http://localhost:8080/'), 'http://localhost:8080');
    assert.equal(parseServerUrl(' https://tdm.example.com/tdm// '), 'https://tdm.example.com/tdm');
  });
  test('refused with REMOTE_URL_INVALID', () => {
    fails(
      () => parseServerUrl('localhost:8080'),
      'REMOTE_URL_INVALID',
      /"localhost:" is not http: or https:/,
    );
    fails(() => parseServerUrl('::'), 'REMOTE_URL_INVALID', /"::" is not a URL/);
    fails(() => parseServerUrl('http://a:pw@h/'), 'REMOTE_URL_INVALID', /carries a user name or password/);
    fails(() => parseServerUrl('http://h/#x'), 'REMOTE_URL_INVALID', /must not carry/);
  });
  test('plain http beyond this machine is warned about', () => {
    assert.equal(plainHttpWarning('http://127.0.0.1:8080'), null);
    assert.equal(plainHttpWarning('http://localhost:8080'), null);
    assert.equal(plainHttpWarning('https://tdm.example.com'), null);
    assert.match(
      plainHttpWarning('http://tdm.example.com') ?? '',
      /plain http; the API key travels unencrypted/,
    );
  });
});

describe('connection', () => {
  test('flags win over TDM_SERVER / TDM_KEY; the key is trimmed', () => {
    const env = { TDM_SERVER: 'http://env:1', TDM_KEY: ` ${KEY}\n` };
    assert.deepEqual(resolveConnection({}, env), { server: 'http://env:1', key: KEY });
    assert.deepEqual(resolveConnection({ server: 'http://flag:2', key: `${KEY}x` }, env), {
      server: 'http://flag:2',
      key: `${KEY}x`,
    });
  });
  test('a missing server or key, or a malformed key, is a usage error that never echoes the key', () => {
    fails(() => resolveConnection({ key: KEY }, {}), 'REMOTE_SERVER_MISSING', /no server/);
    fails(() => resolveConnection({ server: 'http://h:1' }, {}), 'REMOTE_KEY_MISSING', /set TDM_KEY/);
    fails(
      () => resolveConnection({ server: 'http://h:1', key: `${KEY} ${KEY}` }, {}),
      'REMOTE_KEY_INVALID',
      /spaces, control characters/,
    );
    assert.equal(exitCodeFor('REMOTE_SERVER_MISSING'), ExitCode.USAGE);
    assert.equal(exitCodeFor('REMOTE_KEY_MISSING'), ExitCode.USAGE);
    assert.equal(exitCodeFor('REMOTE_KEY_INVALID'), ExitCode.USAGE);
  });
  test('remote when a server is named (flag or env) or a key is given, unless --local', () => {
    assert.equal(isRemote({}, {}), false);
    assert.equal(isRemote({}, { TDM_SERVER: ' ' }), false);
    assert.equal(isRemote({}, { TDM_SERVER: 'http://h' }), true);
    assert.equal(isRemote({ local: true }, { TDM_SERVER: 'http://h' }), false);
    assert.equal(
      isRemote({ key: KEY }, {}),
      true,
      'a key without a server is an error, not a silent local run',
    );
  });
  test('redact removes every copy of the key', () => {
    assert.equal(redact(`a ${KEY} b Bearer ${KEY}`, KEY), 'a *** b Bearer ***');
  });
});

describe('exit codes of remote failures', () => {
  test('auth 5, unavailable 6, usage 2, job failures like local ones', () => {
    for (const c of ['AUTH_REQUIRED', 'AUTH_INVALID', 'AUTH_EXPIRED', 'AUTH_REVOKED', 'AUTH_FORBIDDEN']) {
      assert.equal(exitCodeFor(c), ExitCode.AUTH, c);
    }
    for (const c of ['REMOTE_UNREACHABLE', 'REMOTE_TLS_FAILED', 'RATE_LIMITED', 'STORE_UNAVAILABLE']) {
      assert.equal(exitCodeFor(c), ExitCode.UNAVAILABLE, c);
    }
    for (const c of [
      'REMOTE_URL_INVALID',
      'REMOTE_FLAG_UNSUPPORTED',
      'REMOTE_TEAM_REQUIRED',
      'ROUTE_NOT_FOUND',
    ]) {
      assert.equal(exitCodeFor(c), ExitCode.USAGE, c);
    }
    assert.equal(exitCodeFor('SCHEMA_INVALID'), ExitCode.INVALID);
    assert.equal(exitCodeFor('GENERATION_CANCELLED'), ExitCode.CANCELLED);
    assert.equal(exitCodeFor('REMOTE_CHECKSUM_MISMATCH'), ExitCode.FAILED);
    assert.equal(exitCodeFor('GENERATION_CONSTRAINT_UNSATISFIED'), ExitCode.FAILED);
  });
});

describe('readEvents', () => {
  test('events split anywhere across chunks, CRLF or LF, comments skipped', async () => {
    const text =
      ': connected\r\n\r\nevent: job.progress\r\ndata: {"a":1}\r\n\r\n: ping\n\ndata: x\ndata: y\n\ndata: cut';
    for (const size of [1, 2, 3, 7, 1000]) {
      const bytes = new TextEncoder().encode(text);
      const stream = new ReadableStream<Uint8Array>({
        start(c) {
          for (let i = 0; i < bytes.length; i += size) c.enqueue(bytes.slice(i, i + size));
          c.close();
        },
      });
      const got: string[] = [];
      await readEvents(stream, (d) => got.push(d), new AbortController().signal);
      assert.deepEqual(got, ['{"a":1}', 'x\ny'], `chunk size ${size}`);
    }
  });
});
