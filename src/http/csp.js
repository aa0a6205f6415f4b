// The Content-Security-Policy of everything the service shows in a browser, in one place: SvelteKit
// applies it to the pages (svelte.config.js, adding the hash or nonce of its own inline script), and
// the Fastify app sends it with the API's documentation (src/http/app.ts). Plain JavaScript so
// that svelte.config.js can import it. Keywords are written bare, as kit.csp wants them.

/** @type {Record<string, string[]>} */
export const CSP_DIRECTIVES = {
  'default-src': ['self'],
  'script-src': ['self'],
  // app.html carries an inline style; nothing else needs it.
  'style-src': ['self', 'unsafe-inline'],
  'img-src': ['self', 'data:'],
  'object-src': ['none'],
  'base-uri': ['self'],
  'frame-ancestors': ['none'],
  'form-action': ['self']
};

const KEYWORDS = new Set(['self', 'none', 'unsafe-inline', 'unsafe-eval', 'strict-dynamic', 'unsafe-hashes', 'report-sample', 'wasm-unsafe-eval']);

/**
 * The policy as a header value, with keywords quoted; `overrides` replaces whole directives.
 * @param {Record<string, string[]>} [overrides]
 * @returns {string}
 */
export function cspHeader(overrides = {}) {
  return Object.entries({ ...CSP_DIRECTIVES, ...overrides })
    .map(([name, sources]) => `${name} ${sources.map((s) => (KEYWORDS.has(s) ? `'${s}'` : s)).join(' ')}`)
    .join('; ');
}
