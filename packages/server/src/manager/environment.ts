/**
 * @module createTeamEnvironment: a team with its namespace, access policy and keys, customizations
 * and refresh preferences, checked up front (every bad path listed). Repeating the call with the
 * same config returns the environment; another config for an existing team is TEAM_EXISTS.
 */
import type { KeyObject } from 'node:crypto';
import { TeamSettings, Name } from '@tdm/contract';
import { localeCodes } from '@tdm/core';
import { z } from 'zod';
import { issueApiKey } from '../auth/index.js';
import { isServerError, ServerError } from '../errors.js';
import type { Actor } from '../jobs/index.js';
import { createTeam, getTeam, listApiKeys, type Db, type Team, type TeamConfig } from '../store/index.js';
import { audit, auditFailure } from './audited.js';
import type { AccessControl, TeamEnvironment, TeamEnvironmentConfig, TeamRole } from './types.js';

const configSchema = z.strictObject({
  ...TeamSettings.shape,
  teamName: Name,
  namespace: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]{0,99}$/, 'lowercase letters, digits, ".", "_" and "-", at most 100')
    .optional(),
  keys: z
    .array(
      z.strictObject({
        role: z.enum(['read', 'write', 'admin']),
        name: Name,
        expiresAt: z.union([z.date(), z.iso.datetime({ offset: true })]).optional(),
      }),
    )
    .max(20)
    .optional(),
});

type Parsed = z.output<typeof configSchema>;

function parseConfig(input: unknown): Parsed {
  const r = configSchema.safeParse(input);
  const issues = r.success ? [] : r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  const locale = r.success ? r.data.customizations?.defaultLocale : undefined;
  if (locale !== undefined && !localeCodes.includes(locale)) {
    issues.push({ path: 'customizations.defaultLocale', message: `unknown locale "${locale}"` });
  }
  if (issues.length > 0 || !r.success) {
    throw new ServerError(
      'REQUEST_INVALID',
      `team config: ${issues.map((i) => `${i.path || '(config)'}: ${i.message}`).join('; ')}`,
      { details: { issues } },
    );
  }
  return r.data;
}

/** The settings stored with the team (everything but its name and the keys to issue). */
function settingsOf(p: Parsed): TeamConfig {
  const s: TeamConfig = {};
  if (p.namespace !== undefined) s.namespace = p.namespace;
  if (p.accessControls !== undefined) s.accessControls = p.accessControls;
  if (p.customizations !== undefined) s.customizations = p.customizations;
  if (p.refresh !== undefined) s.refresh = p.refresh;
  return s;
}

/** JSON with sorted keys: two configs are the same when these strings are. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

function differences(team: Team, name: string, settings: TeamConfig): string[] {
  const diffs = team.teamName === name ? [] : ['teamName'];
  for (const k of ['namespace', 'accessControls', 'customizations', 'refresh'] as const) {
    if (canonical(team.config[k]) !== canonical(settings[k])) diffs.push(k);
  }
  return diffs;
}

/** The environment a team's row and keys describe. */
export async function describeEnvironment(
  db: Db,
  team: Team,
  extra: Pick<TeamEnvironment, 'created' | 'issuedKeys'>,
  now = new Date(),
): Promise<TeamEnvironment> {
  const keys = await listApiKeys(db, team.teamId);
  const accessControls: AccessControl[] = keys
    .filter((k) => !k.revokedAt && (!k.expiresAt || k.expiresAt > now) && k.role !== 'platform-admin')
    .map((k) => ({
      kind: 'api-key',
      principal: k.keyId,
      name: k.name,
      role: k.role as TeamRole,
      expiresAt: k.expiresAt,
    }));
  return {
    teamId: team.teamId,
    teamName: team.teamName,
    dataNamespace: team.config.namespace ?? team.teamId,
    accessControls,
    accessPolicy: team.config.accessControls ?? {},
    customizations: (team.config.customizations ?? {}) as TeamEnvironment['customizations'],
    refreshSchedule: team.config.refresh ?? {},
    ...extra,
  };
}

export async function createTeamEnvironment(
  deps: { db: Db; pepper?: KeyObject | undefined },
  teamId: string,
  input: TeamEnvironmentConfig,
  actor: Actor,
): Promise<TeamEnvironment> {
  const { db } = deps;
  const parsed = parseConfig(input);
  const settings = settingsOf(parsed);
  if (parsed.keys?.length && !deps.pepper) {
    throw new ServerError('CONFIG_INVALID', 'keys: createDataManager needs the API-key pepper to issue keys');
  }
  const what = { teamId, action: 'team.create', resource: `teams/${teamId}` };
  let team: Team;
  try {
    team = await createTeam(db, { teamId, teamName: parsed.teamName, config: settings });
  } catch (e) {
    const existing = isServerError(e, 'TEAM_EXISTS') ? await getTeam(db, teamId) : null;
    const diffs = existing ? differences(existing, parsed.teamName, settings) : [];
    // The same environment again is no change: nothing is written, no key is issued twice.
    if (existing && diffs.length === 0)
      return describeEnvironment(db, existing, { created: false, issuedKeys: [] });
    const error = existing
      ? new ServerError(
          'TEAM_EXISTS',
          `team "${teamId}" already exists with another ${diffs.join(', ')}; update it instead`,
          {
            details: { teamId, differs: diffs },
          },
        )
      : e;
    await auditFailure(db, actor, what, error);
    throw error;
  }
  await audit(db, actor, what, 'success');
  const issuedKeys: TeamEnvironment['issuedKeys'] = [];
  for (const k of parsed.keys ?? []) {
    const { record, key } = await issueApiKey(db, deps.pepper as KeyObject, {
      teamId,
      role: k.role,
      name: k.name,
      expiresAt: k.expiresAt === undefined ? null : new Date(k.expiresAt),
    });
    await audit(db, actor, { teamId, action: 'key.create', resource: `keys/${record.keyId}` }, 'success');
    issuedKeys.push({ keyId: record.keyId, key, role: k.role, name: record.name });
  }
  return describeEnvironment(db, team, { created: true, issuedKeys });
}
