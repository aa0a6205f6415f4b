// Every table of the service, in one file: the data model at a glance.
// Dates of nights are YYYY-MM-DD text (sorts and compares correctly); instants are epoch
// milliseconds (UTC). The overlap triggers and the audit table's guards are in the migrations.
import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { LocAvantagesLevel, Scheme, Situation } from '../src/domain/matching.ts';
import type { Programme } from '../src/domain/programmes.ts';
import { OFFER_STATUSES, PROPOSAL_STATUSES } from '../src/domain/proposal-lifecycle.ts';
import type { StayStatus } from '../src/domain/stay-lifecycle.ts';
import { SYSTEM_BLOCK_REASONS } from '../src/domain/block-reasons.ts';
import {
  APPLICATION_STATUSES,
  CONTRACT_STATUSES,
  DEPARTURE_DESTINATIONS,
  NOTICE_GIVERS,
  PAYMENT_MEANS,
  RESIDENCE_PUBLICS,
  UNIT_RESERVATIONS
} from '../src/domain/residence-codes.ts';
import { ORGANISATION_KINDS, UNIT_PERIOD_KINDS } from '../src/domain/territory.ts';
import { ROLES } from '../src/domain/programmes.ts';
import { LEGAL_SETTING_KEYS } from '../src/domain/legal.ts';

const now = sql`(CAST(unixepoch('subsec') * 1000 AS INTEGER))`;

/** The SQL list of a closed list's values, for a check: `'a','b'`. */
const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(','));

export const organisations = sqliteTable('organisations', {
  id: text('id').primaryKey(),
  name: text('name').notNull().unique(),
  /** Where the nightly summary of free places goes; null: not subscribed. */
  summaryEmail: text('summary_email'),
  /** The night of the last summary sent (YYYY-MM-DD), so that each night's is sent once. */
  summaryLastNight: text('summary_last_night'),
  /**
   * What kind of organisation it is (SIAO/115, gendarmerie or police, hospital…), the source referrals
   * are counted by. Its check is on the column (added by ALTER TABLE in the migrations).
   */
  kind: text('kind', { enum: ORGANISATION_KINDS }).notNull().default('other'),
  createdAt: integer('created_at').notNull().default(now)
});

export const accounts = sqliteTable(
  'accounts',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    email: text('email').unique(),
    role: text('role', { enum: ROLES }).notNull(),
    organisationId: text('organisation_id').references(() => organisations.id),
    passwordHash: text('password_hash'),
    disabledAt: integer('disabled_at'),
    createdAt: integer('created_at').notNull().default(now)
  },
  (t) => [
    check('accounts_role', sql`${t.role} IN (${inList(ROLES)})`),
    check('accounts_partner_org', sql`${t.role} <> 'partner' OR ${t.organisationId} IS NOT NULL`)
  ]
);

/** API tokens: only the SHA-256 digest of the 256-bit secret is stored. */
export const apiTokens = sqliteTable('api_tokens', {
  id: text('id').primaryKey(),
  accountId: text('account_id')
    .notNull()
    .references(() => accounts.id),
  name: text('name').notNull(),
  digest: text('digest').notNull().unique(),
  createdAt: integer('created_at').notNull().default(now),
  lastUsedAt: integer('last_used_at'),
  revokedAt: integer('revoked_at')
});

/** Sign-in sessions: only the SHA-256 digest of the random session id is stored. */
export const sessions = sqliteTable(
  'sessions',
  {
    digest: text('digest').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id),
    createdAt: integer('created_at').notNull(),
    lastSeenAt: integer('last_seen_at').notNull()
  },
  (t) => [index('sessions_account').on(t.accountId)]
);

/**
 * A form posted after its session ended, kept for its account until it signs in again (at most
 * FORM_STASH_MS): encrypted with a key that only the browser's cookie holds, stored by the digest of
 * the cookie's id. Dropped once given back, or when its time is up.
 */
export const formStashes = sqliteTable(
  'form_stashes',
  {
    digest: text('digest').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    /** base64url of iv (12 bytes) + AES-256-GCM tag (16 bytes) + ciphertext. */
    sealed: text('sealed').notNull()
  },
  (t) => [index('form_stashes_expiry').on(t.expiresAt)]
);

/** Failed sign-ins, per account email and caller address: the throttle counts them. */
export const signInFailures = sqliteTable(
  'sign_in_failures',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    email: text('email').notNull(),
    ip: text('ip').notNull(),
    at: integer('at').notNull(),
    /** `password` (counted per email and address, and per address) or `code` (a second-factor code, per email). */
    kind: text('kind', { enum: ['password', 'code'] }).notNull().default('password')
  },
  (t) => [
    index('sign_in_failures_email_ip').on(t.email, t.ip, t.at),
    index('sign_in_failures_ip').on(t.ip, t.at),
    index('sign_in_failures_at').on(t.at)
  ]
);

/**
 * What a sign-in account must do or has enrolled, kept beside the account: a forced password
 * change, and the TOTP second factor (the secret being enrolled, then the confirmed one, and the
 * last time step used so that a code is never accepted twice).
 */
export const accountSecurity = sqliteTable('account_security', {
  accountId: text('account_id')
    .primaryKey()
    .references(() => accounts.id),
  passwordChangeRequired: integer('password_change_required').notNull().default(0),
  totpSecret: text('totp_secret'),
  totpEnabledAt: integer('totp_enabled_at'),
  totpLastStep: integer('totp_last_step'),
  totpPendingSecret: text('totp_pending_secret'),
  totpPendingAt: integer('totp_pending_at')
});

/** Single-use recovery codes of the second factor: only their SHA-256 digests are stored. */
export const recoveryCodes = sqliteTable(
  'recovery_codes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id),
    digest: text('digest').notNull().unique(),
    usedAt: integer('used_at')
  },
  (t) => [index('recovery_codes_account').on(t.accountId)]
);

/** A sign-in waiting for its second factor: the password was right, the code is still to come. */
export const signInChallenges = sqliteTable(
  'sign_in_challenges',
  {
    digest: text('digest').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull()
  },
  (t) => [index('sign_in_challenges_account').on(t.accountId)]
);

/** Per-role account policy set by an admin: whether the role must sign in with a second factor. */
export const roleSettings = sqliteTable('role_settings', {
  role: text('role').primaryKey(),
  totpRequired: integer('totp_required').notNull().default(0),
  updatedAt: integer('updated_at').notNull()
});

export const sites = sqliteTable(
  'sites',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    commune: text('commune').notNull(),
    address: text('address').notNull(),
    confidential: integer('confidential', { mode: 'boolean' }).notNull().default(false),
    kind: text('kind', { enum: ['apartment', 'hotel', 'residence', 'private'] }).notNull().default('apartment'),
    createdAt: integer('created_at').notNull().default(now)
  },
  (t) => [check('sites_kind', sql`${t.kind} IN ('apartment','hotel','residence','private')`)]
);

export const units = sqliteTable(
  'units',
  {
    id: text('id').primaryKey(),
    /** Creation order, the last tie-break of allocation. */
    seq: integer('seq').notNull().unique(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    name: text('name').notNull(),
    capacity: integer('capacity').notNull(),
    typology: text('typology'),
    accessible: integer('accessible', { mode: 'boolean' }).notNull().default(false),
    /** JSON array of programmes, e.g. ["emergency","dv_protocol"]. */
    programmes: text('programmes', { mode: 'json' }).$type<Programme[]>().notNull(),
    /** Cost of one night in euro cents, where a night is paid (partner hotels). */
    nightlyCostCents: integer('nightly_cost_cents'),
    /**
     * The public a unit of the social residence is reserved for (young workers), ranked first on its
     * waiting list; null: none. Its check is on the column (added by ALTER TABLE in the migrations).
     */
    reservedFor: text('reserved_for', { enum: UNIT_RESERVATIONS }),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    /** Funded by the ALT grant now; its dated periods are in `unit_periods` (kind 'alt'). */
    alt: integer('alt', { mode: 'boolean' }).notNull().default(false),
    createdAt: integer('created_at').notNull().default(now)
  },
  (t) => [
    check('units_capacity', sql`${t.capacity} >= 1`),
    check('units_cost', sql`${t.nightlyCostCents} IS NULL OR ${t.nightlyCostCents} >= 0`),
    index('units_site').on(t.siteId)
  ]
);

/**
 * Dated periods of a unit: 'active' while it is in service (open nights), 'alt' while the ALT grant
 * funds it. [start, end) in nights; end null: still running. Reports count past nights against the
 * periods as they were, so today's inventory does not move past figures.
 */
export const unitPeriods = sqliteTable(
  'unit_periods',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    unitId: text('unit_id')
      .notNull()
      .references(() => units.id),
    kind: text('kind', { enum: UNIT_PERIOD_KINDS }).notNull(),
    start: text('start_date').notNull(),
    end: text('end_date')
  },
  (t) => [
    check('unit_periods_kind', sql`${t.kind} IN (${inList(UNIT_PERIOD_KINDS)})`),
    check('unit_periods_range', sql`${t.end} IS NULL OR ${t.start} < ${t.end}`),
    index('unit_periods_unit').on(t.unitId, t.kind, t.start)
  ]
);

/** The communes of the territory, with the legal population that rates per 1,000 inhabitants use. */
export const communes = sqliteTable(
  'communes',
  {
    insee: text('insee').primaryKey(),
    name: text('name').notNull(),
    population: integer('population'),
    populationYear: integer('population_year'),
    populationSource: text('population_source'),
    updatedAt: integer('updated_at').notNull().default(now)
  },
  (t) => [check('communes_population', sql`${t.population} IS NULL OR ${t.population} >= 0`)]
);

/** The DV protocol's budget for partner-hotel nights, per year; a year without a row uses PROTOCOL_BUDGET_EUROS. */
export const protocolBudgets = sqliteTable(
  'protocol_budgets',
  {
    year: integer('year').primaryKey(),
    budgetCents: integer('budget_cents').notNull(),
    updatedBy: text('updated_by').references(() => accounts.id),
    updatedAt: integer('updated_at').notNull().default(now)
  },
  (t) => [check('protocol_budgets_positive', sql`${t.budgetCents} >= 0`)]
);

/**
 * What the legal notice, the privacy notice and the accessibility statement say that an admin fills
 * in (the publisher, the host, the contacts, the last audit): one row per key of
 * src/domain/legal.ts; a key without a row is not filled in yet.
 */
export const legalSettings = sqliteTable(
  'legal_settings',
  {
    key: text('key', { enum: LEGAL_SETTING_KEYS }).primaryKey(),
    value: text('value').notNull(),
    updatedBy: text('updated_by').references(() => accounts.id),
    updatedAt: integer('updated_at').notNull().default(now)
  },
  (t) => [check('legal_settings_key', sql`${t.key} IN (${inList(LEGAL_SETTING_KEYS)})`)]
);

export const stayLimits = sqliteTable(
  'stay_limits',
  {
    programme: text('programme').notNull(),
    siteKind: text('site_kind').notNull(),
    maxNights: integer('max_nights').notNull(),
    updatedAt: integer('updated_at').notNull().default(now)
  },
  (t) => [primaryKey({ columns: [t.programme, t.siteKind] }), check('stay_limits_positive', sql`${t.maxNights} >= 1`)]
);

export const households = sqliteTable(
  'households',
  {
    id: text('id').primaryKey(),
    /** The real name: seen by staff; for a confidential household only when revealed. */
    label: text('label').notNull(),
    pseudonym: text('pseudonym').notNull().unique(),
    adults: integer('adults').notNull(),
    children: integer('children').notNull().default(0),
    /** JSON array of needs (accessibility, pets, language…). */
    needs: text('needs', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    confidential: integer('confidential', { mode: 'boolean' }).notNull().default(false),
    /** The household this one must never share a site with on an overlapping night (docs/domain.md, "Keep apart"). */
    keepApartFromId: text('keep_apart_from_id'),
    /**
     * Where the household comes from: a commune of the territory (its INSEE code, in `communes`),
     * 'outside' the territory, or null when unknown.
     */
    originCommune: text('origin_commune'),
    createdAt: integer('created_at').notNull().default(now),
    /** When retention replaced its name and erased its free text (epoch ms); null while it is kept. */
    pseudonymisedAt: integer('pseudonymised_at')
  },
  (t) => [
    check('households_persons', sql`${t.adults} >= 0 AND ${t.children} >= 0 AND ${t.adults} + ${t.children} >= 1`),
    index('households_keep_apart').on(t.keepApartFromId)
  ]
);

export const stays = sqliteTable(
  'stays',
  {
    id: text('id').primaryKey(),
    unitId: text('unit_id')
      .notNull()
      .references(() => units.id),
    householdId: text('household_id')
      .notNull()
      .references(() => households.id),
    programme: text('programme').$type<Programme>().notNull(),
    start: text('start_date').notNull(),
    end: text('end_date').notNull(),
    status: text('status', { enum: ['hold', 'confirmed', 'in_place', 'ended', 'cancelled', 'no_show', 'lapsed'] }).notNull(),
    /** When a hold stops blocking its nights (epoch ms); null for other statuses. */
    holdExpiresAt: integer('hold_expires_at'),
    referralId: text('referral_id'),
    /** The stay this one follows on a path (the apartment after the protocol's hotel nights). */
    previousStayId: text('previous_stay_id'),
    note: text('note'),
    overrideReason: text('override_reason'),
    /**
     * Linked stays of one household placed together on the same nights (a family too large for any
     * one unit) share this id; each then carries its own adults and children. Null otherwise: the
     * stay holds the whole household.
     */
    togetherGroup: text('together_group'),
    adults: integer('adults'),
    children: integer('children'),
    /**
     * Where the household went when it left (set at check-out or a residence departure); null: not
     * said. Its check is on the column (added by ALTER TABLE in the migrations, which keeps the
     * table's triggers).
     */
    destination: text('destination', { enum: DEPARTURE_DESTINATIONS }),
    /**
     * The unit's cost of one night when the stay was placed (partner hotels), frozen so that past
     * figures do not move when a unit's price changes; null where a night is not paid.
     */
    nightlyCostCents: integer('nightly_cost_cents'),
    createdBy: text('created_by')
      .notNull()
      .references(() => accounts.id),
    createdAt: integer('created_at').notNull().default(now),
    updatedAt: integer('updated_at').notNull().default(now)
  },
  (t) => [
    check('stays_range', sql`${t.start} < ${t.end}`),
    check('stays_status', sql`${t.status} IN ('hold','confirmed','in_place','ended','cancelled','no_show','lapsed')`),
    check('stays_programme', sql`${t.programme} IN ('emergency','dv_protocol','social_residence','housing_mission')`),
    index('stays_unit_range').on(t.unitId, t.end, t.start),
    index('stays_household').on(t.householdId),
    index('stays_status_hold').on(t.status, t.holdExpiresAt),
    // A unit's holds (lapsing a unit's expired holds before a write on it reads only that unit's).
    index('stays_unit_holds').on(t.unitId, t.holdExpiresAt).where(sql`status = 'hold'`),
    index('stays_together_group').on(t.togetherGroup)
  ]
);

/** Every change of a stay: placed, confirmed, extended, shortened, lapsed… */
export const stayEvents = sqliteTable(
  'stay_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    stayId: text('stay_id')
      .notNull()
      .references(() => stays.id),
    action: text('action').notNull(),
    fromStatus: text('from_status').$type<StayStatus>(),
    toStatus: text('to_status').$type<StayStatus>().notNull(),
    start: text('start_date').notNull(),
    end: text('end_date').notNull(),
    previousEnd: text('previous_end_date'),
    reason: text('reason'),
    actorId: text('actor_id'),
    at: integer('at').notNull()
  },
  (t) => [index('stay_events_stay').on(t.stayId)]
);

export const blocks = sqliteTable(
  'blocks',
  {
    id: text('id').primaryKey(),
    unitId: text('unit_id')
      .notNull()
      .references(() => units.id),
    start: text('start_date').notNull(),
    end: text('end_date').notNull(),
    reason: text('reason').notNull(),
    /**
     * Set when the system wrote the block rather than a person: the system reason's code
     * (src/domain/block-reasons.ts), e.g. the housing mission's unit closed outside its offer's
     * period. Such a block follows what wrote it and is never lifted by hand; null for a person's block,
     * whatever its reason says.
     */
    system: text('system', { enum: SYSTEM_BLOCK_REASONS }),
    createdBy: text('created_by')
      .notNull()
      .references(() => accounts.id),
    createdAt: integer('created_at').notNull().default(now)
  },
  (t) => [check('blocks_range', sql`${t.start} < ${t.end}`), index('blocks_unit_range').on(t.unitId, t.end, t.start)]
);

/** A request for a place, sent by a partner or taken by phone: no name needed, every step timed. */
export const referrals = sqliteTable(
  'referrals',
  {
    id: text('id').primaryKey(),
    /** The referring organisation: a partner's own, or the one a duty officer picked (or none). */
    organisationId: text('organisation_id').references(() => organisations.id),
    programme: text('programme').$type<Programme>().notNull(),
    urgency: text('urgency', { enum: ['immediate', 'within_24h', 'planned'] }).notNull(),
    requestedStart: text('requested_start').notNull(),
    nights: integer('nights').notNull(),
    adults: integer('adults').notNull(),
    children: integer('children').notNull(),
    needs: text('needs', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    /**
     * Where the household comes from: a commune of the territory (its INSEE code, in `communes`),
     * 'outside' the territory, or null when unknown.
     */
    originCommune: text('origin_commune'),
    referrerOrganisation: text('referrer_organisation').notNull(),
    referrerContact: text('referrer_contact').notNull(),
    referrerPhone: text('referrer_phone').notNull(),
    referrerEmail: text('referrer_email'),
    notes: text('notes'),
    status: text('status', { enum: ['received', 'accepted', 'declined', 'redirected', 'withdrawn', 'placed'] }).notNull(),
    receivedAt: integer('received_at').notNull(),
    decidedAt: integer('decided_at'),
    decisionReason: text('decision_reason'),
    decidedBy: text('decided_by').references(() => accounts.id),
    placedAt: integer('placed_at'),
    stayId: text('stay_id'),
    createdBy: text('created_by')
      .notNull()
      .references(() => accounts.id),
    /** When retention erased the referrer's contact person (and, for one never placed, its free text). */
    erasedAt: integer('erased_at')
  },
  (t) => [
    check('referrals_status', sql`${t.status} IN ('received','accepted','declined','redirected','withdrawn','placed')`),
    check('referrals_persons', sql`${t.adults} >= 0 AND ${t.children} >= 0 AND ${t.adults} + ${t.children} >= 1`),
    check('referrals_nights', sql`${t.nights} >= 1`),
    index('referrals_status_received').on(t.status, t.receivedAt),
    index('referrals_organisation').on(t.organisationId)
  ]
);

/**
 * The contact person and phone a partner account last gave on a referral, to fill its next form.
 * Per account, not per organisation: two social workers of one organisation are two people, and
 * one must not get (nor be called on) the other's phone.
 */
export const referrerContacts = sqliteTable('referrer_contacts', {
  accountId: text('account_id')
    .primaryKey()
    .references(() => accounts.id),
  contact: text('contact').notNull(),
  phone: text('phone').notNull(),
  updatedAt: integer('updated_at').notNull()
});

/** Emails to send after a commit; kept until sent, retried, never blocking the decision. */
export const outbox = sqliteTable(
  'outbox',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    referralId: text('referral_id'),
    recipients: text('recipients', { mode: 'json' }).$type<string[]>().notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    status: text('status', { enum: ['pending', 'sent', 'failed'] }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    nextAttemptAt: integer('next_attempt_at').notNull(),
    createdAt: integer('created_at').notNull(),
    sentAt: integer('sent_at')
  },
  (t) => [index('outbox_pending').on(t.status, t.nextAttemptAt)]
);

/** Requests that could not be placed, with their reason: the figure that justifies new places. */
export const unmetDemands = sqliteTable('unmet_demands', {
  id: text('id').primaryKey(),
  programme: text('programme').notNull(),
  start: text('start_date').notNull(),
  end: text('end_date').notNull(),
  persons: integer('persons').notNull(),
  accessible: integer('accessible', { mode: 'boolean' }).notNull().default(false),
  reason: text('reason').notNull(),
  referralId: text('referral_id'),
  createdBy: text('created_by').references(() => accounts.id),
  createdAt: integer('created_at').notNull().default(now)
});

/** The first answer to a request that carried an Idempotency-Key, per account. */
export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id),
    key: text('key').notNull(),
    route: text('route').notNull(),
    statusCode: integer('status_code').notNull(),
    response: text('response').notNull(),
    createdAt: integer('created_at').notNull().default(now)
  },
  (t) => [primaryKey({ columns: [t.accountId, t.key] })]
);

/** Append-only: triggers in the migrations refuse UPDATE and DELETE. */
export const auditEntries = sqliteTable(
  'audit_entries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    actorId: text('actor_id'),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    ip: text('ip'),
    detail: text('detail')
  },
  (t) => [index('audit_entity').on(t.entity, t.entityId), index('audit_at').on(t.at)]
);

/**
 * The free text of audit entries (a reason typed by someone), kept beside the append-only log so
 * that retention can drop it while the entry itself stays: the entry's detail keeps `true` in its place.
 */
export const auditReasons = sqliteTable(
  'audit_reasons',
  {
    auditId: integer('audit_id')
      .notNull()
      .references(() => auditEntries.id),
    key: text('key').notNull(),
    text: text('text').notNull()
  },
  (t) => [primaryKey({ columns: [t.auditId, t.key] })]
);

/** The operational nights on which the server's retention job has run (once each). */
export const retentionRuns = sqliteTable('retention_runs', {
  night: text('night').primaryKey(),
  ranAt: integer('ran_at').notNull()
});


// ---------------------------------------------------------------------------------------------
// The housing mission (docs/domain.md, "The housing mission"): private landlords' offers, the applicants, and the proposals.

export const landlords = sqliteTable('landlords', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  phone: text('phone'),
  email: text('email'),
  notes: text('notes'),
  createdAt: integer('created_at').notNull().default(now)
});

/** A dwelling a landlord offers; rents in cents per month, dates YYYY-MM-DD (availableUntil exclusive). */
export const offers = sqliteTable(
  'offers',
  {
    id: text('id').primaryKey(),
    landlordId: text('landlord_id')
      .notNull()
      .references(() => landlords.id),
    commune: text('commune').notNull(),
    address: text('address').notNull(),
    typology: text('typology').notNull(),
    surfaceM2: integer('surface_m2').notNull(),
    capacity: integer('capacity').notNull(),
    accessible: integer('accessible', { mode: 'boolean' }).notNull().default(false),
    rentCents: integer('rent_cents').notNull(),
    chargesCents: integer('charges_cents').notNull().default(0),
    availableFrom: text('available_from').notNull(),
    availableUntil: text('available_until'),
    scheme: text('scheme').$type<Scheme>().notNull(),
    locAvantagesLevel: text('loc_avantages_level').$type<LocAvantagesLevel>(),
    rentCapCents: integer('rent_cap_cents'),
    incomeCeilingCents: integer('income_ceiling_cents'),
    energyRating: text('energy_rating').notNull(),
    status: text('status', { enum: OFFER_STATUSES }).notNull().default('draft'),
    statusReason: text('status_reason'),
    /** A period offer's unit with nights (a site of kind private), bookable under housing_mission. */
    unitId: text('unit_id').references(() => units.id),
    photoUrl: text('photo_url'),
    createdAt: integer('created_at').notNull().default(now),
    updatedAt: integer('updated_at').notNull().default(now)
  },
  (t) => [
    check('offers_status', sql`${t.status} IN ('draft','open','let','withdrawn')`),
    check('offers_capacity', sql`${t.capacity} >= 1`),
    check('offers_dates', sql`${t.availableUntil} IS NULL OR ${t.availableFrom} < ${t.availableUntil}`),
    index('offers_status').on(t.status),
    index('offers_landlord').on(t.landlordId)
  ]
);

/** A household of the mission with its need. */
export const applicants = sqliteTable(
  'applicants',
  {
    id: text('id').primaryKey(),
    householdId: text('household_id').references(() => households.id),
    label: text('label').notNull(),
    persons: integer('persons').notNull(),
    accessibleNeeded: integer('accessible_needed', { mode: 'boolean' }).notNull().default(false),
    maxRentCents: integer('max_rent_cents').notNull(),
    yearlyIncomeCents: integer('yearly_income_cents').notNull(),
    communes: text('communes', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    neededFrom: text('needed_from').notNull(),
    waitingSince: text('waiting_since').notNull(),
    situation: text('situation').$type<Situation>().notNull(),
    emergencyStayEnd: text('emergency_stay_end'),
    /** When a lease was signed for this applicant: no longer matched. */
    housedAt: integer('housed_at'),
    createdAt: integer('created_at').notNull().default(now),
    /** When retention replaced its name and erased its free text (epoch ms). */
    pseudonymisedAt: integer('pseudonymised_at')
  },
  (t) => [check('applicants_persons', sql`${t.persons} >= 1`)]
);

/** An offer proposed to an applicant, followed to a signed lease or a refusal. */
export const proposals = sqliteTable(
  'proposals',
  {
    id: text('id').primaryKey(),
    offerId: text('offer_id')
      .notNull()
      .references(() => offers.id),
    applicantId: text('applicant_id')
      .notNull()
      .references(() => applicants.id),
    status: text('status', {
      enum: PROPOSAL_STATUSES
    })
      .notNull()
      .default('proposed'),
    reason: text('reason'),
    createdAt: integer('created_at').notNull().default(now),
    updatedAt: integer('updated_at').notNull().default(now),
    createdBy: text('created_by')
      .notNull()
      .references(() => accounts.id)
  },
  (t) => [
    check(
      'proposals_status',
      sql`${t.status} IN ('proposed','visit','accepted','lease_signed','refused_by_household','refused_by_landlord','closed')`
    ),
    // At most one signed lease per offer: the database backs up the service's refusal.
    uniqueIndex('proposals_one_lease_per_offer').on(t.offerId).where(sql`status = 'lease_signed'`),
    index('proposals_offer').on(t.offerId),
    index('proposals_applicant').on(t.applicantId)
  ]
);

/** Every step of an offer or a proposal, dated, with who and why: the mission's history. */
export const missionEvents = sqliteTable(
  'mission_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    offerId: text('offer_id')
      .notNull()
      .references(() => offers.id),
    /** Null for a step of the offer itself. */
    proposalId: text('proposal_id').references(() => proposals.id),
    status: text('status').notNull(),
    reason: text('reason'),
    at: integer('at').notNull(),
    accountId: text('account_id').references(() => accounts.id)
  },
  (t) => [index('mission_events_offer').on(t.offerId, t.at), index('mission_events_proposal').on(t.proposalId, t.at)]
);

/** A meeting of the social residence's admission committee: its decisions carry its id. */
export const residenceCommittees = sqliteTable(
  'residence_committees',
  {
    id: text('id').primaryKey(),
    /** The day it meets (YYYY-MM-DD). */
    meetsOn: text('meets_on').notNull(),
    /** Free text for the minutes (who attended…); never a name of an applicant in a partner's view. */
    note: text('note'),
    createdBy: text('created_by')
      .notNull()
      .references(() => accounts.id),
    createdAt: integer('created_at').notNull().default(now)
  },
  (t) => [index('residence_committees_meets_on').on(t.meetsOn)]
);

/** An application for admission to the social residence, filed by a partner or by staff. */
export const residenceApplications = sqliteTable(
  'residence_applications',
  {
    id: text('id').primaryKey(),
    householdId: text('household_id')
      .notNull()
      .references(() => households.id),
    /** The partner organisation that filed it (it follows it); null when staff filed it. */
    organisationId: text('organisation_id').references(() => organisations.id),
    filedBy: text('filed_by')
      .notNull()
      .references(() => accounts.id),
    typology: text('typology'),
    accessible: integer('accessible', { mode: 'boolean' }).notNull().default(false),
    monthlyIncomeCents: integer('monthly_income_cents').notNull(),
    public: text('public', { enum: RESIDENCE_PUBLICS }).notNull(),
    /** The situation and the plan (employment, training): free text, erased by retention. */
    situation: text('situation'),
    /**
     * Where the household comes from: a commune of the territory (its INSEE code, in `communes`),
     * 'outside' the territory, or null when unknown.
     */
    originCommune: text('origin_commune'),
    referrerOrganisation: text('referrer_organisation').notNull(),
    referrerContact: text('referrer_contact').notNull(),
    referrerPhone: text('referrer_phone').notNull(),
    referrerEmail: text('referrer_email'),
    status: text('status', { enum: APPLICATION_STATUSES }).notNull().default('received'),
    /** The reason of the last decision (required for refused and redirected). */
    reason: text('reason'),
    /** The committee of the last decision; null for an urgent decision between committees. */
    committeeId: text('committee_id').references(() => residenceCommittees.id),
    /** Set when it was admitted between committees (an urgent admission), which the pages say. */
    urgent: integer('urgent', { mode: 'boolean' }).notNull().default(false),
    receivedAt: integer('received_at').notNull(),
    decidedAt: integer('decided_at'),
    updatedAt: integer('updated_at').notNull().default(now),
    /** When retention erased its free text and referrer (epoch ms). */
    pseudonymisedAt: integer('pseudonymised_at')
  },
  (t) => [
    check('residence_applications_status', sql`${t.status} IN (${inList(APPLICATION_STATUSES)})`),
    check('residence_applications_public', sql`${t.public} IN (${inList(RESIDENCE_PUBLICS)})`),
    check('residence_applications_income', sql`${t.monthlyIncomeCents} >= 0`),
    check('residence_applications_reason', sql`${t.status} NOT IN ('refused','redirected') OR ${t.reason} IS NOT NULL`),
    index('residence_applications_status').on(t.status, t.receivedAt),
    index('residence_applications_household').on(t.householdId),
    index('residence_applications_organisation').on(t.organisationId)
  ]
);

/** Every step of an application, dated, with who, why and in which committee. */
export const residenceApplicationEvents = sqliteTable(
  'residence_application_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    applicationId: text('application_id')
      .notNull()
      .references(() => residenceApplications.id),
    status: text('status', { enum: APPLICATION_STATUSES }).notNull(),
    reason: text('reason'),
    committeeId: text('committee_id').references(() => residenceCommittees.id),
    urgent: integer('urgent', { mode: 'boolean' }).notNull().default(false),
    at: integer('at').notNull(),
    accountId: text('account_id').references(() => accounts.id)
  },
  (t) => [
    index('residence_application_events_application').on(t.applicationId, t.at),
    index('residence_application_events_committee').on(t.committeeId)
  ]
);

/**
 * An occupancy contract of the social residence (monthly, tacitly renewed). Its stay in the booking
 * core holds the unit's nights; amounts change only by dated amendments.
 */
export const residenceContracts = sqliteTable(
  'residence_contracts',
  {
    id: text('id').primaryKey(),
    applicationId: text('application_id')
      .notNull()
      .unique()
      .references(() => residenceApplications.id),
    householdId: text('household_id')
      .notNull()
      .references(() => households.id),
    unitId: text('unit_id')
      .notNull()
      .references(() => units.id),
    stayId: text('stay_id')
      .notNull()
      .unique()
      .references(() => stays.id),
    /** The first night under contract (YYYY-MM-DD). */
    start: text('start_date').notNull(),
    /** The departure date (the first night no longer under contract); null while active. */
    end: text('end_date'),
    /** The amounts at the start; later ones are amendments. */
    rentCents: integer('rent_cents').notNull(),
    chargesCents: integer('charges_cents').notNull(),
    aplCents: integer('apl_cents').notNull().default(0),
    depositCents: integer('deposit_cents').notNull().default(0),
    /** The referent social worker (a member of staff's name, not the resident's). */
    referent: text('referent'),
    /** The household's plan is reviewed every this many months from the start. */
    reviewEveryMonths: integer('review_every_months').notNull().default(6),
    status: text('status', { enum: CONTRACT_STATUSES }).notNull().default('active'),
    createdBy: text('created_by')
      .notNull()
      .references(() => accounts.id),
    createdAt: integer('created_at').notNull().default(now),
    updatedAt: integer('updated_at').notNull().default(now)
  },
  (t) => [
    check('residence_contracts_status', sql`${t.status} IN (${inList(CONTRACT_STATUSES)})`),
    check('residence_contracts_amounts', sql`${t.rentCents} >= 0 AND ${t.chargesCents} >= 0 AND ${t.aplCents} >= 0 AND ${t.depositCents} >= 0`),
    check('residence_contracts_end', sql`${t.end} IS NULL OR ${t.end} > ${t.start}`),
    check('residence_contracts_review', sql`${t.reviewEveryMonths} >= 1`),
    index('residence_contracts_household').on(t.householdId),
    index('residence_contracts_unit').on(t.unitId),
    index('residence_contracts_status').on(t.status)
  ]
);

/** New amounts from a date (the yearly revision, a new housing benefit): the past is never edited. */
export const residenceAmendments = sqliteTable(
  'residence_amendments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    contractId: text('contract_id')
      .notNull()
      .references(() => residenceContracts.id),
    /** The first night the new amounts apply (YYYY-MM-DD). */
    from: text('from_date').notNull(),
    /** Null: unchanged by this amendment. */
    rentCents: integer('rent_cents'),
    chargesCents: integer('charges_cents'),
    aplCents: integer('apl_cents'),
    createdBy: text('created_by')
      .notNull()
      .references(() => accounts.id),
    createdAt: integer('created_at').notNull().default(now)
  },
  (t) => [
    check(
      'residence_amendments_amounts',
      sql`(${t.rentCents} IS NULL OR ${t.rentCents} >= 0) AND (${t.chargesCents} IS NULL OR ${t.chargesCents} >= 0) AND (${t.aplCents} IS NULL OR ${t.aplCents} >= 0)`
    ),
    index('residence_amendments_contract').on(t.contractId, t.from)
  ]
);

/** A payment recorded on a contract; a negative amount is a reversal (a bounced cheque) with its reason. */
export const residencePayments = sqliteTable(
  'residence_payments',
  {
    id: text('id').primaryKey(),
    contractId: text('contract_id')
      .notNull()
      .references(() => residenceContracts.id),
    /** The day it was paid (YYYY-MM-DD): it counts in that month's statement. */
    date: text('date').notNull(),
    amountCents: integer('amount_cents').notNull(),
    means: text('means', { enum: PAYMENT_MEANS }).notNull(),
    reason: text('reason'),
    createdBy: text('created_by')
      .notNull()
      .references(() => accounts.id),
    createdAt: integer('created_at').notNull().default(now)
  },
  (t) => [
    check('residence_payments_means', sql`${t.means} IN (${inList(PAYMENT_MEANS)})`),
    check('residence_payments_amount', sql`${t.amountCents} <> 0`),
    check('residence_payments_reversal', sql`${t.amountCents} > 0 OR ${t.reason} IS NOT NULL`),
    index('residence_payments_contract').on(t.contractId, t.date)
  ]
);

/** A contract's departure, recorded when announced: its date, destination and notice. */
export const residenceDepartures = sqliteTable(
  'residence_departures',
  {
    contractId: text('contract_id')
      .primaryKey()
      .references(() => residenceContracts.id),
    /** The first night no longer under contract (YYYY-MM-DD): the unit is free from this night. */
    date: text('date').notNull(),
    destination: text('destination', { enum: DEPARTURE_DESTINATIONS }).notNull(),
    noticeGivenOn: text('notice_given_on'),
    by: text('by', { enum: NOTICE_GIVERS }),
    reason: text('reason'),
    recordedBy: text('recorded_by')
      .notNull()
      .references(() => accounts.id),
    recordedAt: integer('recorded_at').notNull()
  },
  (t) => [
    check('residence_departures_destination', sql`${t.destination} IN (${inList(DEPARTURE_DESTINATIONS)})`),
    check('residence_departures_by', sql`${t.by} IS NULL OR ${t.by} IN (${inList(NOTICE_GIVERS)})`),
    check('residence_departures_reason', sql`${t.by} IS NULL OR ${t.by} <> 'residence' OR ${t.reason} IS NOT NULL`),
    index('residence_departures_date').on(t.date)
  ]
);
