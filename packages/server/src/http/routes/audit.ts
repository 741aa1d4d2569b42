/** @module Audit routes: a team's trail (team admins, platform admins) and the whole trail (platform admins). */
import { routes } from '@tdm/contract';
import { listAllAudit, listAudit } from '../../store/index.js';
import { auditDto } from '../dto.js';
import { mount, type Mount } from '../register.js';

export function mountAudit(m: Mount): void {
  const db = m.deps.db;
  mount(m, routes.listAudit, async ({ params, query }) => ({
    entries: (await listAudit(db, params.teamId, query)).map(auditDto),
  }));
  mount(m, routes.listPlatformAudit, async ({ query }) => ({
    entries: (await listAllAudit(db, query)).map(auditDto),
  }));
}
