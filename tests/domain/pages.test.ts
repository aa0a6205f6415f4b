// Which role may open which page (src/domain/pages.ts): the social residence's pages as a table.
// Partners file and follow their organisation's applications at /residence/demandes and open
// nothing else of the residence; the residence's readers open all of it.
import { describe, expect, it } from 'vitest';
import { canOpenPage, isPublicPath } from '../../src/domain/pages.ts';
import { ROLES, type Role } from '../../src/domain/programmes.ts';

const READERS: readonly Role[] = ['admin', 'duty_officer', 'housing_officer', 'residence_officer'];
const PAGES: { path: string; roles: readonly Role[] }[] = [
  { path: '/residence/demandes', roles: ROLES },
  { path: '/residence/demandes/[id]', roles: ROLES },
  { path: '/residence', roles: READERS },
  { path: '/residence/commissions', roles: READERS },
  { path: '/residence/commissions/[id]', roles: READERS },
  { path: '/residence/commissions/[id]/proces-verbal', roles: READERS },
  // A path that only starts like the partners' page is not it.
  { path: '/residence/demandes-archives', roles: READERS }
];

describe('the social residence’s pages × every role', () => {
  for (const { path, roles } of PAGES) {
    for (const role of ROLES) {
      const may = roles.includes(role);
      it(`${path}: ${role} ${may ? 'may' : 'may not'} open it`, () => {
        expect(canOpenPage(role, path)).toBe(may);
      });
    }
  }
});

// The staff reports are staff's; the public report is everyone's. A partner never reaches a staff
// report through a path that only starts like the public one, nor through a table's CSV.
const STAFF: readonly Role[] = ['admin', 'duty_officer', 'housing_officer', 'residence_officer'];
const REPORT_PAGES: { path: string; roles: readonly Role[] }[] = [
  { path: '/rapports', roles: STAFF },
  { path: '/rapports/imprimer', roles: STAFF },
  { path: '/rapports/[table].csv', roles: STAFF },
  { path: '/rapports/public', roles: ROLES },
  { path: '/rapports/publics', roles: STAFF },
];

describe('the reports’ pages × every role', () => {
  for (const { path, roles } of REPORT_PAGES) {
    for (const role of ROLES) {
      const may = roles.includes(role);
      it(`${path}: ${role} ${may ? 'may' : 'may not'} open it`, () => {
        expect(canOpenPage(role, path)).toBe(may);
      });
    }
  }
});

// The pages the law asks for are open to anyone: signed out (public paths) and every role. A path
// that only starts like one of them is not public.
describe('the legal pages × everyone', () => {
  for (const path of ['/accessibilite', '/mentions-legales', '/confidentialite']) {
    it(`${path} is public, and every role may open it`, () => {
      expect(isPublicPath(path)).toBe(true);
      for (const role of ROLES) expect(canOpenPage(role, path)).toBe(true);
    });
  }
  it('a path that only starts like one is not public', () => {
    expect(isPublicPath('/accessibilite-admin')).toBe(false);
    expect(isPublicPath('/confidentialites')).toBe(false);
  });
});
