/**
 * @module Audit for the DataManager: a mutation runs, then one record says who did it and how it
 * ended (success, or error with its code); a failing audit write never hides the mutation's error.
 */
import type { Actor } from '../jobs/index.js';
import { isCodedError } from '../errors.js';
import { recordAudit, TEAM_ID_PATTERN, type Db } from '../store/index.js';

export interface AuditWhat {
  teamId: string;
  action: string;
  resource: string;
  details?: Record<string, unknown>;
}

export function actorFields(actor: Actor): {
  actor: string;
  actorRole?: string | null;
  requestId?: string | null;
  ip?: string | null;
} {
  return typeof actor === 'string' ? { actor } : actor;
}

export async function audit(
  db: Db,
  actor: Actor,
  what: AuditWhat,
  outcome: 'success' | 'error',
  extra: Record<string, unknown> = {},
): Promise<void> {
  // An id that is no team id cannot own a record; it is kept in the details instead.
  const valid = TEAM_ID_PATTERN.test(what.teamId);
  await recordAudit(db, {
    teamId: valid ? what.teamId : null,
    ...actorFields(actor),
    action: what.action,
    resource: what.resource,
    outcome,
    details: { ...(valid ? {} : { teamId: what.teamId.slice(0, 60) }), ...what.details, ...extra },
  });
}

/** Records that a mutation failed, with its code; never throws (the failure itself matters more). */
export async function auditFailure(db: Db, actor: Actor, what: AuditWhat, e: unknown): Promise<void> {
  const code = isCodedError(e) ? e.code : 'INTERNAL_ERROR';
  await audit(db, actor, what, 'error', { errorCode: code }).catch(() => undefined);
}

/** Runs `fn` and audits its outcome; `done` adds details from the result. */
export async function audited<T>(
  db: Db,
  actor: Actor,
  what: AuditWhat,
  fn: () => Promise<T>,
  done: (result: T) => Record<string, unknown> = () => ({}),
): Promise<T> {
  let result: T;
  try {
    result = await fn();
  } catch (e) {
    await auditFailure(db, actor, what, e);
    throw e;
  }
  await audit(db, actor, what, 'success', done(result));
  return result;
}
