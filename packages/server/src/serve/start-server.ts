/**
 * @module startServer: the whole platform in one process on the embedded store by default —
 * store (migrated), master key, keyring, sealed blob store, API-key pepper, admin bootstrap,
 * durable job workers and the HTTP app — and a graceful close.
 */
import { join } from 'node:path';
import { bootstrapAdmin, createAuthenticator, createJwtVerifier, loadPepper } from '../auth/index.js';
import { BlobStore } from '../blob/index.js';
import { Keyring, loadMasterKey } from '../crypto/index.js';
import { closeGracefully, createApp } from '../http/index.js';
import { createJobService } from '../jobs/index.js';
import { dbDataKeyStore } from '../keys/index.js';
import { openStore } from '../store/index.js';
import type { ServerConfig } from './config.js';

export interface RunningServer {
  /** e.g. http://127.0.0.1:8080 */
  url: string;
  /** A platform-admin key created on this first start (shown once), else null. */
  createdAdminKey: string | null;
  engine: 'postgres' | 'pglite';
  /**
   * Stops taking requests, ends SSE streams, lets in-flight requests finish (cutting off clients
   * still reading after `graceMs`, default 30 s) and jobs finish (or requeues them), closes.
   */
  close(options?: { graceMs?: number }): Promise<void>;
}

export async function startServer(config: ServerConfig, version: string): Promise<RunningServer> {
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const master = await loadMasterKey({
      env: config.masterKey,
      keyFile: join(config.dataDir, 'master.key'),
    });
    const keyring = new Keyring({ master, store: dbDataKeyStore(store) });
    const blobs = new BlobStore({ dir: config.blobDir, keyring });
    const pepper = await loadPepper({ env: config.pepper, file: join(config.dataDir, 'key-pepper') });
    const boot = await bootstrapAdmin(store, pepper, { adminKey: config.adminKey });
    const jwt = await createJwtVerifier(config.jwt);
    const jobs = createJobService({
      db: store,
      blobs,
      concurrency: config.jobConcurrency,
      perTeamLimit: config.perTeamJobs,
    });
    await jobs.start();
    const app = await createApp({
      db: store,
      blobs,
      pepper,
      authenticate: createAuthenticator({
        db: store,
        pepper,
        adminKeyHash: boot.adminKeyHash,
        jwt,
        keyCacheTtlMs: config.keyCacheTtlMs,
      }),
      jobs,
      rateLimit: { max: config.rateLimitPerMinute, windowMs: 60_000 },
      uploadMaxBytes: config.uploadMaxBytes,
      ...(config.corsOrigins ? { cors: { origins: config.corsOrigins } } : {}),
      version,
    });
    const url = await app.listen({ host: config.host, port: config.port });
    return {
      url,
      createdAdminKey: boot.createdKey,
      engine: store.engine,
      async close(options = {}) {
        await closeGracefully(app, options.graceMs);
        await jobs.stop({ graceful: true });
        await store.close();
      },
    };
  } catch (e) {
    await store.close().catch(() => undefined);
    throw e;
  }
}
