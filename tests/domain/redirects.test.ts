// Specification of redirect targets taken from a caller (`?retour=`, `?suite=`): same origin only.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_REDIRECT_LENGTH, sameOriginTarget } from '../../src/domain/redirects.ts';

const ORIGIN = 'https://hebergement.example.fr';
const HOME = '/disponibilites';

describe('sameOriginTarget', () => {
  it.each([
    { input: '//evil.example', why: 'a protocol-relative URL' },
    { input: '//evil.example/placer', why: 'a protocol-relative URL with a path' },
    { input: '/\\evil.example', why: 'a backslash the parser reads as a slash' },
    { input: '\\\\evil.example', why: 'two backslashes' },
    { input: '\\/evil.example', why: 'a backslash then a slash' },
    { input: '/\t/evil.example', why: 'a tab the parser drops between the slashes' },
    { input: '/\n/evil.example', why: 'a line feed the parser drops between the slashes' },
    { input: '/\r\n/evil.example', why: 'CR LF the parser drops between the slashes' },
    { input: '\u0001//evil.example', why: 'a leading control character' },
    { input: ' //evil.example', why: 'a leading blank' },
    { input: 'https://evil.example/', why: 'an absolute URL elsewhere' },
    { input: 'http://hebergement.example.fr/', why: 'the same host over another scheme' },
    { input: 'https://hebergement.example.fr:8443/', why: 'the same host on another port' },
    { input: 'https://hebergement.example.fr.evil.example/', why: 'a host that only starts like ours' },
    { input: 'https://user:pass@hebergement.example.fr/', why: 'credentials in the URL' },
    { input: 'javascript:alert(1)', why: 'a javascript: URL' },
    { input: 'JaVaScRiPt:alert(1)', why: 'a javascript: URL in mixed case' },
    { input: 'java\tscript:alert(1)', why: 'a javascript: URL split by a tab' },
    { input: 'data:text/html,<script>alert(1)</script>', why: 'a data: URL' },
    { input: '/.//evil.example', why: 'a dot segment that leaves a path starting with //' },
    { input: '/a/..//evil.example', why: 'a double-dot segment that leaves a path starting with //' },
    { input: 'http://[::1', why: 'a URL that does not parse' },
    { input: '', why: 'an empty value' },
    { input: `/${'a'.repeat(MAX_REDIRECT_LENGTH)}`, why: 'a very long value' },
    { input: `/${'é'.repeat(MAX_REDIRECT_LENGTH / 2)}`, why: 'a value that grows past the limit once serialised' }
  ])('falls back to the home for $why', ({ input }) => {
    expect.hasAssertions();
    expect(sameOriginTarget(input, ORIGIN, HOME)).toBe(HOME);
  });

  it.each([null, undefined, 42, ['/placer'], { toString: () => '/placer' }])('falls back to the home for a value that is not a string (%s)', (input) => {
    expect.hasAssertions();
    expect(sameOriginTarget(input, ORIGIN, HOME)).toBe(HOME);
  });

  it.each([
    { input: '/', want: '/' },
    { input: '/planning', want: '/planning' },
    { input: '/placer?start=2026-12-01&end=2026-12-04#resultat', want: '/placer?start=2026-12-01&end=2026-12-04#resultat' },
    { input: 'https://hebergement.example.fr/menages?q=martin', want: '/menages?q=martin' },
    { input: 'HTTPS://HEBERGEMENT.example.fr/admin', want: '/admin' },
    { input: '%2F%2Fevil.example', want: '/%2F%2Fevil.example' },
    { input: '/%2F%2Fevil.example', want: '/%2F%2Fevil.example' },
    { input: '/%0d%0aSet-Cookie:%20a=b', want: '/%0d%0aSet-Cookie:%20a=b' },
    { input: '/x\r\nSet-Cookie: a=b', want: '/xSet-Cookie:%20a=b' },
    { input: '/../../etc/passwd', want: '/etc/passwd' },
    { input: '/ménages', want: '/m%C3%A9nages' }
  ])('keeps $input as the path $want on this origin', ({ input, want }) => {
    expect.hasAssertions();
    expect(sameOriginTarget(input, ORIGIN, HOME)).toBe(want);
  });

  it('whatever the input, answers a path of this origin, with no control character or blank, never //host, and stable when resolved again', () => {
    expect.hasAssertions();
    const pieces = fc.constantFrom('/', '//', '\\', '\t', '\r', '\n', '\u0000', ' ', '.', '..', '%2F', '%0d%0a', ':', '@', '?', '#', 'evil.example', 'https:', 'javascript:', 'placer', 'é');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 12 }).map((p) => p.join('')), (input) => {
        const target = sameOriginTarget(input, ORIGIN, HOME);
        expect(target.startsWith('/')).toBe(true);
        expect(target.startsWith('//')).toBe(false);
        expect(target).not.toMatch(/[\u0000-\u001f\u007f ]/);
        expect(target.split(/[?#]/)[0]).not.toContain('\\');
        expect(new URL(target, ORIGIN).origin).toBe(ORIGIN);
        expect(sameOriginTarget(target, ORIGIN, HOME)).toBe(target);
      }),
      { numRuns: 2000 }
    );
  });
});
