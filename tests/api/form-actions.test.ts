// The role × form-action matrix: every SvelteKit form action (every key of every `export const
// actions` under routes/, found by reading the files, so a new action without a row below fails
// here) posted directly over real HTTP, as a browser would, by every role and by nobody signed in.
// A caller who may not use the action gets 403 (nobody signed in: 401, or a redirect to the
// sign-in; a role that may not even see the target: 404) and the database is left exactly as it was; a caller who may gets neither 403 nor 5xx.
// One server (the Fastify app with the SvelteKit build) on one demo database; sessions are made
// directly in the session table, and each post gets a fresh, valid target (a new hold, a new
// referral…) so that a refusal can only come from the role.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client.ts';
import { addDays } from '../../src/domain/dates.ts';
import type { Role } from '../../src/domain/programmes.ts';
import type { Actor } from '../../src/services/actor.ts';
import { createAccountWithToken, createUser } from '../../src/services/accounts.ts';
import { createBlock } from '../../src/services/blocks.ts';
import { today, tonight } from '../../src/services/clock.ts';
import { createApplicant } from '../../src/services/mission/applicants.ts';
import { createOffer, openOffer } from '../../src/services/mission/offers.ts';
import { propose } from '../../src/services/mission/proposals.ts';
import { createReferral } from '../../src/services/referrals.ts';
import { createApplication, createCommittee, decideApplication } from '../../src/services/residence/applications.ts';
import { createContract } from '../../src/services/residence/contracts.ts';
import { placeStay } from '../../src/services/stays.ts';
import { createOrganisation } from '../../src/services/territory.ts';
import { startWebApp, type WebApp } from '../e2e/_web.ts';
import { makeUnit } from '../support/fixtures.ts';
import { CALLERS, postForm, sessionCookie, type Caller, type FormFields } from '../support/web-sessions.ts';

// ---------------------------------------------------------------------------------------------
// Who may use what. Read a row as « on <route>, the action <action> may be used by <may> »; every
// other caller is refused. To add an action: add its row; to change a rule: change `may`.

const ADMIN: readonly Caller[] = ['admin'];
const STAFF: readonly Caller[] = ['admin', 'duty_officer', 'housing_officer', 'residence_officer'];
const DESK: readonly Caller[] = ['admin', 'duty_officer']; // every programme, blocks, referral decisions, reveals
const MISSION: readonly Caller[] = ['admin', 'housing_officer'];
const EVERYBODY: readonly Caller[] = CALLERS;
const SIGNED_IN: readonly Caller[] = ['admin', 'duty_officer', 'housing_officer', 'residence_officer', 'partner'];
const RESIDENCE: readonly Caller[] = ['admin', 'residence_officer'];

interface Target {
  /** The page the form posts to (its `[id]` filled in), without the `?/action`. */
  path: string;
  form: FormFields;
}

interface ActionRow {
  /** The route as SvelteKit names it: the folder under routes/, `[id]` as written. */
  route: string;
  /** The key in `export const actions` (`default` for the page's one unnamed action). */
  action: string;
  may: readonly Caller[];
  /**
   * Refused callers for whom the target does not exist: a role that does not handle a programme
   * gets 404 for a stay, household or referral it could see only through that programme.
   */
  unseen?: readonly Caller[];
  /** A fresh target that the action would accept from a caller who may use it. */
  target: () => Target;
}

const ROWS: readonly ActionRow[] = [
  // The administration: admins only (the page guard, then each service).
  { route: '/admin/blocages', action: 'create', may: ADMIN, target: () => ({ path: '/admin/blocages', form: { unitId: fx.unitE, ...range(fx.unitE), reason: 'Travaux' } }) },
  { route: '/admin/blocages', action: 'lift', may: ADMIN, target: () => ({ path: '/admin/blocages', form: { blockId: newBlock() } }) },
  { route: '/admin/comptes', action: 'create', may: ADMIN, target: () => ({ path: '/admin/comptes', form: { email: `agent-${serial()}@demo.lunel.fr`, name: 'Agent de test', role: 'duty_officer', organisation: '', password: 'cheval-agrafe-lumiere-7391' } }) },
  { route: '/admin/comptes', action: 'role', may: ADMIN, target: () => ({ path: '/admin/comptes', form: { accountId: newAccount(), role: 'housing_officer' } }) },
  { route: '/admin/comptes', action: 'state', may: ADMIN, target: () => ({ path: '/admin/comptes', form: { accountId: newAccount(), enabled: '0' } }) },
  { route: '/admin/comptes', action: 'totpRoles', may: ADMIN, target: () => ({ path: '/admin/comptes', form: { roles: [] } }) },
  { route: '/admin/comptes', action: 'requireReset', may: ADMIN, target: () => ({ path: '/admin/comptes', form: { accountId: fx.staff[0] } }) },
  { route: '/admin/comptes', action: 'oneTimePassword', may: ADMIN, target: () => ({ path: '/admin/comptes', form: { accountId: fx.staff[1], password: 'cheval-agrafe-lumiere-7391' } }) },
  { route: '/admin/comptes', action: 'resetTotp', may: ADMIN, target: () => ({ path: '/admin/comptes', form: { accountId: fx.staff[2] } }) },
  { route: '/admin/jetons', action: 'create', may: ADMIN, target: () => ({ path: '/admin/jetons', form: { name: `Jeton ${serial()}`, role: 'partner', organisation: 'Gendarmerie de Lunel' } }) },
  { route: '/admin/jetons', action: 'revoke', may: ADMIN, target: () => ({ path: '/admin/jetons', form: { tokenId: createAccountWithToken(fx.db, { name: `Jeton ${serial()}`, role: 'partner', organisation: 'Gendarmerie de Lunel' }).tokenId } }) },
  { route: '/admin/limites', action: 'save', may: ADMIN, target: () => ({ path: '/admin/limites', form: { programme: 'emergency', 'maxNights.hotel': String(10 + (serial() % 20)), 'maxNights.apartment': '', 'maxNights.residence': '', 'maxNights.private': '' } }) },
  { route: '/admin/sites', action: 'createSite', may: ADMIN, target: () => ({ path: '/admin/sites', form: { name: `Site ${serial()}`, commune: 'Lunel', address: '2 rue de la Paix', kind: 'apartment' } }) },
  { route: '/admin/sites', action: 'createUnit', may: ADMIN, target: () => ({ path: '/admin/sites', form: { siteId: fx.siteE, name: `Logement ${serial()}`, capacity: '3', typology: 'T2', programmes: ['emergency'], nightlyCost: '' } }) },
  { route: '/admin/sites', action: 'reserve', may: ADMIN, target: () => ({ path: '/admin/sites', form: { unitId: makeUnit(fx.db, fx.actors.admin, { name: `Résidence ${serial()}`, programmes: ['social_residence'], siteKind: 'residence' }), reservedFor: 'young_worker' } }) },
  { route: '/admin/sites', action: 'alt', may: ADMIN, target: () => ({ path: '/admin/sites', form: { unitId: makeUnit(fx.db, fx.actors.admin, { name: `ALT ${serial()}`, programmes: ['emergency'] }), alt: '1' } }) },
  { route: '/admin/territoire', action: 'population', may: ADMIN, target: () => ({ path: '/admin/territoire', form: { insee: '34145', population: String(26_000 + serial()), year: '2023', source: 'INSEE' } }) },
  { route: '/admin/territoire', action: 'organisation', may: ADMIN, target: () => ({ path: '/admin/territoire', form: { name: `Association ${serial()}`, kind: 'association' } }) },
  { route: '/admin/territoire', action: 'kind', may: ADMIN, target: () => ({ path: '/admin/territoire', form: { organisationId: newOrganisation(), kind: 'hospital' } }) },
  { route: '/admin/territoire', action: 'budget', may: ADMIN, target: () => ({ path: '/admin/territoire', form: { year: String(2030 + (serial() % 50)), budget: '2500' } }) },
  { route: '/admin/mentions', action: 'save', may: ADMIN, target: () => ({ path: '/admin/mentions', form: { publisherName: `CIAS ${serial()}`, auditRate: '', auditDate: '' } }) },
  { route: '/admin/sites', action: 'service', may: ADMIN, target: () => ({ path: '/admin/sites', form: { unitId: makeUnit(fx.db, fx.actors.admin, { name: `Hors service ${serial()}`, programmes: ['emergency'] }), active: '0', confirm: '1' } }) },

  // The social residence: its officer and admins write; duty and housing officers read (403 on writes).
  { route: '/residence', action: 'sign', may: RESIDENCE, target: () => ({ path: '/residence', form: { applicationId: admittedApplication(), unitId: residenceUnit(), start: tonight(), rent: '380', charges: '60', apl: '200', deposit: '380', referent: 'Mme Sabatier' } }) },
  { route: '/residence/contrats/[id]', action: 'payment', may: RESIDENCE, target: () => ({ path: `/residence/contrats/${activeContract()}`, form: { date: tonight(), amount: '120', means: 'transfer' } }) },
  { route: '/residence/contrats/[id]', action: 'reversal', may: RESIDENCE, target: () => ({ path: `/residence/contrats/${activeContract()}`, form: { date: tonight(), amount: '20', means: 'cheque', reason: 'Chèque impayé' } }) },
  { route: '/residence/contrats/[id]', action: 'amendment', may: RESIDENCE, target: () => ({ path: `/residence/contrats/${activeContract()}`, form: { from: addDays(tonight(), 5), apl: '210' } }) },
  { route: '/residence/contrats/[id]', action: 'departure', may: RESIDENCE, target: () => ({ path: `/residence/contrats/${activeContract()}`, form: { date: addDays(tonight(), 10), destination: 'social_housing', by: '', confirm: '1' } }) },

  // Signing in: anyone, signed in or not (a new session replaces the old one).
  { route: '/connexion', action: 'default', may: EVERYBODY, target: () => ({ path: '/connexion', form: { email: 'gendarmerie@demo.lunel.fr', password: 'demo-lunel-2026', suite: '' } }) },

  // One's own account: anyone signed in (after the sign-in row above: this changes the demo passwords).
  { route: '/compte', action: 'password', may: SIGNED_IN, target: () => ({ path: '/compte', form: { current: password.current, next: password.next(), confirm: password.last } }) },
  { route: '/compte', action: 'totpStart', may: SIGNED_IN, target: () => ({ path: '/compte', form: {} }) },
  { route: '/compte', action: 'totpConfirm', may: SIGNED_IN, target: () => ({ path: '/compte', form: { code: '000000' } }) },
  { route: '/compte', action: 'recoveryCodes', may: SIGNED_IN, target: () => ({ path: '/compte', form: {} }) },

  // The nightly summary: a partner for its organisation, an admin (naming one).
  { route: '/disponibilites', action: 'abonnement', may: ['admin', 'partner'], target: () => ({ path: '/disponibilites', form: { email: 'brigade@gendarmerie.example.fr' } }) },
  { route: '/disponibilites', action: 'desabonnement', may: ['admin', 'partner'], target: () => ({ path: '/disponibilites', form: {} }) },

  // A confidential household's name: duty officers and admins, with a reason (this one, placed under
  // the protocol only, is out of a housing officer's sight).
  { route: '/menages/[id]', action: 'reveal', may: DESK, unseen: ['housing_officer', 'residence_officer'], target: () => ({ path: `/menages/${fx.confidentialHousehold}`, form: { reason: 'Appel de la gendarmerie' } }) },
  // Finding a confidential household by its exact full name: duty officers and admins, with a reason.
  { route: '/menages', action: 'find', may: DESK, target: () => ({ path: '/menages', form: { name: 'Mme Matrice', reason: 'Elle rappelle le 115' } }) },
  // Lifting confidentiality: admins only, with a reason (each post on a household of its own).
  { route: '/menages/[id]', action: 'lift', may: ADMIN, unseen: ['housing_officer', 'residence_officer'], target: () => ({ path: `/menages/${newConfidentialHousehold()}`, form: { liftReason: 'Demande de la personne' } }) },
  // Merging two records of one household: admins only, with a reason (the confirmed post; each on two households of their own).
  {
    route: '/menages/[id]',
    action: 'merge',
    may: ADMIN,
    target: () => ({ path: `/menages/${householdOfStay(newStay('confirmed'))}`, form: { duplicate: householdOfStay(newStay('confirmed')), mergeReason: 'Même ménage, dossier en double', confirm: '1' } })
  },

  // Where a household comes from: staff who see it (this one, of the social residence, every staff role sees).
  { route: '/menages/[id]', action: 'origin', may: STAFF, target: () => ({ path: `/menages/${householdOfStay(newStay('confirmed'))}`, form: { originCommune: '34145' } }) },

  // The housing mission: housing officers and admins.
  { route: '/mission/bailleurs', action: 'create', may: MISSION, target: () => ({ path: '/mission/bailleurs', form: { name: `Bailleur ${serial()}`, phone: '04 67 00 00 00', email: '', notes: '' } }) },
  // The name of an applicant linked to a confidential household: the mission's staff, with a reason.
  { route: '/mission/candidats/[id]', action: 'reveal', may: MISSION, target: () => ({ path: `/mission/candidats/${newApplicant(newConfidentialHousehold())}`, form: { reason: 'Signature du bail' } }) },
  { route: '/mission/candidats/[id]', action: 'propose', may: MISSION, target: () => ({ path: `/mission/candidats/${newApplicant()}`, form: { offerId: newOffer('open') } }) },
  { route: '/mission/candidats/[id]/modifier', action: 'default', may: MISSION, target: () => ({ path: `/mission/candidats/${newApplicant()}/modifier`, form: applicantForm() }) },
  { route: '/mission/candidats/nouveau', action: 'default', may: MISSION, target: () => ({ path: '/mission/candidats/nouveau', form: applicantForm() }) },
  { route: '/mission/offres/[id]', action: 'open', may: MISSION, target: () => ({ path: `/mission/offres/${newOffer('draft')}`, form: {} }) },
  { route: '/mission/offres/[id]', action: 'withdraw', may: MISSION, target: () => ({ path: `/mission/offres/${newOffer('open')}`, form: { reason: 'Le propriétaire vend' } }) },
  { route: '/mission/offres/[id]', action: 'unit', may: MISSION, target: () => ({ path: `/mission/offres/${newOffer('open', { period: true })}`, form: {} }) },
  { route: '/mission/offres/[id]', action: 'propose', may: MISSION, target: () => ({ path: `/mission/offres/${newOffer('open')}`, form: { applicantId: newApplicant() } }) },
  {
    route: '/mission/offres/[id]',
    action: 'move',
    may: MISSION,
    target: () => {
      const offerId = newOffer('open');
      return { path: `/mission/offres/${offerId}`, form: { proposalId: propose(fx.db, fx.actors.admin, offerId, newApplicant()).id, to: 'visit', reason: '' } };
    }
  },
  { route: '/mission/offres/[id]/modifier', action: 'default', may: MISSION, target: () => ({ path: `/mission/offres/${newOffer('draft')}/modifier`, form: offerForm() }) },
  { route: '/mission/offres/nouvelle', action: 'default', may: MISSION, target: () => ({ path: '/mission/offres/nouvelle', form: { ...offerForm(), landlordId: fx.landlord } }) },

  // Referrals: partners and the desk enter them; the desk decides (a partner may only withdraw its
  // own). A housing officer does not see emergency and protocol referrals at all.
  { route: '/orientations', action: 'create', may: ['admin', 'duty_officer', 'partner'], target: () => ({ path: '/orientations', form: referralForm() }) },
  { route: '/orientations', action: 'decide', may: DESK, unseen: ['housing_officer', 'residence_officer'], target: () => ({ path: '/orientations', form: { id: newReferral(), outcome: 'accepted', reasonCode: '', note: '' } }) },
  { route: '/orientations/[id]', action: 'decide', may: DESK, unseen: ['housing_officer', 'residence_officer'], target: () => ({ path: `/orientations/${newReferral()}`, form: { outcome: 'accepted', reasonCode: '', note: '' } }) },
  {
    route: '/orientations/[id]/placer',
    action: 'place',
    may: DESK,
    unseen: ['housing_officer', 'residence_officer'],
    target: () => ({ path: `/orientations/${newReferral('dv_protocol')}/placer`, form: { hotelUnitId: fx.hotel, start: range(fx.hotel, 4).start, label: 'Mme Test', adults: '1', children: '1', budgetOverrideReason: 'Test de la matrice' } })
  },

  // Placing: staff within their programmes (a housing officer handles neither emergency nor the protocol).
  { route: '/placer', action: 'hold', may: DESK, target: () => ({ path: '/placer', form: { unitId: fx.unitE, ...range(fx.unitE), programme: 'emergency', label: 'Famille Test', adults: '1', children: '0' } }) },
  // A confidential household found by its exact full name from the placing page: duty officers and admins, with a reason.
  { route: '/placer', action: 'find', may: DESK, target: () => ({ path: '/placer', form: { name: 'Mme Matrice', reason: 'Elle rappelle le 115' } }) },
  { route: '/placer', action: 'unmet', may: DESK, target: () => ({ path: '/placer', form: { programme: 'emergency', ...range(null), persons: '2', reason: 'no_place', note: '' } }) },
  // A family too large for one unit, placed in two units of our own at once (emergency: the desk).
  {
    route: '/placer',
    action: 'together',
    may: DESK,
    target: () => {
      const units = ['A', 'B'].map((n) => makeUnit(fx.db, fx.actors.admin, { name: `Ensemble ${n} ${serial()}`, capacity: 4, programmes: ['emergency'] }));
      return { path: '/placer', form: { ...range(null), programme: 'emergency', persons: '7', adults: '2', children: '5', unitIds: units, label: 'Famille Ensemble' } };
    }
  },
  { route: '/placer/option/[id]', action: 'confirm', may: STAFF, target: () => ({ path: `/placer/option/${newStay('hold')}`, form: { note: '' } }) },
  { route: '/placer/option/[id]', action: 'cancel', may: STAFF, target: () => ({ path: `/placer/option/${newStay('hold')}`, form: {} }) },
  { route: '/placer/option/[id]', action: 'extendHold', may: STAFF, target: () => ({ path: `/placer/option/${newStay('hold')}`, form: {} }) },

  // The planning: admins and duty officers block units, and lift the blocks a person wrote.
  { route: '/planning', action: 'block', may: DESK, target: () => ({ path: '/planning', form: { unitId: fx.unitE, ...range(fx.unitE), reason: 'Peinture' } }) },
  { route: '/planning', action: 'lift', may: DESK, target: () => ({ path: '/planning', form: { blockId: newBlock() } }) },

  // A stay (of the social residence, which every staff role handles).
  { route: '/sejours/[id]', action: 'act', may: STAFF, target: () => ({ path: `/sejours/${newStay('confirmed')}`, form: { action: 'cancel' } }) },
  { route: '/sejours/[id]', action: 'end', may: STAFF, target: () => ({ path: `/sejours/${newStay('confirmed')}`, form: { end: addDays(fx.lastEnd, 1), overrideReason: '' } }) },
  { route: '/sejours/[id]', action: 'note', may: STAFF, target: () => ({ path: `/sejours/${newStay('confirmed')}`, form: { note: 'Clés chez la gardienne' } }) },
  // A hotel stay's next step, the apartment that follows (emergency: the desk; out of a housing officer's sight).
  { route: '/sejours/[id]', action: 'following', may: DESK, unseen: ['housing_officer', 'residence_officer'], target: newFollowingTarget },

  // The social residence: everyone signed in files an application (a partner for its organisation);
  // admins (and residence officers) decide, a partner withdraws its own; admins (and residence officers) hold committees.
  { route: '/residence/demandes', action: 'file', may: SIGNED_IN, target: () => ({ path: '/residence/demandes', form: residenceApplicationForm() }) },
  { route: '/residence/demandes/[id]', action: 'decide', may: ['admin', 'residence_officer', 'partner'], target: () => ({ path: `/residence/demandes/${newResidenceApplication()}`, form: { outcome: 'withdrawn', confirm: '1' } }) },
  { route: '/residence/commissions', action: 'create', may: RESIDENCE, target: () => ({ path: '/residence/commissions', form: { meetsOn: tonight(), note: 'Direction' } }) },
  {
    route: '/residence/commissions/[id]',
    action: 'decide',
    may: RESIDENCE,
    target: () => ({ path: `/residence/commissions/${newCommittee()}`, form: { applicationId: newResidenceApplication(), outcome: 'waiting_list', reason: '', confirm: '1' } })
  }
];

/** An application to the social residence filed by the demo's partner (its organisation's own). */
function newResidenceApplication(): string {
  return createApplication(fx.db, fx.actors.partner, {
    household: { label: `Demandeur ${serial()}`, adults: 1, children: 0 },
    monthlyIncomeCents: 90_000,
    public: 'young_worker',
    referrer: { contact: 'Conseillère ML', phone: '04 67 00 00 00' }
  }).value.id;
}

/** A committee that meets today (its decisions may be recorded). */
function newCommittee(): string {
  return createCommittee(fx.db, fx.actors.admin, { meetsOn: today() }).id;
}

function residenceApplicationForm(): FormFields {
  return { 'household.label': `Demandeur ${serial()}`, 'household.adults': '1', 'household.children': '0', public: 'other', income: '850', typology: 'T1', situation: '', 'referrer.contact': 'Mme Bernard', 'referrer.phone': '04 67 00 00 00', 'referrer.email': '' };
}

/** An emergency hotel stay, and an apartment of its own free from the night it ends. */
function newFollowingTarget(): Target {
  const r = range(fx.hotel);
  const stay = placeStay(fx.db, fx.actors.admin, { unitId: fx.hotel, ...r, programme: 'emergency', household: { label: `Ménage hôtel ${serial()}`, adults: 1, children: 0 } }).value.id;
  const unitId = makeUnit(fx.db, fx.actors.admin, { name: `Suite ${serial()}`, capacity: 4, programmes: ['emergency'] });
  return { path: `/sejours/${stay}`, form: { unitId, end: addDays(r.end, 2) } };
}

// ---------------------------------------------------------------------------------------------
// The actions the code has: every key of `export const actions` in routes/**/+page.server.ts.

function pageServerFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return pageServerFiles(path);
    return name === '+page.server.ts' ? [path] : [];
  });
}

/** `<route> <action>` for every action found, read with the TypeScript parser (comments and strings cannot fool it). */
function declaredActions(): string[] {
  const found: string[] = [];
  for (const file of pageServerFiles('routes')) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const route = `/${relative('routes', file).split(sep).slice(0, -1).join('/')}`.replace(/\/$/, '') || '/';
    for (const statement of source.statements) {
      if (!ts.isVariableStatement(statement) || !statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
      for (const declaration of statement.declarationList.declarations) {
        if (!ts.isIdentifier(declaration.name) || declaration.name.text !== 'actions' || !declaration.initializer) continue;
        let init: ts.Expression = declaration.initializer;
        while (ts.isSatisfiesExpression(init) || ts.isAsExpression(init) || ts.isParenthesizedExpression(init)) init = init.expression;
        if (!ts.isObjectLiteralExpression(init)) {
          found.push(`${route} <actions is not an object literal: add its keys to this reader>`);
          continue;
        }
        for (const property of init.properties) {
          const name = property.name && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name)) ? property.name.text : null;
          found.push(`${route} ${name ?? `<${ts.SyntaxKind[property.kind]}: name it plainly>`}`);
        }
      }
    }
  }
  return found.sort();
}

// ---------------------------------------------------------------------------------------------
// Fixtures: the demo territory, plus units of our own so that every post finds free nights.

interface Fixtures {
  db: Db;
  actors: Record<Role, Actor>;
  unitE: string;
  siteE: string;
  unitR: string;
  hotel: string;
  confidentialHousehold: string;
  /** Sign-in accounts (a password, unlike token accounts) for the admin's account actions, one per row. */
  staff: string[];
  landlord: string;
  lastEnd: string;
}

let web: WebApp;
let fx: Fixtures;
let counter = 0;
const serial = () => ++counter;
const nextStart = new Map<string | null, number>();

/** Two free nights on `unitId` (or anywhere, for a demand), a few weeks ahead, never the same twice. */
function range(unitId: string | null, step = 2): { start: string; end: string } {
  const n = nextStart.get(unitId) ?? 20;
  nextStart.set(unitId, n + step + 1);
  const start = addDays(tonight(), n);
  return { start, end: addDays(start, 2) };
}

function one<T>(sql: string, ...args: unknown[]): T {
  const row = fx.db.$client.prepare(sql).get(...args) as T | undefined;
  if (row === undefined) throw new Error(`no fixture for: ${sql}`);
  return row;
}

function newBlock(): string {
  return createBlock(fx.db, fx.actors.admin, { unitId: fx.unitE, ...range(fx.unitE), reason: 'À lever' }).id;
}

/**
 * The password change on /compte: each account that may changes the demo password to a new one;
 * a refused caller is sent the same. (`current` stays the demo's: every role changes its own once.)
 */
const password = {
  current: 'demo-lunel-2026',
  last: '',
  next(): string {
    this.last = `cheval-agrafe-lumiere-${7000 + serial()}`;
    return this.last;
  }
};

function newAccount(): string {
  return createAccountWithToken(fx.db, { name: `Compte ${serial()}`, role: 'duty_officer' }).accountId;
}

/** A new unit of the social residence, free. */
function residenceUnit(): string {
  return makeUnit(fx.db, fx.actors.admin, { name: `Studio ${serial()}`, programmes: ['social_residence'], capacity: 1, siteKind: 'residence' });
}

/** A new application of the social residence, admitted (urgently, between committees). */
function admittedApplication(): string {
  const a = createApplication(fx.db, fx.actors.admin, { household: { label: `Résident ${serial()}`, adults: 1, children: 0 }, monthlyIncomeCents: 90_000, public: 'other', referrer: { contact: 'Mme Sabatier', phone: '04 67 00 20 30' } }).value;
  decideApplication(fx.db, fx.actors.admin, a.id, { outcome: 'admitted' });
  return a.id;
}

/** A new active contract, from tonight, on a unit of its own. */
function activeContract(): string {
  return createContract(fx.db, fx.actors.admin, { applicationId: admittedApplication(), unitId: residenceUnit(), start: tonight(), rentCents: 38_000, chargesCents: 6_000, depositCents: 0, aplCents: 20_000 }).value.id;
}

/** A stay of the social residence on our own unit: a hold, or a confirmed stay. */
function newStay(status: 'hold' | 'confirmed'): string {
  const r = range(fx.unitR);
  fx.lastEnd = r.end;
  return placeStay(fx.db, fx.actors.admin, { unitId: fx.unitR, ...r, programme: 'social_residence', status, household: { label: `Ménage ${serial()}`, adults: 1, children: 0 } }).value.id;
}

/** A new organisation of kind « other », for its kind to be set. */
function newOrganisation(): string {
  return createOrganisation(fx.db, fx.actors.admin, { name: `Organisme ${serial()}`, kind: 'other' }).id;
}

/** A waiting referral sent by the demo's partner. */
function newReferral(programme: 'emergency' | 'dv_protocol' = 'emergency'): string {
  return createReferral(fx.db, fx.actors.partner, {
    programme,
    urgency: 'immediate',
    requestedStart: range(null).start,
    nights: 2,
    household: { adults: 1, children: 1 },
    referrer: { contact: 'Adjudant Martin', phone: '04 67 00 00 17' }
  }).id;
}

/** An offer of the demo's first landlord, in draft or open, with an end date when `period`, that suits `newApplicant()`. */
function newOffer(status: 'draft' | 'open', options: { period?: boolean } = {}): string {
  const availableFrom = addDays(tonight(), 30);
  const offer = createOffer(fx.db, fx.actors.admin, {
    landlordId: fx.landlord,
    commune: 'Lunel',
    address: `${serial()} rue des Écoles`,
    typology: 'T3',
    surfaceM2: 62,
    capacity: 4,
    accessible: false,
    rentCents: 50_000,
    chargesCents: 5_000,
    availableFrom,
    availableUntil: options.period ? addDays(availableFrom, 180) : null,
    scheme: 'none',
    energyRating: 'C'
  });
  return status === 'open' ? openOffer(fx.db, fx.actors.admin, offer.id).id : offer.id;
}

/** A household of its own placed under the protocol: confidential, seen by no housing officer. */
/** The household of a stay. */
function householdOfStay(stayId: string): string {
  return fx.db.$client.prepare('SELECT household_id FROM stays WHERE id = ?').pluck().get(stayId) as string;
}

function newConfidentialHousehold(): string {
  return placeStay(fx.db, fx.actors.admin, { unitId: fx.hotel, ...range(fx.hotel), programme: 'dv_protocol', household: { label: `Mme Matrice ${serial()}`, adults: 1, children: 0 } }).value.householdId;
}

/** A waiting applicant whom `newOffer()` suits (linked to a household when given). */
function newApplicant(householdId?: string): string {
  return createApplicant(fx.db, fx.actors.admin, {
    householdId,
    label: `Famille ${serial()}`,
    persons: 3,
    accessibleNeeded: false,
    maxRentCents: 90_000,
    yearlyIncomeCents: 2_000_000,
    communes: ['Lunel'],
    neededFrom: addDays(tonight(), 30),
    waitingSince: addDays(tonight(), -60),
    situation: 'elsewhere'
  }).id;
}

function referralForm(): FormFields {
  return { programme: 'emergency', urgency: 'immediate', requestedStart: range(null).start, nights: '2', adults: '1', children: '0', organisationOther: 'Appel du 115', contact: 'Écoutante du 115', phone: '115', email: '', notes: '' };
}

function applicantForm(): FormFields {
  return { label: `Famille ${serial()}`, persons: '3', maxRent: '650', yearlyIncome: '18000', communes: ['Lunel'], otherCommunes: '', neededFrom: addDays(tonight(), 30), waitingSince: addDays(tonight(), -60), emergencyStayEnd: '', situation: 'elsewhere', phone: '', email: '', notes: '' };
}

function offerForm(): FormFields {
  return {
    commune: 'Lunel',
    address: `${serial()} rue des Écoles`,
    typology: 'T3',
    surfaceM2: '62',
    capacity: '4',
    rent: '600',
    charges: '50',
    availableFrom: addDays(tonight(), 30),
    availableUntil: '',
    scheme: 'none',
    locAvantagesLevel: '',
    rentCap: '',
    incomeCeiling: '',
    energyRating: 'C',
    photoUrl: ''
  };
}

beforeAll(async () => {
  web = await startWebApp();
  process.env.DATABASE_PATH = web.test.path;
  const db = web.db;
  const actorOf = (role: Role): Actor => {
    const a = db.$client.prepare('SELECT id, organisation_id AS organisationId FROM accounts WHERE role = ? AND email IS NOT NULL ORDER BY created_at LIMIT 1').get(role) as { id: string; organisationId: string | null };
    return { accountId: a.id, role, organisationId: a.organisationId, ip: '127.0.0.1' };
  };
  const actors = { admin: actorOf('admin'), duty_officer: actorOf('duty_officer'), housing_officer: actorOf('housing_officer'), partner: actorOf('partner') };
  fx = { db, actors } as Fixtures;
  fx.unitE = makeUnit(db, actors.admin, { name: 'Matrice urgence', programmes: ['emergency'], capacity: 6, siteKind: 'apartment' });
  fx.siteE = one<{ siteId: string }>('SELECT site_id AS siteId FROM units WHERE id = ?', fx.unitE).siteId;
  fx.unitR = makeUnit(db, actors.admin, { name: 'Matrice résidence', programmes: ['social_residence'], capacity: 6, siteKind: 'residence' });
  fx.hotel = one<{ id: string }>("SELECT u.id FROM units u JOIN sites s ON s.id = u.site_id WHERE s.kind = 'hotel' AND u.programmes LIKE '%dv_protocol%' ORDER BY u.name LIMIT 1").id;
  // A household of our own, placed under the protocol only: confidential, and nobody else's.
  const protocolStay = placeStay(db, actors.admin, { unitId: fx.hotel, ...range(fx.hotel), programme: 'dv_protocol', household: { label: 'Mme Matrice', adults: 1, children: 1 } }).value.id;
  fx.confidentialHousehold = one<{ id: string }>('SELECT h.id FROM households h JOIN stays s ON s.household_id = h.id WHERE s.id = ? AND h.confidential = 1', protocolStay).id;
  fx.staff = [];
  for (let i = 0; i < 3; i++) fx.staff.push((await createUser(db, { email: `equipe-${i}@demo.lunel.fr`, role: 'duty_officer', password: 'cheval-agrafe-lumiere-2718' }, actors.admin)).accountId);
  fx.landlord = one<{ id: string }>('SELECT id FROM landlords ORDER BY id LIMIT 1').id;
});
afterAll(async () => {
  await web?.close();
});

/**
 * Everything a refused post could have changed: every row of every table, but the sign-in
 * machinery (sessions are made for the test, and their last-seen time moves on reading) and the
 * audit entries of reads (`….open`: the page shown again after a refusal records that a
 * confidential record was opened, as it must).
 */
function databaseState(): Record<string, string> {
  const tables = fx.db.$client
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_\\_drizzle%' ESCAPE '\\' AND name <> 'sessions' AND name NOT LIKE 'sign\\_in\\_%' ESCAPE '\\' ORDER BY name")
    .pluck()
    .all() as string[];
  const out: Record<string, string> = {};
  for (const table of tables) {
    const where = table === 'audit_entries' ? ` WHERE action NOT LIKE '%.open'` : '';
    const rows = fx.db.$client.prepare(`SELECT * FROM "${table}"${where} ORDER BY rowid`).all();
    out[table] = `${rows.length} rows, ${createHash('sha256').update(JSON.stringify(rows)).digest('hex').slice(0, 16)}`;
  }
  return out;
}

/** The URL of an action: a named one is `?/name`, the default one the page itself. */
function actionUrl(path: string, action: string): string {
  return action === 'default' ? path : `${path}?/${action}`;
}

describe('the role × form-action matrix', () => {
  it('has a row for every form action the pages declare, and no row for an action that does not exist', () => {
    expect.hasAssertions();
    const rows = ROWS.map((r) => `${r.route} ${r.action}`).sort();
    expect(new Set(rows).size).toBe(rows.length);
    expect(rows).toEqual(declaredActions());
  });

  for (const row of ROWS) {
    it(`${actionUrl(row.route, row.action)}: used by ${row.may.join(', ')}; refused to the others, with nothing changed`, async () => {
      expect.hasAssertions();
      const seen: Record<string, string> = {};
      const want: Record<string, string> = {};
      // The refused callers first: each on a fresh target, the database compared before and after.
      for (const caller of [...CALLERS].sort((a, b) => Number(row.may.includes(a)) - Number(row.may.includes(b)))) {
        const cookie = caller === 'anonymous' ? null : sessionCookie(fx.db, caller);
        const { path, form } = row.target();
        const before = row.may.includes(caller) ? null : databaseState();
        const res = await postForm(web.url, actionUrl(path, row.action), form, cookie);
        const location = typeof res.headers.location === 'string' ? res.headers.location : '';
        if (row.may.includes(caller)) {
          want[caller] = 'used (neither 403 nor 5xx)';
          seen[caller] = res.status !== 403 && res.status < 500 ? want[caller] : `${res.status}`;
        } else if (caller === 'anonymous') {
          want[caller] = 'refused: 401 or to /connexion';
          seen[caller] = res.status === 401 || (res.status === 303 && location.startsWith('/connexion')) ? want[caller] : `${res.status} ${location}`;
        } else if (row.unseen?.includes(caller)) {
          want[caller] = 'refused: 404';
          seen[caller] = res.status === 404 ? want[caller] : `${res.status} ${location}`;
        } else {
          want[caller] = 'refused: 403';
          seen[caller] = res.status === 403 ? want[caller] : `${res.status} ${location}`;
        }
        if (before) expect(databaseState(), `${caller} changed the database`).toEqual(before);
      }
      expect(seen).toEqual(want);
    });
  }
});
