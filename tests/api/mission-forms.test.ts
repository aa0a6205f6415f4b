// The housing mission's forms are checked by the schema of their use case, the one the API uses,
// and by the same service rules: what the API refuses, the page refuses too (and the other way
// round), beside the field at fault, with nothing written. Euros are typed as people type them
// (« 650 », « 650,50 », « 1 200 ») and reach the service in cents. Posted over real HTTP, as a
// browser without JavaScript would, to the built web app on a demo database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/dates.ts';
import { createAccountWithToken } from '../../src/services/accounts.ts';
import { today } from '../../src/services/clock.ts';
import { startWebApp, type WebApp } from '../e2e/_web.ts';
import { postForm, sessionCookie, type FormFields } from '../support/web-sessions.ts';

let web: WebApp;
let cookie: string;
let token: string;
let landlordId: string;
let n = 0;
const serial = () => ++n;

beforeAll(async () => {
  web = await startWebApp();
  cookie = sessionCookie(web.db, 'housing_officer');
  token = createAccountWithToken(web.db, { name: 'Mission forms', role: 'housing_officer' }).token;
  landlordId = (web.db.$client.prepare('SELECT id FROM landlords ORDER BY created_at LIMIT 1').get() as { id: string }).id;
});
afterAll(async () => {
  await web?.close();
});

const count = (sql: string, ...args: unknown[]) => (web.db.$client.prepare(sql).get(...args) as { n: number }).n;

function applicantForm(over: FormFields = {}): FormFields {
  return {
    label: `Famille Formulaire ${serial()}`,
    persons: '3',
    maxRent: '650',
    yearlyIncome: '18000',
    communes: ['Lunel'],
    otherCommunes: '',
    neededFrom: addDays(today(), 30),
    waitingSince: addDays(today(), -60),
    situation: 'elsewhere',
    emergencyStayEnd: '',
    ...over
  };
}

function offerForm(over: FormFields = {}): FormFields {
  return {
    landlordId,
    landlordName: '',
    landlordPhone: '',
    commune: 'Lunel',
    address: `${serial()} rue des Formulaires`,
    typology: 'T3',
    surfaceM2: '62',
    capacity: '4',
    rent: '600',
    charges: '50',
    availableFrom: addDays(today(), 30),
    availableUntil: '',
    scheme: 'none',
    locAvantagesLevel: '',
    rentCap: '',
    incomeCeiling: '',
    energyRating: 'C',
    photoUrl: '',
    ...over
  };
}

async function api(path: string, body: unknown) {
  const res = await web.app.inject({ method: 'POST', url: `/api/v1${path}`, headers: { authorization: `Bearer ${token}` }, payload: body as Record<string, unknown> });
  return { status: res.statusCode, body: res.json() as { errors?: { path: string }[] } };
}

describe('the applicant form', () => {
  it('reads euros as typed, the communes ticked and typed, and a date written JJ/MM/AAAA', async () => {
    const form = applicantForm({ maxRent: '1 200,50', yearlyIncome: '18 000 €', otherCommunes: 'Mauguio, Lansargues', waitingSince: '04/01/2016' });
    const res = await postForm(web.url, '/mission/candidats/nouveau', form, cookie);
    expect(res.status).toBe(303);
    const row = web.db.$client.prepare('SELECT max_rent_cents AS rent, yearly_income_cents AS income, communes, waiting_since AS since FROM applicants WHERE label = ?').get(form.label) as Record<string, unknown>;
    expect(row).toEqual({ rent: 120050, income: 1800000, communes: '["Lunel","Mauguio","Lansargues"]', since: '2016-01-04' });
  });

  // Each refused by the page beside its field, nothing written; the same value refused by the API.
  it.each<{ rule: string; form: FormFields; field: string; status: number; api?: { path: string; body: Record<string, unknown> } }>([
    { rule: 'more persons than the API allows (50)', form: { persons: '60' }, field: 'persons', status: 400, api: { path: 'persons', body: { persons: 60 } } },
    { rule: 'no label', form: { label: '' }, field: 'label', status: 400, api: { path: 'label', body: { label: '' } } },
    { rule: 'a rent that is not an amount', form: { maxRent: 'beaucoup' }, field: 'maxRent', status: 400 },
    { rule: 'a rent above the API’s ceiling', form: { maxRent: '1000000' }, field: 'maxRent', status: 400, api: { path: 'maxRentCents', body: { maxRentCents: 100_000_000 } } },
    { rule: 'a situation not offered', form: { situation: 'castle' }, field: 'situation', status: 400, api: { path: 'situation', body: { situation: 'castle' } } },
    { rule: 'a date that does not exist', form: { neededFrom: '2027-02-30' }, field: 'neededFrom', status: 422, api: { path: 'neededFrom', body: { neededFrom: '2027-02-30' } } },
    {
      rule: 'waiting since a day after today (a rule of the service: the API refuses it too)',
      form: { waitingSince: addDays(today(), 1) },
      field: 'waitingSince',
      status: 422,
      api: { path: 'waitingSince', body: { waitingSince: addDays(today(), 1) } }
    }
  ])('$rule', async ({ form, field, status, api: apiCase }) => {
    const before = count('SELECT count(*) AS n FROM applicants');
    const posted = applicantForm(form);
    const res = await postForm(web.url, '/mission/candidats/nouveau', posted, cookie);
    expect(res.status).toBe(status);
    expect(res.body).toContain(`id="f-${field}-error"`);
    expect(count('SELECT count(*) AS n FROM applicants')).toBe(before);
    if (apiCase) {
      const body = { label: `Famille API ${serial()}`, persons: 2, accessibleNeeded: false, maxRentCents: 70000, yearlyIncomeCents: 1500000, communes: [], neededFrom: addDays(today(), 30), waitingSince: addDays(today(), -60), situation: 'elsewhere', ...apiCase.body };
      const answer = await api('/applicants', body);
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
      // The schema's refusals name the body's fields (`body.persons`), the service's the field itself.
      expect(answer.body.errors?.map((e) => e.path.replace(/^body\./, ''))).toContain(apiCase.path);
      expect(count('SELECT count(*) AS n FROM applicants')).toBe(before);
    }
  });
});

describe('the offer form', () => {
  it('reads the rent and the charges in euros as typed', async () => {
    const form = offerForm({ rent: '650,50', charges: '1 049.9' });
    const res = await postForm(web.url, '/mission/offres/nouvelle', form, cookie);
    expect(res.status).toBe(303);
    expect(web.db.$client.prepare('SELECT rent_cents AS rent, charges_cents AS charges FROM offers WHERE address = ?').get(form.address)).toEqual({ rent: 65050, charges: 104990 });
  });

  it.each<{ rule: string; form: FormFields; field: string; status: number }>([
    { rule: 'more persons than the API allows (50)', form: { capacity: '60' }, field: 'capacity', status: 400 },
    { rule: 'a surface that is not a whole number', form: { surfaceM2: '45,5' }, field: 'surfaceM2', status: 400 },
    { rule: 'a rent that is not an amount', form: { rent: '650,505' }, field: 'rent', status: 400 },
    { rule: 'no energy rating', form: { energyRating: '' }, field: 'energyRating', status: 400 },
    { rule: 'a period that ends before it starts (a rule of the service)', form: { availableUntil: addDays(today(), 10) }, field: 'availableUntil', status: 400 },
    { rule: 'Loc’Avantages without its level (a rule of the service)', form: { scheme: 'loc_avantages' }, field: 'locAvantagesLevel', status: 400 }
  ])('$rule: refused beside the field, nothing written', async ({ form, field, status }) => {
    const before = count('SELECT count(*) AS n FROM offers');
    const res = await postForm(web.url, '/mission/offres/nouvelle', offerForm(form), cookie);
    expect(res.status).toBe(status);
    expect(res.body).toContain(`id="f-${field}-error"`);
    expect(count('SELECT count(*) AS n FROM offers')).toBe(before);
  });

  it('a new landlord typed with an offer refused is not created', async () => {
    const name = `M. Formulaire ${serial()}`;
    const res = await postForm(web.url, '/mission/offres/nouvelle', offerForm({ landlordId: '', landlordName: name, capacity: '0' }), cookie);
    expect(res.status).toBe(400);
    expect(res.body).toContain('id="f-capacity-error"');
    expect(count('SELECT count(*) AS n FROM landlords WHERE name = ?', name)).toBe(0);
  });

  it('a new landlord’s name longer than the schema allows is refused beside its field', async () => {
    const res = await postForm(web.url, '/mission/offres/nouvelle', offerForm({ landlordId: '', landlordName: 'x'.repeat(201) }), cookie);
    expect(res.status).toBe(400);
    expect(res.body).toContain('id="f-landlordName-error"');
  });
});

describe('the landlord form', () => {
  it.each<{ rule: string; form: FormFields; field: string }>([
    { rule: 'no name', form: { name: '' }, field: 'name' },
    { rule: 'an email that is not one', form: { email: 'roux-at-example' }, field: 'email' },
    { rule: 'notes longer than 500 characters', form: { notes: 'x'.repeat(501) }, field: 'notes' }
  ])('$rule: refused beside the field, nothing written', async ({ form, field }) => {
    const before = count('SELECT count(*) AS n FROM landlords');
    const res = await postForm(web.url, '/mission/bailleurs?/create', { name: `Mme Formulaire ${serial()}`, phone: '', email: '', notes: '', ...form }, cookie);
    expect(res.status).toBe(400);
    expect(res.body).toContain(`id="l-${field}-error"`);
    expect(count('SELECT count(*) AS n FROM landlords')).toBe(before);
  });
});

describe('the mission’s reasons', () => {
  // A withdrawal's reason and a refusal's reason are reasons like any other: 500 characters at most.
  it('a withdrawal reason of 501 characters is refused and changes nothing; 500 is taken', async () => {
    const created = await api('/offers', { landlordId, commune: 'Lunel', address: `${serial()} rue des Raisons`, typology: 'T2', surfaceM2: 45, capacity: 3, accessible: false, rentCents: 50000, chargesCents: 4000, availableFrom: addDays(today(), 30), availableUntil: null, scheme: 'none', energyRating: 'C' });
    expect(created.status).toBe(201);
    const id = (created.body as unknown as { id: string }).id;
    const refused = await api(`/offers/${id}/withdraw`, { reason: 'x'.repeat(501) });
    expect(refused.status).toBe(400);
    expect(refused.body.errors?.map((e) => e.path)).toEqual(['body.reason']);
    expect(count("SELECT count(*) AS n FROM offers WHERE id = ? AND status = 'withdrawn'", id)).toBe(0);
    const taken = await api(`/offers/${id}/withdraw`, { reason: 'x'.repeat(500) });
    expect(taken.status).toBe(200);
  });

  it('a proposal move’s reason of 501 characters is refused', async () => {
    const res = await web.app.inject({ method: 'POST', url: '/api/v1/proposals/none/status', headers: { authorization: `Bearer ${token}` }, payload: { status: 'refused_by_household', reason: 'x'.repeat(501) } });
    expect(res.statusCode).toBe(400);
    expect((res.json() as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(['body.reason']);
  });
});
