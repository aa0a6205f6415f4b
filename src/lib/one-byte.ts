// V8 holds a string one byte a character only while it was built from one-byte pieces: a string
// whose characters are all Latin-1 may still be held two bytes a character when it was cut from
// or replaced in a string that held a character beyond Latin-1 (a ’ or a —), and anything joined
// with it is then two bytes a character too. A page that size matters for (src/lib/server/deferred-html.ts
// says why) is passed through here once its characters are all Latin-1.

/**
 * The same text, held one byte a character, on the server (Node's Buffer); unchanged in a browser,
 * where it does not matter. Every character must be Latin-1 (U+0000–U+00FF): others would be cut.
 */
export function oneByteString(s: string): string {
	return typeof Buffer === 'function' ? Buffer.from(s, 'latin1').toString('latin1') : s;
}
