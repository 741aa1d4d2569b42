/**
 * @module JWT bearer tokens (jose): HS256 with a shared secret, or a JWKS URL / public key; the
 * `team` and `role` claims (names configurable) map to a principal.
 */
import { createRemoteJWKSet, errors, importSPKI, jwtVerify, type JWTPayload } from 'jose';
import { PrincipalRole, TeamId } from '@tdm/contract';
import { ServerError } from '../errors.js';
import type { Principal } from './principal.js';

export interface JwtConfig {
  /** HS256 shared secret (TDM_JWT_SECRET), at least 32 characters. */
  secret?: string | undefined;
  /** A JWKS URL (TDM_JWT_JWKS). */
  jwksUrl?: string | undefined;
  /** A PEM public key (TDM_JWT_PUBLIC_KEY) and its algorithm (default RS256). */
  publicKey?: string | undefined;
  algorithm?: string | undefined;
  teamClaim?: string;
  roleClaim?: string;
  issuer?: string | undefined;
  audience?: string | undefined;
}

export type JwtVerifier = (token: string) => Promise<Principal>;

type Key = Parameters<typeof jwtVerify>[1];

async function keyFor(c: JwtConfig): Promise<{ key: Key; algorithms: string[] }> {
  if (c.secret) {
    if (c.secret.length < 32) {
      throw new ServerError('AUTH_CONFIG_INVALID', 'TDM_JWT_SECRET must be at least 32 characters');
    }
    return { key: new TextEncoder().encode(c.secret), algorithms: ['HS256'] };
  }
  const alg = c.algorithm ?? 'RS256';
  if (c.jwksUrl) return { key: createRemoteJWKSet(new URL(c.jwksUrl)), algorithms: [alg] };
  if (c.publicKey) {
    const key = await importSPKI(c.publicKey, alg).catch((e: unknown) => {
      throw new ServerError('AUTH_CONFIG_INVALID', 'TDM_JWT_PUBLIC_KEY is not a PEM public key', {
        cause: e,
      });
    });
    return { key, algorithms: [alg] };
  }
  throw new ServerError(
    'AUTH_CONFIG_INVALID',
    'JWT needs TDM_JWT_SECRET, TDM_JWT_JWKS or TDM_JWT_PUBLIC_KEY',
  );
}

function toPrincipal(payload: JWTPayload, c: JwtConfig): Principal {
  const role = PrincipalRole.safeParse(payload[c.roleClaim ?? 'role']);
  const rawTeam = payload[c.teamClaim ?? 'team'];
  if (!role.success) throw new ServerError('AUTH_INVALID', 'the token carries no valid role claim');
  if (role.data === 'platform-admin') {
    return { id: `jwt:${payload.sub ?? 'unknown'}`, via: 'jwt', role: role.data, teamId: null };
  }
  const team = TeamId.safeParse(rawTeam);
  if (!team.success) throw new ServerError('AUTH_INVALID', 'the token carries no valid team claim');
  return { id: `jwt:${payload.sub ?? 'unknown'}`, via: 'jwt', role: role.data, teamId: team.data };
}

/** Builds the verifier once (keys imported, JWKS cached by jose); null when JWT is not configured. */
export async function createJwtVerifier(c: JwtConfig): Promise<JwtVerifier | null> {
  if (!c.secret && !c.jwksUrl && !c.publicKey) return null;
  const { key, algorithms } = await keyFor(c);
  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, key, {
        algorithms,
        ...(c.issuer ? { issuer: c.issuer } : {}),
        ...(c.audience ? { audience: c.audience } : {}),
      });
      return toPrincipal(payload, c);
    } catch (e) {
      if (e instanceof ServerError) throw e;
      if (e instanceof errors.JWTExpired) throw new ServerError('AUTH_EXPIRED', 'the token has expired');
      // jose's reason (bad signature, wrong algorithm, malformed) helps; it never contains the token.
      throw new ServerError('AUTH_INVALID', `the token was rejected: ${(e as Error).message}`);
    }
  };
}
