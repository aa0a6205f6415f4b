// A form posted after its session ended is kept for its account, to be given back after sign-in:
// which fields may be kept, how much, and how long. Secrets are never kept.

/** How long a kept form waits for its account to sign in again. */
export const FORM_STASH_MS = 15 * 60_000;

/** At most this many fields and characters in all (a form of the service is far smaller). */
export const FORM_STASH_MAX_FIELDS = 200;
export const FORM_STASH_MAX_CHARS = 64_000;

// Passwords, second-factor and recovery codes, tokens and any anti-forgery field: never kept.
const SECRET = /pass|secret|token|csrf|xsrf|totp|recovery|^code$|^challenge$/i;

/** True for a field that is never kept (a password, a code, a token). */
export function isNeverStashed(name: string): boolean {
  return SECRET.test(name);
}

/**
 * The fields of a posted form that may be kept, in their order (a name posted twice keeps both
 * values); null when nothing is left to keep or the form is larger than any of the service's.
 */
export function stashableFields(fields: readonly (readonly [string, string])[]): [string, string][] | null {
  const kept = fields.filter(([name]) => !isNeverStashed(name)).map(([n, v]) => [n, v] as [string, string]);
  const chars = kept.reduce((sum, [n, v]) => sum + n.length + v.length, 0);
  if (kept.length === 0 || kept.length > FORM_STASH_MAX_FIELDS || chars > FORM_STASH_MAX_CHARS) return null;
  return kept;
}
