// Raw HTTP against the web app for tests that post forms or ask for exact paths: a signed-in
// session per role made directly through the session table (no password hashing), and requests
// whose path is sent byte for byte (fetch would normalise `/./`, `//` and the like first).
import { createHash, randomBytes } from 'node:crypto';
import { request } from 'node:http';
import type { Db } from '../../db/client.ts';
import { insertSession } from '../../db/queries/sessions.ts';
import { nowMs } from '../../src/services/clock.ts';
import type { Role } from '../../src/domain/programmes.ts';
import { SESSION_COOKIE } from '../../src/services/sessions.ts';

/** Who posts: one of the roles, or nobody signed in. */
export type Caller = Role | 'anonymous';
export const CALLERS: readonly Caller[] = ['admin', 'duty_officer', 'housing_officer', 'residence_officer', 'partner', 'anonymous'];

/** A new session for the first enabled account of `role` (the demo's), as the cookie header to send. */
export function sessionCookie(db: Db, role: Role): string {
  const account = db.$client.prepare('SELECT id FROM accounts WHERE role = ? AND email IS NOT NULL AND disabled_at IS NULL ORDER BY created_at LIMIT 1').get(role) as { id: string } | undefined;
  if (!account) throw new Error(`no sign-in account with role ${role}`);
  const token = randomBytes(32).toString('base64url');
  insertSession(db, createHash('sha256').update(token, 'utf8').digest('hex'), account.id, nowMs());
  return `${SESSION_COOKIE}=${token}`;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Sends one request with `path` exactly as given (no normalisation), and reads the whole answer. */
export function rawRequest(baseUrl: string, method: string, path: string, options: { headers?: Record<string, string>; body?: string } = {}): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port: Number(port), method, path, headers: { ...options.headers, ...(options.body !== undefined ? { 'content-length': Buffer.byteLength(options.body) } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/**
 * HTML with its numeric character references to characters beyond Latin-1 read as a browser reads
 * them (never one of `<>&"'`): the planning writes ’, — and any such character that way, so that its
 * large page stays one byte a character in V8 (src/lib/server/deferred-html.ts).
 */
export function readBeyondLatin1(html: string): string {
  return html.replace(/&#(\d+);/g, (ref, code: string) => (Number(code) > 0xff && Number(code) <= 0x10ffff ? String.fromCodePoint(Number(code)) : ref));
}

/** The fields of a form; a list sends the field once per value (checkboxes of one name). */
export type FormFields = Record<string, string | readonly string[]>;

/** Posts a form as a browser would (same origin, HTML accepted), without following the redirect. */
export function postForm(baseUrl: string, path: string, form: FormFields, cookie: string | null): Promise<RawResponse> {
  const headers: Record<string, string> = {
    origin: baseUrl,
    accept: 'text/html',
    'content-type': 'application/x-www-form-urlencoded'
  };
  if (cookie) headers.cookie = cookie;
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(form)) for (const v of typeof value === 'string' ? [value] : value) body.append(name, v);
  return rawRequest(baseUrl, 'POST', path, { headers, body: body.toString() });
}
