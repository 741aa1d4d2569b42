/**
 * @module `tdm serve`: the platform in one process (API, job workers, embedded store by default)
 * until SIGINT/SIGTERM, then a graceful stop.
 */
import type { Io } from '../io.js';

export interface ServeFlags {
  port?: number;
  host?: string;
  dataDir?: string;
}

export async function serve(flags: ServeFlags, io: Io, version: string): Promise<void> {
  const { loadServerConfig, startServer } = await import('@tdm/server');
  const config = loadServerConfig(process.env, flags);
  const server = await startServer(config, version);
  const store =
    server.engine === 'pglite' ? `embedded store in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)';
  io.out(`tdm listening on ${server.url} (${store})\n`);
  io.out(`API reference: ${server.url}/docs\n`);
  if (server.createdAdminKey) {
    io.out(
      `platform-admin key (shown once; store it now): ${server.createdAdminKey}\n` +
        `  e.g. curl -H "Authorization: Bearer <key>" -X POST ${server.url}/api/v1/teams -d '{"teamId":"alpha","teamName":"Alpha"}' -H 'content-type: application/json'\n`,
    );
  }
  await new Promise<void>((done) => {
    const stop = (): void => {
      process.removeListener('SIGINT', stop);
      process.removeListener('SIGTERM', stop);
      done();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  io.out('tdm: stopping (finishing in-flight requests and jobs)\n');
  await server.close();
}
