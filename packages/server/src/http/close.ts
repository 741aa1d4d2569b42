/**
 * @module closeGracefully: stops the app the way a deploy wants it stopped. New connections are
 * refused at once (and requests on kept-alive ones get 503), SSE streams are ended, in-flight
 * requests (downloads included) finish; a client that stalls past the grace period is cut off, so
 * one paused reader cannot hold a shutdown forever.
 */
import type { FastifyInstance } from 'fastify';

export async function closeGracefully(app: FastifyInstance, graceMs = 30_000): Promise<void> {
  const closing = app.close();
  const timer = setTimeout(() => app.server.closeAllConnections(), graceMs);
  try {
    await closing;
  } finally {
    clearTimeout(timer);
  }
}
