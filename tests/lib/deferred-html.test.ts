// A page's large piece of HTML (the planning's grid) is put in by the hook after rendering, around a
// page written one byte a character: characters beyond Latin-1 become character references, which a
// browser reads as the same text, except inside scripts and styles, which are not HTML.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFERRED_HTML_MARKER, deferHtml, latin1Html, spliceDeferredHtml } from '../../src/lib/server/deferred-html.ts';

/** What a browser reads of numeric character references. */
const read = (html: string) => html.replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)));
const LATIN1 = /^[\x00-\xff]*$/;

describe('a deferred piece of HTML', () => {
  it('is kept on the request and stands as a marker in the page', () => {
    expect.hasAssertions();
    const locals: { deferredHtml?: string } = {};
    expect(deferHtml(locals, '<tbody></tbody>')).toBe(DEFERRED_HTML_MARKER);
    expect(locals.deferredHtml).toBe('<tbody></tbody>');
  });

  it.each([
    ['no piece deferred', '<p>Planning — Hébergement</p>' + DEFERRED_HTML_MARKER, undefined],
    ['a piece but no marker (an error page rendered instead)', '<p>Erreur — Hébergement</p>', '<tbody></tbody>']
  ])('%s: the page is left as it is', (_case, page, deferred) => {
    expect.hasAssertions();
    expect(spliceDeferredHtml(page, deferred)).toBe(page);
  });

  it('goes in the marker’s place, the page around it written in Latin-1, character references for the rest', () => {
    expect.hasAssertions();
    const page = `<html lang="fr"><head><title>Planning — Hébergement</title></head><body><a title="‹ Semaine">‹ Semaine</a><p>jusqu’à 😀</p><table>${DEFERRED_HTML_MARKER}</table><p>« fin » — ’</p></body></html>`;
    const out = spliceDeferredHtml(page, '<tbody><tr><td>Zoë &#8212;</td></tr></tbody>');
    expect(out).toBe(
      '<html lang="fr"><head><title>Planning &#8212; Hébergement</title></head><body><a title="&#8249; Semaine">&#8249; Semaine</a><p>jusqu&#8217;à &#128512;</p><table><tbody><tr><td>Zoë &#8212;</td></tr></tbody></table><p>« fin » &#8212; &#8217;</p></body></html>'
    );
    expect(out).toMatch(LATIN1);
  });

  it('leaves scripts and styles as they are: a character reference there would be read literally', () => {
    expect.hasAssertions();
    const page = `<style>.x::before { content: '⚠ —'; }</style><p>—</p><script type="module">const s = '’';</script><STYLE media="print">b::after{content:'…'}</STYLE>${DEFERRED_HTML_MARKER}`;
    expect(spliceDeferredHtml(page, '')).toBe(
      `<style>.x::before { content: '⚠ —'; }</style><p>&#8212;</p><script type="module">const s = '’';</script><STYLE media="print">b::after{content:'…'}</STYLE>`
    );
  });

  it('reads as the same text, for any text, and is Latin-1 throughout', () => {
    expect.hasAssertions();
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        // Text as the page writes it: no raw `<` (Svelte escapes it) and no `&` that could be read as a reference.
        const plain = text.replace(/[<&]/g, '');
        const out = latin1Html(plain);
        expect(out).toMatch(LATIN1);
        expect(read(out)).toBe(plain);
      })
    );
  });
});
