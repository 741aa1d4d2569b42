/**
 * @module Local administration (`tdm admin ...`): create teams and API keys directly on the store
 * of a data directory or DATABASE_URL, without a running server. Every change is audited.
 */
import { join } from 'node:path';
import { issueApiKey, loadPepper } from '../auth/index.js';
import { ServerError } from '../errors.js';
import { createTeam, openStore, recordAudit, type Store, type Team } from '../store/index.js';
import type { ServerConfig } from './config.js';

const ACTOR = 'cli-admin';
const ROLES = ['read', 'write', 'admin', 'platform-admin'] as const;
type AdminRole = (typeof ROLES)[number];

async function withStore<T>(config: ServerConfig, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

export async function adminCreateTeam(
  config: ServerConfig,
  input: { teamId: string; teamName: string },
): Promise<Team> {
  return withStore(config, async (store) => {
    const team = await createTeam(store, input);
    await recordAudit(store, {
      teamId: team.teamId,
      actor: ACTOR,
      actorRole: 'platform-admin',
      action: 'team.create',
      resource: `teams/${team.teamId}`,
      outcome: 'success',
    });
    return team;
  });
}

/** Issues a key (shown once by the caller); platform-admin keys belong to no team. */
export async function adminCreateKey(
  config: ServerConfig,
  input: { teamId?: string | undefined; role: string; name: string; expiresAt?: Date | undefined },
): Promise<{ keyId: string; key: string; role: AdminRole; teamId: string | null }> {
  if (!ROLES.includes(input.role as AdminRole)) {
    throw new ServerError('CONFIG_INVALID', `--role: "${input.role}" is not one of ${ROLES.join(', ')}`);
  }
  const role = input.role as AdminRole;
  const teamId = role === 'platform-admin' ? null : (input.teamId ?? null);
  if (role !== 'platform-admin' && !teamId) {
    throw new ServerError('CONFIG_INVALID', '--team is required for read, write and admin keys');
  }
  return withStore(config, async (store) => {
    const pepper = await loadPepper({ env: config.pepper, file: join(config.dataDir, 'key-pepper') });
    const { record, key } = await issueApiKey(store, pepper, {
      teamId,
      role,
      name: input.name,
      expiresAt: input.expiresAt ?? null,
    });
    await recordAudit(store, {
      teamId,
      actor: ACTOR,
      actorRole: 'platform-admin',
      action: 'key.create',
      resource: `keys/${record.keyId}`,
      outcome: 'success',
    });
    return { keyId: record.keyId, key, role, teamId };
  });
}
