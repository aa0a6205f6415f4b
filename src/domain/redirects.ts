// Where a redirect built from a caller's input may go: only somewhere on the service's own origin.

/** Longer targets are refused outright: no page of the service needs one, and headers have limits. */
export const MAX_REDIRECT_LENGTH = 2048;

/**
 * The target of a redirect asked for by a caller (`?retour=`, `?suite=`…), made safe: `input` is
 * resolved with the URL parser against `origin`, exactly as a browser would resolve it, and kept
 * only when it stays on that origin; the answer is then its path, query and fragment as the parser
 * serialises them (no control character, no backslash, never `//host`). Anything else (another
 * host, another scheme, `javascript:`, a value that does not parse, an empty or over-long one,
 * something that is not a string) gives `fallback`, the caller's home.
 */
export function sameOriginTarget(input: unknown, origin: string, fallback: string): string {
  if (typeof input !== 'string' || input.length === 0 || input.length > MAX_REDIRECT_LENGTH) return fallback;
  let base: URL;
  let url: URL;
  try {
    base = new URL(origin);
    url = new URL(input, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base.origin || url.username !== '' || url.password !== '') return fallback;
  const target = url.pathname + url.search + url.hash;
  // A path such as `/.//evil.example` resolves on this origin to the path `//evil.example`, which a
  // browser reading it in a Location header takes for another host: never answer one.
  if (!target.startsWith('/') || target.startsWith('//') || target.length > MAX_REDIRECT_LENGTH) return fallback;
  return target;
}
