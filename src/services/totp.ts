// The TOTP second factor (RFC 6238, as authenticator apps expect: SHA-1, 6 digits, 30 s) and the
// recovery codes. A code is accepted within one step either side (clock drift) and only for a time
// step later than the last one accepted, so that a code seen over a shoulder cannot be replayed.
import { randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import { sha256 } from './digest.ts';

const ISSUER = 'Hébergement CIAS Lunel';
const PERIOD = 30;

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totp(secret: string, label: string): TOTP {
  return new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: Secret.fromBase32(secret) });
}

/** The `otpauth://` URI an authenticator app reads (label: the account's email). */
export function totpUri(secret: string, label: string): string {
  return totp(secret, label).toString();
}

/** The enrolment QR code as an SVG document, drawn on the server (no script needed to show it). */
export function totpQrSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

/** The code for a time (tests, and nothing else). */
export function totpCodeAt(secret: string, ms: number): string {
  return totp(secret, 'x').generate({ timestamp: ms });
}

/**
 * The time step of `code` when it is valid at `ms` (within one step either side) and later than
 * `lastStep`; otherwise null.
 */
export function acceptedTotpStep(secret: string, code: string, ms: number, lastStep: number | null): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totp(secret, 'x').validate({ token: code, timestamp: ms, window: 1 });
  if (delta === null) return null;
  const step = Math.floor(ms / 1000 / PERIOD) + delta;
  return lastStep !== null && step <= lastStep ? null : step;
}

export function currentTotpStep(ms: number): number {
  return Math.floor(ms / 1000 / PERIOD);
}

// Recovery codes: 16 characters of an alphabet without look-alikes (80 bits), shown in groups of 4.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const RECOVERY_CODE_COUNT = 10;

export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    let s = '';
    for (let i = 0; i < 16; i++) s += ALPHABET[randomInt(ALPHABET.length)];
    return s.match(/.{4}/g)!.join('-');
  });
}

/** What a typed code looks like once spaces and dashes are dropped and letters upper-cased. */
export function normaliseCode(code: string): string {
  return code.replace(/[\s-]/g, '').toUpperCase();
}

/** A recovery code's stored form: its SHA-256 (80 random bits need no slow hash). */
export function digestRecoveryCode(code: string): string {
  return sha256(normaliseCode(code));
}

export function looksLikeRecoveryCode(code: string): boolean {
  return new RegExp(`^[${ALPHABET}]{16}$`).test(normaliseCode(code));
}
