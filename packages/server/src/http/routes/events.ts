/**
 * @module GET /events: server-sent events of the caller's team (job progress and completion).
 * The subscription is per team, so a client never sees another team's jobs. Each stream is
 * audited once, when it opens (`events.subscribe`, before its first byte: a stream may stay open for
 * days, and the trail must show who is listening now). Closing the app ends every open stream, so
 * a graceful shutdown never waits on a listener.
 */
import { routes } from '@tdm/contract';
import type { JobService } from '../../jobs/index.js';
import { mount, type Mount } from '../register.js';

export function mountEvents(m: Mount, jobs: Pick<JobService, 'subscribe'>): void {
  const heartbeatMs = (m.deps.sseHeartbeatSeconds ?? 15) * 1000;
  const open = new Set<() => void>();
  m.app.addHook('preClose', async () => {
    for (const end of open) end();
  });
  mount(
    m,
    routes.events,
    async ({ teamId, req, reply }) => {
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-request-id': req.id,
        // Proxies such as nginx would otherwise buffer the stream.
        'x-accel-buffering': 'no',
      });
      raw.write(': connected\n\n');
      const unsubscribe = jobs.subscribe(teamId ?? '', (event) => {
        raw.write(`event: ${event.type}\nid: ${event.jobId}\ndata: ${JSON.stringify(event)}\n\n`);
      });
      const heartbeat = setInterval(() => raw.write(': ping\n\n'), heartbeatMs);
      let stopped = false;
      const stop = (): void => {
        if (stopped) return;
        stopped = true;
        open.delete(end);
        clearInterval(heartbeat);
        unsubscribe();
      };
      // On shutdown: a last event tells the client why the stream ends, then the response ends.
      const end = (): void => {
        stop();
        raw.end('event: shutdown\ndata: {}\n\n');
      };
      open.add(end);
      req.raw.once('close', stop);
      raw.once('close', stop);
    },
    { audit: 'events.subscribe' },
  );
}
