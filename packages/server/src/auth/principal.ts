/** @module Who is calling: the principal an API key or JWT maps to, and the role checks on it. */
import type { Access, PrincipalRole, Role } from '@tdm/contract';
import { ServerError } from '../errors.js';

export interface Principal {
  /** Key id, `jwt:<sub>` or `env-admin`: what the audit trail names as the actor. */
  id: string;
  via: 'api-key' | 'jwt' | 'bootstrap';
  role: PrincipalRole;
  /** null for platform admins, who belong to no team. */
  teamId: string | null;
}

const RANK: Record<Role, number> = { read: 1, write: 2, admin: 3 };

/** True when `role` is at least `needed` (read < write < admin); platform-admin is no team role. */
export function roleAtLeast(role: PrincipalRole, needed: Role): boolean {
  return role !== 'platform-admin' && RANK[role] >= RANK[needed];
}

/** What an access check decided: go on for a team (or none), or fail with 404/403. */
export type Decision = { teamId: string | null };

/**
 * Applies a route's access rule. A team principal asking for another team's resource gets
 * not-found, never forbidden, so a key cannot probe which teams or ids exist.
 */
export function authorize(access: Access, p: Principal, pathTeam: string | undefined): Decision {
  const forbidden = (why: string) =>
    new ServerError('AUTH_FORBIDDEN', why, { details: { role: p.role, required: access } });
  switch (access.kind) {
    case 'public':
    case 'any':
      return { teamId: p.teamId };
    case 'platform':
      if (p.role !== 'platform-admin') {
        if (pathTeam !== undefined && pathTeam !== p.teamId) throw teamNotFound(pathTeam);
        throw forbidden('this needs a platform-admin key');
      }
      return { teamId: pathTeam ?? null };
    case 'team': {
      if (p.role === 'platform-admin') {
        if (access.platform && pathTeam !== undefined) return { teamId: pathTeam };
        throw forbidden(`this needs a team key with role ${access.role}; platform admins manage teams only`);
      }
      const team = pathTeam ?? p.teamId;
      if (team !== p.teamId) throw teamNotFound(team ?? '');
      if (!roleAtLeast(p.role, access.role)) {
        throw forbidden(`this needs role ${access.role}; the key has role ${p.role}`);
      }
      return { teamId: team };
    }
  }
}

function teamNotFound(teamId: string): ServerError {
  return new ServerError('TEAM_NOT_FOUND', `team "${teamId.slice(0, 60)}" not found`, {
    details: { teamId: teamId.slice(0, 60) },
  });
}
