// Accounts, API tokens, signing in, one's own password and second factor, and the security settings.
// The pages' form actions parse with them (the command line checks the same rules in the services).
// Roles come from the domain; the password rule (length, strength) lives in the services.
import { z } from 'zod';
import { ROLES } from '#domain/programmes.ts';
import { email, isoDate, text } from './common.ts';

export const role = z.enum(ROLES).meta({ description: 'A staff or partner role' });
const id = z.string().trim().min(1).max(100);
/**
 * A password exactly as typed, spaces included (`verbatim`: the pages' form helper does not trim
 * it); its rule (12 to 200 characters, hard to guess) is the service's.
 */
const password = z.string().max(1000).meta({ verbatim: true });
const organisation = z.string().trim().max(200).optional();

/** An admin creates a sign-in account with an initial password. */
export const signInAccountInput = z.object({
  email: email.max(200),
  name: z.string().trim().max(200).optional(),
  role,
  organisation,
  password
});

/** An admin creates an account that uses the API with a token. */
export const tokenAccountInput = z.object({ name: text(200), role, organisation });

export const accountRef = z.object({ accountId: id });
export const accountRoleInput = z.object({ accountId: id, role });
export const accountStateInput = z.object({ accountId: id, enabled: z.boolean() });
export const oneTimePasswordInput = z.object({ accountId: id, password });
export const tokenRef = z.object({ tokenId: id });
/** The roles that must sign in with a second factor (a settings form: every checked role). */
export const totpRolesInput = z.object({ roles: z.array(role).max(ROLES.length) });

/** The sign-in form's first step: an email and a password (a wrong one is a refusal, not a field error). */
export const signInInput = z.object({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(1000).meta({ verbatim: true }),
  suite: z.string().optional().meta({ description: 'Where to go once signed in (this site only)' })
});
/** The sign-in form's second step: the code of the second factor, or a recovery code. */
export const signInCodeInput = z.object({ code: z.string().trim().max(100), suite: z.string().optional() });

/** /compte: one's own new password, typed twice. */
export const passwordChangeInput = z
  .object({ current: password, next: password, confirm: password })
  .refine((p) => p.next === p.confirm, { path: ['confirm'], message: 'mismatch' });
/** /compte: the code that confirms a second factor's enrolment. */
export const totpCodeInput = z.object({ code: z.string().trim().max(100) });

/** The audit log's filters (a query string). */
export const auditQuery = z.object({
  action: z.string().trim().max(100).optional(),
  entity: z.string().trim().max(100).optional(),
  entityId: z.string().trim().max(100).optional(),
  from: isoDate.optional(),
  to: isoDate.optional()
});
