/** @module Team API keys: create (the key is in this response only), list without secrets, revoke. */
import { routes } from '@tdm/contract';
import { issueApiKey } from '../../auth/index.js';
import { getTeam, listApiKeys, revokeApiKey } from '../../store/index.js';
import { keyDto } from '../dto.js';
import { mount, type Mount } from '../register.js';

export function mountKeys(m: Mount): void {
  const db = m.deps.db;
  mount(m, routes.createKey, async ({ params, body, audit }) => {
    await getTeam(db, params.teamId);
    const { record, key } = await issueApiKey(db, m.deps.pepper, {
      teamId: params.teamId,
      role: body.role,
      name: body.name,
      expiresAt: body.expiresAt ? new Date(body.expiresAt) : null,
    });
    audit.details = { keyId: record.keyId, role: record.role };
    return {
      keyId: record.keyId,
      key,
      role: record.role,
      name: record.name,
      expiresAt: record.expiresAt?.toISOString() ?? null,
    };
  });
  mount(m, routes.listKeys, async ({ params }) => {
    await getTeam(db, params.teamId);
    return { keys: (await listApiKeys(db, params.teamId)).map(keyDto) };
  });
  mount(m, routes.revokeKey, async ({ params, audit }) => {
    audit.details = { keyId: params.keyId };
    return keyDto(await revokeApiKey(db, params.teamId, params.keyId));
  });
}
