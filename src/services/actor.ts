// Who is acting: the account behind a token or a session, and from where; and the one guard every
// use case opens with, the role check.
import { AppError } from '#domain/errors.ts';
import type { Role } from '#domain/programmes.ts';

export interface Actor {
  accountId: string;
  role: Role;
  organisationId: string | null;
  /** The caller's address, for the audit log. */
  ip?: string | null;
}

/**
 * Goes on only for an actor whose role is in `roles` (a list of src/domain/programmes.ts:
 * ADMIN_ROLES, STAFF_ROLES…); anyone else is refused with 403 `forbidden`, before anything is read
 * or written. `message` says who may, in the API's English (by default: « admins only »).
 */
export function requireRole(actor: Actor, roles: readonly Role[], message = `${roles.map((r) => `${r.replace('_', ' ')}s`).join(', ')} only`): void {
  if (!roles.includes(actor.role)) throw new AppError('forbidden', message);
}
