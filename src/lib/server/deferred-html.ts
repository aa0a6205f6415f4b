// A page's one large piece of HTML (the planning grid's body: some 90,000 characters), written into
// the page after SvelteKit has rendered the rest, by the hook's transformPageChunk.
//
// Why: V8 keeps a string one byte a character while every character is Latin-1, two bytes as soon as
// one is not (’ — in the words, a name in another script). A page of 110,000 characters held as two
// bytes a character is over V8's 128 KiB limit for ordinary objects: each whole copy of it (SvelteKit
// copies the page once to apply transformPageChunk and once more to hash it for the ETag) is then
// a large object of its own, which cost about 1 ms of CPU each on the service's machine, more than
// the rendering of the page's own parts. Written one byte a character it stays under the limit, and
// those copies cost some microseconds.
//
// So the page renders a marker where the piece goes (`deferHtml`); the hook, on the small page
// around it, sets the language, writes every character beyond Latin-1 as a character reference
// (the browser shows the same text), and puts the piece, one byte a character already, in the
// marker's place (`spliceDeferredHtml`).

import { oneByteString } from '$lib/one-byte';

/** What the page renders where the deferred piece goes. */
export const DEFERRED_HTML_MARKER = '<!--deferred-html-->';

/**
 * Keeps `html` (which must hold only Latin-1 characters: write others as character references)
 * for the hook to put into the page, and returns the marker to render in its place. One piece a
 * request: a second call replaces the first.
 */
export function deferHtml(locals: { deferredHtml?: string }, html: string): string {
	locals.deferredHtml = html;
	return DEFERRED_HTML_MARKER;
}

// A character beyond Latin-1, or a whole <script> or <style> element (its text is not HTML: a
// character reference there would be read literally, so it is left as it is).
const BEYOND_LATIN1 = /<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>|[^\x00-\xff]/giu;

const HAS_BEYOND_LATIN1 = /[^\x00-\xff]/u;

/**
 * The page's HTML with every character beyond Latin-1 outside scripts and styles written as a
 * character reference, held one byte a character (unless a script or style holds such a character:
 * then as it is, only slower to copy).
 */
export function latin1Html(html: string): string {
	let keptBeyond = false;
	const out = html.replace(BEYOND_LATIN1, (m) => {
		if (m.charCodeAt(0) !== 60) return `&#${m.codePointAt(0)};`;
		if (HAS_BEYOND_LATIN1.test(m)) keptBeyond = true;
		return m;
	});
	return keptBeyond ? out : oneByteString(out);
}

/**
 * The rendered page with the deferred piece in the marker's place, everything else one byte a
 * character. Without a piece or a marker (an error page rendered instead), the page as it is.
 */
export function spliceDeferredHtml(page: string, deferred: string | undefined): string {
	if (deferred === undefined) return page;
	const at = page.indexOf(DEFERRED_HTML_MARKER);
	if (at < 0) return page;
	return latin1Html(page.slice(0, at)) + deferred + latin1Html(page.slice(at + DEFERRED_HTML_MARKER.length));
}
