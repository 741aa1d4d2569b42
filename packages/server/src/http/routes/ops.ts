/** @module Operational routes: liveness, readiness (the store answers), metrics, the OpenAPI document, whoami. */
import { buildOpenApi, routes } from '@tdm/contract';
import { ServerError } from '../../errors.js';
import type { Metrics } from '../metrics.js';
import { mount, type Mount } from '../register.js';

export function mountOps(m: Mount, metrics: Metrics): void {
  const openapi = buildOpenApi(undefined, { version: m.deps.version ?? '1.0.0' });
  mount(m, routes.health, async () => ({
    status: 'ok' as const,
    ...(m.deps.version ? { version: m.deps.version } : {}),
  }));
  mount(m, routes.ready, async () => {
    try {
      await m.deps.db.query('SELECT 1');
    } catch (e) {
      throw new ServerError('STORE_UNAVAILABLE', 'the store does not answer', { cause: e });
    }
    return { status: 'ready' as const, store: m.deps.db.engine };
  });
  mount(m, routes.metrics, async () => metrics.render());
  mount(m, routes.openapi, async () => openapi);
  mount(m, routes.whoami, async ({ principal }) => {
    if (!principal) throw new ServerError('AUTH_REQUIRED', 'no caller');
    return { principalId: principal.id, role: principal.role, teamId: principal.teamId, via: principal.via };
  });
}
