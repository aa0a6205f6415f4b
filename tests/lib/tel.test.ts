// A phone number as people write it, turned into the `tel:` link a phone can call: one rule, in
// $lib/format, for every page that shows a number. Every expected value is written out by hand.
import { describe, expect, it } from 'vitest';
import { telHref } from '../../src/lib/format.ts';

describe('telHref', () => {
  it.each([
    { rule: 'a French number in pairs', phone: '04 67 00 00 00', href: 'tel:0467000000' },
    { rule: 'a mobile written with dots', phone: '06.12.34.56.78', href: 'tel:0612345678' },
    { rule: 'dashes and brackets', phone: '(04) 67-12-34-56', href: 'tel:0467123456' },
    { rule: 'an international number keeps its plus', phone: '+33 4 67 00 00 00', href: 'tel:+33467000000' },
    { rule: 'a plus elsewhere than in front is dropped', phone: '04 67 00 + 00 00', href: 'tel:0467000000' },
    { rule: 'words around the number', phone: '06 12 34 56 78 (portable)', href: 'tel:0612345678' },
    { rule: 'no-break spaces', phone: '04\u00a067\u202f00 00 00', href: 'tel:0467000000' },
    { rule: 'spaces around', phone: '  0467000000  ', href: 'tel:0467000000' },
    { rule: 'empty (erased by retention): nothing to call', phone: '', href: null },
    { rule: 'only spaces: nothing to call', phone: '   ', href: null },
    { rule: 'no digit at all: nothing to call', phone: 'inconnu', href: null },
    { rule: 'a plus alone: nothing to call', phone: '+', href: null },
    { rule: 'absent: nothing to call', phone: null, href: null }
  ])('$rule: « $phone » → $href', ({ phone, href }) => {
    expect.hasAssertions();
    expect(telHref(phone)).toBe(href);
  });
});
