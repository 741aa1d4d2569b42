/**
 * @module Where remote mode talks to: --server/--key (or TDM_SERVER/TDM_KEY) checked up front, and
 * the typed contract client over a fetch that can be aborted and waits out short rate limits.
 */
import { createClient, type Client } from '@tdm/contract';
import { ENGINE_VERSION } from '@tdm/core';
import type { Io } from '../io.js';
import { remoteError } from './errors.js';

export interface RemoteFlags {
  server?: string;
  key?: string;
  local?: boolean;
}

export interface Connection {
  /** The base URL without a trailing slash and without credentials, safe to print. */
  server: string;
  key: string;
}

function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

export function parseServerUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw remoteError('REMOTE_URL_INVALID', `--server: "${raw.slice(0, 200)}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw remoteError('REMOTE_URL_INVALID', `--server: "${url.protocol}" is not http: or https:`);
  }
  if (url.username || url.password) {
    // Never echo the URL: its credentials would land in the terminal and in logs.
    throw remoteError('REMOTE_URL_INVALID', '--server: the URL carries a user name or password', {
      action: 'Remove the credentials from the URL; authenticate with TDM_KEY or --key.',
    });
  }
  if (url.search || url.hash) {
    throw remoteError(
      'REMOTE_URL_INVALID',
      `--server: "${url.origin}${url.pathname}" must not carry ?query or #hash`,
    );
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** Checks --server/--key (or the environment); a key is never echoed. */
export function resolveConnection(flags: RemoteFlags, env: NodeJS.ProcessEnv): Connection {
  const rawServer = flags.server ?? nonEmpty(env['TDM_SERVER']);
  if (!rawServer) {
    throw remoteError(
      'REMOTE_SERVER_MISSING',
      '--key was given but no server: pass --server URL or set TDM_SERVER',
    );
  }
  const server = parseServerUrl(rawServer);
  const key = (flags.key ?? nonEmpty(env['TDM_KEY']))?.trim();
  if (!key) throw remoteError('REMOTE_KEY_MISSING', `no API key for ${server}: set TDM_KEY or pass --key`);
  if (!/^[\x21-\x7e]{8,4096}$/.test(key)) {
    throw remoteError('REMOTE_KEY_INVALID', 'the API key has spaces, control characters or a wrong length');
  }
  return { server, key };
}

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/;

/** A warning for keys sent in clear text beyond this machine (the request still goes). */
export function plainHttpWarning(server: string): string | null {
  const url = new URL(server);
  if (url.protocol !== 'http:' || LOOPBACK.test(url.hostname)) return null;
  return `tdm: warning: ${url.host} is plain http; the API key travels unencrypted (use https)\n`;
}

/** Rate limits shorter than this are waited out (up to MAX_RETRIES times); longer ones are reported. */
const MAX_WAIT_SECONDS = 30;
const MAX_RETRIES = 3;

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((done, fail) => {
    if (signal?.aborted) return fail(signal.reason);
    const timer = setTimeout(done, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        fail(signal.reason);
      },
      { once: true },
    );
  });
}

function retryAfterSeconds(res: Response): number | null {
  const raw = res.headers.get('retry-after');
  if (raw === null) return null;
  const n = Number(raw);
  if (Number.isFinite(n) && n >= 0) return Math.ceil(n);
  const at = Date.parse(raw);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

/**
 * The typed client for a connection. Every request carries `signal`; a 429 whose Retry-After is
 * short is retried after that wait (the server refused it before doing anything, so a retry is
 * safe even for a submit), and otherwise reaches the caller as RATE_LIMITED.
 */
export function remoteClient(conn: Connection, io: Io, signal?: AbortSignal): Client {
  const retryingFetch: typeof fetch = async (input, init) => {
    for (let attempt = 0; ; attempt++) {
      const res = await fetch(input, { ...init, ...(signal ? { signal } : {}) });
      if (res.status !== 429 || attempt >= MAX_RETRIES) return res;
      const wait = retryAfterSeconds(res);
      if (wait === null || wait > MAX_WAIT_SECONDS) return res;
      await res.body?.cancel();
      io.err(`tdm: rate limited by ${conn.server}; retrying in ${wait} s\n`);
      await sleep(wait * 1000, signal);
    }
  };
  return createClient({
    baseUrl: conn.server,
    key: conn.key,
    fetch: retryingFetch,
    headers: { 'user-agent': `tdm-cli/${ENGINE_VERSION}` },
  });
}
