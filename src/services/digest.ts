// SHA-256 of a text (UTF-8) or of bytes, for what is stored or compared as a digest: API tokens, session
// tokens, recovery codes, ETags. Not for passwords (argon2id, in accounts.ts).
import { createHash } from 'node:crypto';

export function sha256(text: string | Uint8Array, encoding: 'hex' | 'base64url' = 'hex'): string {
  const hash = createHash('sha256');
  return (typeof text === 'string' ? hash.update(text, 'utf8') : hash.update(text)).digest(encoding);
}
