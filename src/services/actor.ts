// Who is acting: the account behind a token or a session, and from where.
import type { Role } from '#domain/programmes.ts';

export interface Actor {
  accountId: string;
  role: Role;
  organisationId: string | null;
  /** The caller's address, for the audit log. */
  ip?: string | null;
}
