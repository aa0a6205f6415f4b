// The planning grid's body is written as one string and placed with {@html}: whatever people typed
// (a household's name, a block's reason, a site's or unit's name) must arrive as text, never as markup.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { esc, gridBodyHtml } from '../../src/lib/components/planning/grid-html.ts';
import type { Planning } from '../../src/services/planning.ts';

const nights = Array.from({ length: 7 }, (_, i) => `2027-03-0${i + 1}`);

function planningWith(text: string): Planning {
  return {
    start: '2027-03-01',
    end: '2027-03-08',
    nights,
    tonight: '2027-03-01',
    siteId: null,
    programme: null,
    canBlock: true,
    filters: { sites: [], programmes: [] },
    sites: [
      {
        id: 's1',
        name: `Site ${text}`,
        commune: `Lunel ${text}`,
        confidential: false,
        units: [
          {
            id: 'u1',
            name: `Chambre ${text}`,
            capacity: 2,
            typology: `T1 ${text}`,
            accessible: false,
            programmes: ['emergency'],
            stays: [
              { id: 'st1', start: '2027-03-01', end: '2027-03-03', realStart: '2027-03-01', realEnd: '2027-03-03', status: 'confirmed', holdExpiresAt: null, programme: 'emergency', household: { name: `Mme ${text}`, confidential: false, persons: 2 } }
            ],
            blocks: [{ id: 'b1', start: '2027-03-04', end: '2027-03-06', realStart: '2027-03-04', realEnd: '2027-03-06', reason: `Fuite ${text}`, system: null }]
          }
        ]
      }
    ]
  };
}

/** The markup's tags and attributes once every piece of text is taken out: what a browser would build. */
const skeleton = (html: string) => html.replace(/>[^<]*</g, '><').replace(/"[^"]*"/g, '""');

describe('the planning grid body as a string', () => {
  it.each([
    ['<img src=x onerror=alert(1)>'],
    ['"><script>alert(1)</script>'],
    ["O'Brien & fils"],
    ['</td></tr></tbody><tbody>']
  ])('writes %j as text in names, reasons, tooltips and labels, never as markup', (text) => {
    expect.hasAssertions();
    const html = gridBodyHtml(planningWith(text), 'fr');
    expect(skeleton(html)).toBe(skeleton(gridBodyHtml(planningWith('plain'), 'fr')));
    expect(html).toContain(`Mme ${esc(text)}`);
    expect(html).toContain(`Fuite ${esc(text)}`);
    // Nothing typed reaches the page raw: each of these holds a character that must be escaped.
    expect(html).not.toContain(text);
  });

  it('keeps the markup’s shape for any text typed', () => {
    expect.hasAssertions();
    const plain = skeleton(gridBodyHtml(planningWith('plain'), 'fr'));
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(skeleton(gridBodyHtml(planningWith(text), 'fr'))).toBe(plain);
      })
    );
  });

  // The page stays one byte a character in V8 only if the grid's body does (src/lib/server/deferred-html.ts).
  it.each(['fr', 'en'] as const)('writes every character beyond Latin-1 as a character reference, in %s: the body is Latin-1 throughout', (locale) => {
    expect.hasAssertions();
    // The words themselves hold some (« — », « ’ »), and so may anything typed.
    expect(gridBodyHtml(planningWith('plain'), locale)).toMatch(/^[\x00-\xff]*$/);
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(gridBodyHtml(planningWith(text), locale)).toMatch(/^[\x00-\xff]*$/);
      })
    );
  });

  it.each([['Łódź'], ['Ахмед — “ami”'], ['Zoë 😀 ’'], ['名前']])('shows %j as the same text, written with character references', (text) => {
    expect.hasAssertions();
    const html = gridBodyHtml(planningWith(text), 'fr');
    const read = html.replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)));
    expect(read).toContain(`<b>Mme ${text}</b>`);
    expect(read).toContain(`<b>Fuite ${text}</b>`);
    expect(read).toContain(`<span class="tip">Mme ${text} — Confirmé, `);
    expect(html).not.toContain(text);
  });
});
