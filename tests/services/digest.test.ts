// The one SHA-256 helper: the published test vectors, in hex and base64url.
import { createHash } from 'node:crypto';
import { expect, test } from 'vitest';
import { sha256 } from '../../src/services/digest.ts';

test.each([
  ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
  ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  ['é', createHash('sha256').update(Buffer.from([0xc3, 0xa9])).digest('hex')]
])('sha256(%j) is the SHA-256 of its UTF-8 bytes', (text, hex) => {
  expect(sha256(text)).toBe(hex);
  expect(sha256(text, 'base64url')).toBe(Buffer.from(hex, 'hex').toString('base64url'));
});
