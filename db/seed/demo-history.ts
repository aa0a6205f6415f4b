// A year and more of the demo territory's past, so that its reports have something to count: the
// referring organisations with their kinds; emergency and DV-protocol stays in the hotels and the
// apartments, each checked out with where the household went; referrals from the 115, the
// gendarmerie, the hospital, the CCAS and associations, placed, declined, redirected or withdrawn;
// requests nobody could be placed for, with their reasons; and where each household came from,
// spread across the communes of the Pays de Lunel (some from outside, some unknown).
// Everything goes through the services with the service clock set to the hour it happened (and set
// back after), from a fixed seed: two runs tell the same story, only ids and pseudonyms change.
import { addDays, startOfParisDay, type IsoDate } from '#domain/dates.ts';
import { AppError } from '#domain/errors.ts';
import type { Programme } from '#domain/programmes.ts';
import type { DecisionReason } from '#domain/referral-lifecycle.ts';
import type { DepartureDestination } from '#domain/residence-codes.ts';
import { ORIGIN_OUTSIDE, type OrganisationKind } from '#domain/territory.ts';
import type { Db } from '#db/client.ts';
import { backdateUnitPeriod } from '#db/queries/units.ts';
import type { Actor } from '#services/actor.ts';
import { fixedClock, setClock } from '#services/clock.ts';
import { recordUnmetDemand } from '#services/placing.ts';
import { createReferral, decideReferral } from '#services/referrals.ts';
import { actOnStay, placeStay } from '#services/stays.ts';
import { createOrganisation } from '#services/territory.ts';

/** How far back the demo's history goes, in nights before tonight: every unit is in service from then on. */
export const DEMO_HISTORY_DAYS = 400;

/** The organisations that send referrals, besides the partner's own (the gendarmerie, a `police` kind). */
export const DEMO_ORGANISATIONS: readonly { name: string; kind: OrganisationKind }[] = [
  { name: "SIAO de l'Hérault — 115", kind: 'siao_115' },
  { name: 'Centre hospitalier de Lunel — service social', kind: 'hospital' },
  { name: 'Mission Locale Petite Camargue', kind: 'mission_locale' },
  { name: 'CIAS du Pays de Lunel', kind: 'ccas' },
  { name: 'CCAS de Marsillargues', kind: 'ccas' },
  { name: "CIDFF de l'Hérault", kind: 'association' },
  { name: 'Secours populaire — antenne de Lunel', kind: 'association' }
];

/** Where households come from, by weight: Lunel most, every commune but Garrigues at least once in a while, some outside, some unknown. */
const ORIGINS: readonly [string | null, number][] = [
  ['34145', 34], // Lunel
  ['34146', 9], // Lunel-Viel
  ['34151', 11], // Marsillargues
  ['34272', 5], // Saint-Just
  ['34246', 4], // Entre-Vignes
  ['34033', 3], // Boisseron
  ['34340', 3], // Villetelle
  ['34296', 2], // Saussines
  ['34294', 2], // Saturargues
  ['34288', 2], // Saint-Sériès
  ['34280', 1], // Saint-Nazaire-de-Pézan
  ['34110', 1], // Galargues
  ['34048', 1], // Campagne
  [ORIGIN_OUTSIDE, 12],
  [null, 10]
];

/** Where households went at check-out, by weight. */
const DESTINATIONS: readonly [DepartureDestination, number][] = [
  ['family_or_friends', 30],
  ['other_structure', 20],
  ['social_housing', 12],
  ['private_rental', 8],
  ['hospital_or_care', 5],
  ['street', 5],
  ['unknown', 20]
];

/** Who sends a referral, by weight (a name of DEMO_ORGANISATIONS, or the partner itself). */
const SOURCES: readonly [string, number][] = [
  ["SIAO de l'Hérault — 115", 45],
  ['partner', 20],
  ['Centre hospitalier de Lunel — service social', 10],
  ['CCAS de Marsillargues', 8],
  ['CIAS du Pays de Lunel', 7],
  ["CIDFF de l'Hérault", 7],
  ['Secours populaire — antenne de Lunel', 3]
];

const SURNAMES = [
  'Arnaud', 'Barbier', 'Bertrand', 'Boyer', 'Brun', 'Carpentier', 'Clément', 'Colin', 'Fabre', 'Fontaine', 'Gauthier', 'Guerin', 'Hamidi',
  'Jacquet', 'Julien', 'Lacroix', 'Leclerc', 'Lemaire', 'Marchand', 'Masson', 'Mathieu', 'Meunier', 'Michel', 'Muller', 'Nicolas', 'Noël',
  'Olivier', 'Perret', 'Picard', 'Rey', 'Riviere', 'Robin', 'Roche', 'Rolland', 'Roussel', 'Schmitt', 'Tessier', 'Vidal', 'Weber', 'Zidane'
];

/** A household's name with its children (none to three), for one adult or a couple. */
const WITH_CHILDREN = {
  one: ['', ' et son enfant', ' et ses deux enfants', ' et ses trois enfants'],
  couple: ['', ' et leur enfant', ' et leurs deux enfants', ' et leurs trois enfants']
} as const;

/** A small deterministic generator (mulberry32): the same history at every run. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(weighted: readonly [T, number][]): T => {
    const total = weighted.reduce((s, [, w]) => s + w, 0);
    let r = next() * total;
    for (const [v, w] of weighted) {
      r -= w;
      if (r < 0) return v;
    }
    return weighted[weighted.length - 1][0];
  };
  return { next, int, pick };
}

export interface HistoryContext {
  admin: Actor;
  partner: Actor;
  night: IsoDate;
  /** Every unit of the demo's own sites (not the mission's period offers), by key. */
  unitIds: ReadonlyMap<string, string>;
  /** The emergency and DV units, by key: their kind of site and capacity. */
  emergencyUnits: readonly { key: string; hotel: boolean; capacity: number }[];
  /** The apartment units funded by the ALT grant since the history's start. */
  altUnits: readonly string[];
}

/** The referring organisations, with their kinds (before anything names them). */
export function seedOrganisations(db: Db, admin: Actor): void {
  for (const o of DEMO_ORGANISATIONS) createOrganisation(db, admin, o);
}

/**
 * Every unit of the demo's sites in service since the history's start, and the ALT apartments under
 * the grant since then (units are created tonight; their dated periods are moved back).
 */
export function backdateInventory(db: Db, ctx: HistoryContext): void {
  const start = addDays(ctx.night, -DEMO_HISTORY_DAYS);
  for (const id of ctx.unitIds.values()) backdateUnitPeriod(db, id, 'active', start);
  for (const key of ctx.altUnits) {
    const id = ctx.unitIds.get(key);
    if (!id) throw new Error(`demo seed: no unit "${key}"`);
    backdateUnitPeriod(db, id, 'alt', start);
  }
}

/** Nights before tonight at which the generated past stops: the stays around tonight take over from there. */
const HISTORY_END = -26;

/**
 * The past year of emergency and DV stays, referrals and unmet demand. Stays are laid one after the
 * other on each unit; a stay that would overlap one the demo placed already (a pathway) is left out.
 */
export function seedHistory(db: Db, ctx: HistoryContext): void {
  const { admin, partner, night } = ctx;
  const rnd = generator(20_261_205);
  const at = <T>(offset: number, hour: number, fn: () => T): T => {
    const previous = fixedClock();
    setClock(startOfParisDay(addDays(night, offset)) + Math.round(hour * 3_600_000));
    try {
      return fn();
    } finally {
      setClock(previous);
    }
  };
  const referrerOf = (source: string) =>
    source === 'partner'
      ? { contact: 'Adjudant Martin', phone: '04 67 00 17 17' }
      : { organisation: source, contact: 'Permanence sociale', phone: '04 67 00 00 00' };
  const household = (capacity: number, dv: boolean) => {
    const adults = dv ? 1 : rnd.int(1, Math.min(2, capacity));
    const children = rnd.int(0, Math.min(3, capacity - adults));
    const name = SURNAMES[rnd.int(0, SURNAMES.length - 1)];
    const label = adults === 2 ? `M. et Mme ${name}` : dv || rnd.next() < 0.5 ? `Mme ${name}` : `M. ${name}`;
    const kids = (adults === 2 ? WITH_CHILDREN.couple : WITH_CHILDREN.one)[children];
    return { label: `${label}${kids}`, adults, children };
  };

  for (const u of ctx.emergencyUnits) {
    const unitId = ctx.unitIds.get(u.key);
    if (!unitId) throw new Error(`demo seed: no unit "${u.key}"`);
    for (let t = -DEMO_HISTORY_DAYS + rnd.int(0, 10); ; ) {
      const nights = u.hotel ? rnd.int(1, 3) : rnd.int(7, 56);
      if (t + nights > HISTORY_END) break;
      const programme: Programme = rnd.next() < (u.hotel ? 0.05 : 0.45) ? 'dv_protocol' : 'emergency';
      const who = household(u.capacity, programme === 'dv_protocol');
      const origin = rnd.pick(ORIGINS);
      const referred = rnd.next() < 0.5;
      const source = rnd.pick(SOURCES);
      const destination = rnd.pick(DESTINATIONS);
      const receivedHour = 12.25 + rnd.next() * 3;
      const start = addDays(night, t);
      try {
        const referral = referred
          ? at(t, receivedHour, () =>
              createReferral(db, source === 'partner' ? partner : admin, {
                programme,
                urgency: 'immediate',
                requestedStart: start,
                nights,
                household: { adults: who.adults, children: who.children },
                referrer: referrerOf(source),
                originCommune: origin
              })
            )
          : null;
        const stay = at(t, referral ? receivedHour + 0.25 + rnd.next() * 5 : 14, () => {
          const { value } = placeStay(db, admin, {
            unitId,
            start,
            end: addDays(start, nights),
            programme,
            // A household placed from a referral comes from where the referral said.
            household: referral ? who : { ...who, originCommune: origin },
            referralId: referral?.id ?? null,
            status: 'confirmed'
          });
          actOnStay(db, admin, value.id, 'check-in');
          return value;
        });
        at(t + nights, 10, () => actOnStay(db, admin, stay.id, 'check-out', { destination }));
      } catch (e) {
        // A pathway of the demo holds these nights already: this stay is not part of the story
        // (its referral, if any, stays received: the desk's queue keeps a few such).
        if (!(e instanceof AppError && e.code === 'overlap')) throw e;
      }
      // Gaps wide enough to keep the demo quick to build (about 200 stays), with every site used all year.
      t += nights + (u.hotel ? rnd.int(10, 30) : rnd.int(3, 20));
    }
  }

  // Referrals that were not placed: declined or redirected (unmet demand with their reason), or withdrawn.
  const NOT_PLACED: readonly [{ outcome: 'declined' | 'redirected' | 'withdrawn'; reasonCode?: DecisionReason; reason?: string }, number][] = [
    [{ outcome: 'declined', reasonCode: 'no_place_tonight', reason: 'Pas de place ce soir' }, 10],
    [{ outcome: 'declined', reasonCode: 'no_place_of_size', reason: 'Pas de place de cette taille' }, 5],
    [{ outcome: 'declined', reasonCode: 'out_of_scope', reason: 'Hors du champ du dispositif' }, 2],
    [{ outcome: 'redirected', reasonCode: 'redirected_115', reason: 'Réorientée vers le 115 / SIAO' }, 4],
    [{ outcome: 'redirected', reasonCode: 'redirected_service', reason: 'Réorientée vers un autre service' }, 3],
    [{ outcome: 'withdrawn' }, 3]
  ];
  for (let t = -DEMO_HISTORY_DAYS + 20; t < HISTORY_END; t += rnd.int(8, 20)) {
    const programme: Programme = rnd.next() < 0.35 ? 'dv_protocol' : 'emergency';
    const source = rnd.pick(SOURCES);
    const decision = rnd.pick(NOT_PLACED);
    const hour = 12.25 + rnd.next() * 6;
    const sender = source === 'partner' ? partner : admin;
    const referral = at(t, hour, () =>
      createReferral(db, sender, {
        programme,
        urgency: rnd.next() < 0.7 ? 'immediate' : 'within_24h',
        requestedStart: addDays(night, t),
        nights: rnd.int(1, 14),
        household: { adults: rnd.int(1, 2), children: rnd.int(0, 4) },
        referrer: referrerOf(source),
        originCommune: rnd.pick(ORIGINS)
      })
    );
    // A partner withdraws its own; staff decide the rest, within a few hours.
    const decider = decision.outcome === 'withdrawn' && source === 'partner' ? partner : admin;
    at(t, hour + 0.5 + rnd.next() * 10, () => decideReferral(db, decider, referral.id, { outcome: decision.outcome, ...(decision.reason && { reason: decision.reason, reasonCode: decision.reasonCode }) }));
  }

  // Requests taken by phone that nobody could be placed for, recorded with their reason.
  const UNMET: readonly [{ reason: 'no_place' | 'no_place_of_that_size' | 'out_of_scope' | 'other'; note?: string }, number][] = [
    [{ reason: 'no_place' }, 10],
    [{ reason: 'no_place_of_that_size' }, 5],
    [{ reason: 'out_of_scope' }, 3],
    [{ reason: 'other', note: 'Animal de compagnie : aucun logement libre ne l’accepte' }, 2]
  ];
  for (let t = -DEMO_HISTORY_DAYS + 15; t < HISTORY_END; t += rnd.int(12, 28)) {
    const u = rnd.pick(UNMET);
    const nights = rnd.int(1, 7);
    at(t, 20 + rnd.next() * 3, () =>
      recordUnmetDemand(db, admin, {
        programme: rnd.next() < 0.3 ? 'dv_protocol' : 'emergency',
        start: addDays(night, t),
        end: addDays(night, t + nights),
        persons: rnd.int(1, 6),
        reason: u.reason,
        ...(u.note && { note: u.note })
      })
    );
  }
}
