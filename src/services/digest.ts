// SHA-256 of a text (UTF-8), for what is stored or compared as a digest: API tokens, session
// tokens, recovery codes, ETags. Not for passwords (argon2id, in accounts.ts).
import { createHash } from 'node:crypto';

export function sha256(text: string, encoding: 'hex' | 'base64url' = 'hex'): string {
  return createHash('sha256').update(text, 'utf8').digest(encoding);
}
