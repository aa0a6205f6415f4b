// The demo territory of the Pays de Lunel, built through the services so that every rule holds
// (`npm run demo`). Everything is placed relative to tonight's operational night; only ids, tokens
// and pseudonyms change from one run to the next. Names, addresses and households are fictitious.
import { addDays, plusMonths, type IsoDate } from '#domain/dates.ts';
import type { Programme, Role, SiteKind } from '#domain/programmes.ts';
import type { UnitReservation } from '#domain/residence-codes.ts';
import type { StayAction } from '#domain/stay-lifecycle.ts';
import type { Db } from '#db/client.ts';
import { createAccountWithToken, createUser } from '#services/accounts.ts';
import type { Actor } from '#services/actor.ts';
import { createBlock } from '#services/blocks.ts';
import { tonight } from '#services/clock.ts';
import { settings } from '#services/config.ts';
import { setLegalSettings } from '#services/legal.ts';
import { createSite, createUnit } from '#services/sites.ts';
import { actOnStay, placeStay, type HouseholdInput } from '#services/stays.ts';
import { seedMission, type PlacedHousehold } from './demo-mission.ts';
import { seedResidence, type ResidenceStay } from './demo-residence.ts';
import { deletePendingOutbox } from '#db/queries/outbox.ts';
import { ORIGIN_OUTSIDE, type OrganisationKind } from '#domain/territory.ts';
import { backdateInventory, seedHistory, seedOrganisations, type HistoryContext } from './demo-history.ts';

/** The one password of every demo sign-in account (at least 12 characters). */
export const DEMO_PASSWORD = 'demo-lunel-2026';
export const DEMO_PARTNER_ORGANISATION = 'Gendarmerie — brigade de Lunel';

export const DEMO_USERS: readonly { email: string; role: Role; name: string; organisation?: string; organisationKind?: OrganisationKind }[] = [
  { email: 'admin@demo.lunel.fr', role: 'admin', name: 'Direction du CIAS (démo)' },
  { email: 'astreinte@demo.lunel.fr', role: 'duty_officer', name: "Agent d'astreinte (démo)" },
  { email: 'logement@demo.lunel.fr', role: 'housing_officer', name: 'Mission logement (démo)' },
  { email: 'residence@demo.lunel.fr', role: 'residence_officer', name: 'Résidence sociale de Lunel (démo)' },
  { email: 'gendarmerie@demo.lunel.fr', role: 'partner', name: 'Gendarmerie de Lunel (démo)', organisation: DEMO_PARTNER_ORGANISATION, organisationKind: 'police' }
];

/** The two apartments funded by the ALT grant (aide au logement temporaire) since the history's start. */
/** The demo's legal notice: every value visibly a placeholder, never a real person's or body's. */
export const DEMO_LEGAL_SETTINGS = {
  publisherName: 'CIAS du Pays de Lunel (exemple de démonstration)',
  publisherAddress: '[Adresse à compléter]\n34400 Lunel',
  publisherContact: '[Téléphone ou e-mail à compléter]',
  publicationDirector: '[Nom à compléter] — président ou présidente du CIAS (exemple de démonstration)',
  hostName: '[Hébergeur à compléter] (exemple de démonstration)',
  hostAddress: '[Adresse de l’hébergeur à compléter]',
  hostContact: '[Téléphone de l’hébergeur à compléter]',
  dpoContact: 'dpo@example.invalid (exemple de démonstration : à remplacer)',
  accessibilityContact: 'accessibilite@example.invalid (exemple de démonstration : à remplacer)'
} as const;

export const DEMO_ALT_UNITS = ['maison1', 'maison2'] as const;

const EMERGENCY: Programme[] = ['emergency', 'dv_protocol'];

interface UnitSeed {
  key: string;
  name: string;
  capacity: number;
  typology: string | null;
  programmes: Programme[];
  accessible?: boolean;
  nightlyCost?: number;
  reservedFor?: UnitReservation;
}

/** Where the households placed around tonight come from, in turn: several communes, outside the territory, unknown. */
export const DEMO_ORIGINS: readonly (string | null)[] = ['34145', '34151', ORIGIN_OUTSIDE, '34146', null, '34272', '34145', '34246', '34033', '34145', '34340', null, '34151', '34296'];

const isAlt = (key: string): boolean => (DEMO_ALT_UNITS as readonly string[]).includes(key);

interface SiteSeed {
  name: string;
  commune: string;
  address: string;
  confidential: boolean;
  kind: SiteKind;
  units: UnitSeed[];
}

function hotelRooms(prefix: string, hotel: string, capacities: number[], cost: number): UnitSeed[] {
  return capacities.map((capacity, i) => ({
    key: `${prefix}${i + 1}`,
    name: `${hotel} — chambre ${i + 1}`,
    capacity,
    typology: null,
    programmes: EMERGENCY,
    nightlyCost: cost
  }));
}

function residenceUnits(): UnitSeed[] {
  const out: UnitSeed[] = [];
  for (let n = 1; n <= 16; n++) {
    const num = String(n).padStart(2, '0');
    // The two ground-floor studios next to the entrance are accessible (PMR); the first four are
    // reserved for young workers (the Mission Locale's public), ranked first on their waiting list.
    out.push({
      key: `studio${num}`,
      name: `Les Tamaris — studio ${num}`,
      capacity: 1,
      typology: 'T1',
      programmes: ['social_residence'],
      accessible: n <= 2,
      ...(n <= 4 && { reservedFor: 'young_worker' as const })
    });
  }
  for (let n = 17; n <= 20; n++) {
    out.push({ key: `t1bis${n}`, name: `Les Tamaris — T1' ${n}`, capacity: 2, typology: 'T1bis', programmes: ['social_residence'] });
  }
  return out;
}

/** The inventory: 34 units on 7 sites in 5 communes of the Pays de Lunel. */
export const DEMO_SITES: readonly SiteSeed[] = [
  {
    name: "Appartement d'urgence de Saussines",
    commune: 'Saussines',
    address: '7 impasse des Oliviers, 34160 Saussines',
    confidential: true,
    kind: 'apartment',
    units: [{ key: 'saussines', name: 'Appartement T3 de Saussines', capacity: 5, typology: 'T3', programmes: EMERGENCY }]
  },
  {
    name: "Appartement d'urgence de Saint-Christol",
    commune: 'Saint-Christol',
    address: '3 rue du Vieux Four, Saint-Christol, 34400 Entre-Vignes',
    confidential: true,
    kind: 'apartment',
    units: [{ key: 'christol', name: 'Appartement T3 de Saint-Christol', capacity: 4, typology: 'T3', programmes: EMERGENCY }]
  },
  {
    name: 'Maison familiale de Marsillargues',
    commune: 'Marsillargues',
    address: '18 chemin des Canaux, 34590 Marsillargues',
    confidential: true,
    kind: 'apartment',
    units: [
      { key: 'maison1', name: 'Maison de Marsillargues — logement 1 (rez-de-chaussée)', capacity: 2, typology: 'T2', programmes: EMERGENCY, accessible: true },
      { key: 'maison2', name: 'Maison de Marsillargues — logement 2', capacity: 3, typology: 'T2', programmes: EMERGENCY },
      { key: 'maison3', name: 'Maison de Marsillargues — logement 3', capacity: 4, typology: 'T3', programmes: EMERGENCY },
      { key: 'maison4', name: 'Maison de Marsillargues — logement 4', capacity: 5, typology: 'T4', programmes: EMERGENCY }
    ]
  },
  {
    name: 'Hôtel du Vidourle (hôtel partenaire)',
    commune: 'Lunel',
    address: '21 avenue des Abrivados, 34400 Lunel',
    confidential: false,
    kind: 'hotel',
    units: hotelRooms('vidourle', 'Hôtel du Vidourle', [2, 3, 4], 62)
  },
  {
    name: 'Hôtel Le Mas des Cigales (hôtel partenaire)',
    commune: 'Lunel-Viel',
    address: '5 route de Valergues, 34400 Lunel-Viel',
    confidential: false,
    kind: 'hotel',
    units: hotelRooms('cigales', 'Mas des Cigales', [2, 4], 55)
  },
  {
    name: 'Hôtel Le Relais des Arènes (hôtel partenaire)',
    commune: 'Marsillargues',
    address: '2 place des Arènes, 34590 Marsillargues',
    confidential: false,
    kind: 'hotel',
    units: hotelRooms('arenes', 'Relais des Arènes', [2, 3, 3], 68)
  },
  {
    name: 'Résidence sociale Les Tamaris',
    commune: 'Lunel',
    address: '40 rue des Tamaris, 34400 Lunel',
    confidential: false,
    kind: 'residence',
    units: residenceUnits()
  }
];

interface StaySeed {
  unit: string;
  programme: Programme;
  household: HouseholdInput;
  /** Nights from tonight (negative: a past stay recorded by the admin). */
  from: number;
  /** Instead of `from`: this many months before tonight, the same day (a resident whose plan is reviewed this month). */
  fromMonths?: number;
  nights: number;
  /** What happens after the stay is placed. */
  then?: 'hold' | 'confirmed' | 'in_place' | 'ended' | 'cancelled';
  note?: string;
}

const KEYS_ASTREINTE = "Clés remises en main propre par l'agent d'astreinte ; double au bureau du CIAS.";

/** Emergency and DV-protocol stays around tonight. */
const EMERGENCY_STAYS: readonly StaySeed[] = [
  {
    unit: 'saussines',
    programme: 'dv_protocol',
    household: { label: 'Mme Rossi et ses deux enfants', adults: 1, children: 2 },
    from: -9,
    nights: 60,
    then: 'in_place',
    note: `${KEYS_ASTREINTE} Suivi CIDFF ; point au réseau mensuel.`
  },
  {
    unit: 'maison3',
    programme: 'dv_protocol',
    household: { label: 'Mme Haddad et ses trois enfants', adults: 1, children: 3 },
    from: -24,
    nights: 68,
    then: 'in_place',
    note: `${KEYS_ASTREINTE} Scolarisation des enfants à Marsillargues en cours.`
  },
  {
    unit: 'maison2',
    programme: 'emergency',
    household: { label: 'M. Moreau et sa fille', adults: 1, children: 1 },
    from: -4,
    nights: 30,
    then: 'in_place',
    note: 'Après incendie du logement (arrêté de péril). Contact sur place : voisine du logement 1 pour les compteurs.'
  },
  {
    unit: 'vidourle1',
    programme: 'dv_protocol',
    household: { label: 'Mme Lefèvre et son fils', adults: 1, children: 1 },
    from: -1,
    nights: 3,
    then: 'in_place',
    note: "Orientation gendarmerie. Nuitées sur le budget du protocole ; la réception de l'hôtel ne connaît que le nom de la permanence."
  },
  {
    unit: 'cigales1',
    programme: 'emergency',
    household: { label: 'M. et Mme Martin', adults: 2, children: 0 },
    from: 0,
    nights: 2,
    then: 'in_place',
    note: 'Arrivés ce soir ; clé à la réception, présenter le bon du CIAS.'
  },
  {
    unit: 'christol',
    programme: 'emergency',
    household: { label: 'Famille Benali', adults: 2, children: 2 },
    from: 1,
    nights: 28,
    then: 'confirmed',
    note: "Arrivée prévue demain vers 18 h ; rendez-vous devant l'appartement avec l'agent d'astreinte."
  },
  {
    unit: 'arenes2',
    programme: 'dv_protocol',
    household: { label: 'Mme Garcia et ses deux enfants', adults: 1, children: 2 },
    from: 1,
    nights: 3,
    then: 'confirmed',
    note: 'Hébergée ce soir chez une amie ; arrivée demain après la plainte.'
  },
  {
    unit: 'vidourle2',
    programme: 'emergency',
    household: { label: 'M. Dupont', adults: 1, children: 0 },
    from: 1,
    nights: 2,
    then: 'cancelled',
    note: 'Annulé : hébergé par sa sœur à Lunel-Viel.'
  },
  {
    unit: 'arenes1',
    programme: 'dv_protocol',
    household: { label: 'Mme Ferreira et sa fille', adults: 1, children: 1 },
    from: 0,
    nights: 3,
    then: 'hold',
    note: "Appel de la gendarmerie à confirmer : la victime est encore à la brigade."
  },
  {
    unit: 'maison4',
    programme: 'emergency',
    household: { label: 'Famille Ndiaye', adults: 2, children: 3 },
    from: 0,
    nights: 21,
    then: 'hold',
    note: 'Expulsion ce jour ; le 115 rappelle pour confirmer.'
  }
];

/** Residence stays: most studios occupied for several months. */
const RESIDENCE_STAYS: readonly StaySeed[] = [
  ...(
    [
      ['studio02', 'M. Laurent', 12, 183],
      ['studio03', 'Mme Moreau', 25, 365],
      ['studio04', 'M. Benhamou', 41, 183],
      ['studio05', 'Mme Ortega', 63, 274],
      ['studio06', 'M. Faure', 88, 365],
      ['studio07', 'Mme Diallo', 104, 183],
      ['studio08', 'M. Petit', 131, 365],
      ['studio09', 'Mme Roux', 160, 274],
      ['studio10', 'M. Lopez', 197, 365],
      ['studio11', 'Mme Girard', 233, 548],
      ['studio12', 'M. Bonnet', 270, 365],
      ['studio13', 'Mme Mercier', 318, 730]
    ] as const
  ).map(([unit, label, since, nights]): StaySeed => ({
    unit,
    programme: 'social_residence',
    household: { label, adults: 1, children: 0 },
    from: -since,
    // Mme Diallo came six months ago to the day: her plan's first review falls this month.
    ...(label === 'Mme Diallo' && { fromMonths: 6 }),
    nights,
    then: 'in_place',
    note: 'Contrat de résidence mensuel renouvelable ; redevance prélevée le 5.'
  })),
  {
    unit: 'studio14',
    programme: 'social_residence',
    household: { label: 'M. Chevalier', adults: 1, children: 0 },
    from: -400,
    nights: 370,
    then: 'ended',
    note: 'Parti dans un logement du parc social (Lunel).'
  },
  {
    unit: 'studio16',
    programme: 'social_residence',
    household: { label: 'Mme Blanc', adults: 1, children: 0 },
    from: 6,
    nights: 365,
    then: 'confirmed',
    note: "Admission validée en commission ; état des lieux d'entrée à 10 h."
  },
  {
    unit: 't1bis17',
    programme: 'social_residence',
    household: { label: 'M. et Mme Dubois', adults: 2, children: 0 },
    from: -75,
    nights: 365,
    then: 'in_place'
  },
  {
    unit: 't1bis18',
    programme: 'social_residence',
    household: { label: 'Mme Renaud et son fils', adults: 1, children: 1 },
    from: -140,
    nights: 548,
    then: 'in_place'
  },
  {
    unit: 't1bis19',
    programme: 'social_residence',
    household: { label: 'M. Aubert et sa fille', adults: 1, children: 1 },
    from: -30,
    nights: 274,
    then: 'in_place'
  }
];

const BLOCKS: readonly { unit: string; from: number; nights: number; reason: string }[] = [
  { unit: 'vidourle3', from: 1, nights: 3, reason: 'Fuite dans la salle de bains : plombier attendu' },
  { unit: 'studio15', from: -3, nights: 14, reason: 'Remise en état après départ (peinture, sols)' }
];

/** The moves that bring a freshly placed stay (confirmed or hold) to the wanted status. */
function movesTo(status: StaySeed['then']): StayAction[] {
  switch (status) {
    case 'in_place':
      return ['check-in'];
    case 'ended':
      return ['check-in', 'check-out'];
    case 'cancelled':
      return ['cancel'];
    default:
      return [];
  }
}

/**
 * Builds the demo territory on a new, migrated database. Returns the lines to print: the address
 * to open, each sign-in account (email / password, role) and each API token (role: token).
 */
export async function seedDemo(db: Db): Promise<string[]> {
  // About a hundred small transactions: with synchronous=FULL each one waits for an fsync, which
  // triples the time of the seed. The demo database is new and thrown away at each start, so the
  // seed writes with NORMAL (still safe in WAL against a crash of the process) and then gives the
  // connection its setting back.
  const previous = db.$client.pragma('synchronous', { simple: true }) as number;
  db.$client.pragma('synchronous = NORMAL');
  try {
    return await build(db);
  } finally {
    db.$client.pragma(`synchronous = ${previous}`);
  }
}

async function build(db: Db): Promise<string[]> {
  const night: IsoDate = tonight();

  // Accounts: the admin first, then everything else is done by that admin.
  const [adminUser, ...otherUsers] = DEMO_USERS;
  const created = await createUser(db, { ...adminUser, password: DEMO_PASSWORD });
  const admin: Actor = { accountId: created.accountId, role: 'admin', organisationId: null, ip: null };
  const accountIds = new Map<Role, string>();
  const actors = new Map<Role, Actor>();
  for (const u of otherUsers) {
    const user = await createUser(db, { ...u, password: DEMO_PASSWORD }, admin);
    accountIds.set(u.role, user.accountId);
    actors.set(u.role, { accountId: user.accountId, role: u.role, organisationId: user.organisationId ?? null, ip: null });
  }
  const tokens = DEMO_USERS.map((u) => {
    const t = createAccountWithToken(db, { name: `${u.name} — jeton API`, role: u.role, organisation: u.organisation }, admin);
    return { role: u.role, token: t.token };
  });

  // Sites and units.
  const unitIds = new Map<string, string>();
  for (const s of DEMO_SITES) {
    const site = createSite(db, admin, { name: s.name, commune: s.commune, address: s.address, confidential: s.confidential, kind: s.kind });
    for (const u of s.units) {
      const unit = createUnit(db, admin, {
        siteId: site.id,
        name: u.name,
        capacity: u.capacity,
        typology: u.typology,
        programmes: u.programmes,
        accessible: u.accessible ?? false,
        nightlyCost: u.nightlyCost ?? null,
        reservedFor: u.reservedFor ?? null,
        alt: isAlt(u.key)
      });
      unitIds.set(u.key, unit.id);
    }
  }
  const unitId = (key: string): string => {
    const id = unitIds.get(key);
    if (!id) throw new Error(`demo seed: no unit "${key}"`);
    return id;
  };

  // Every unit has been in service (and the ALT apartments under the grant) since the history's start;
  // the referring organisations have their kinds.
  const emergencyUnits = DEMO_SITES.filter((s) => s.kind === 'hotel' || s.kind === 'apartment').flatMap((s) =>
    s.units.map((u) => ({ key: u.key, hotel: s.kind === 'hotel', capacity: u.capacity }))
  );
  const partnerActor = actors.get('partner');
  if (!partnerActor) throw new Error('demo seed: no partner');
  const history: HistoryContext = { admin, partner: partnerActor, night, unitIds, emergencyUnits, altUnits: DEMO_ALT_UNITS };
  backdateInventory(db, history);
  seedOrganisations(db, admin);
  // The legal notice's settings: placeholders that say so, for a real CIAS to replace (/admin/mentions).
  // No audit: the accessibility statement says « non conforme », as the RGAA requires without one.
  setLegalSettings(db, admin, DEMO_LEGAL_SETTINGS);

  // Blocks first: the stays are laid around them.
  for (const b of BLOCKS) {
    createBlock(db, admin, { unitId: unitId(b.unit), start: addDays(night, b.from), end: addDays(night, b.from + b.nights), reason: b.reason });
  }

  // Stays: past ones are recorded by the admin, then moved along their lifecycle.
  const placed = new Map<string, PlacedHousehold>();
  const residenceStays = new Map<string, ResidenceStay>();
  for (const [i, s] of [...EMERGENCY_STAYS, ...RESIDENCE_STAYS].entries()) {
    const start = s.fromMonths ? plusMonths(night, -s.fromMonths) : addDays(night, s.from);
    const { value: stay } = placeStay(db, admin, {
      unitId: unitId(s.unit),
      start,
      end: addDays(start, s.nights),
      programme: s.programme,
      household: { ...s.household, originCommune: DEMO_ORIGINS[i % DEMO_ORIGINS.length] },
      status: s.then === 'hold' ? 'hold' : 'confirmed',
      note: s.note ?? null
    });
    for (const action of movesTo(s.then)) actOnStay(db, admin, stay.id, action);
    if (s.then === 'in_place') placed.set(s.household.label, { householdId: stay.householdId, end: stay.end });
    if (s.programme === 'social_residence') {
      residenceStays.set(s.household.label, { householdId: stay.householdId, stayId: stay.id, unitId: stay.unitId, start, inPlace: s.then === 'in_place' });
    }
  }

  // The housing mission: landlords, offers, applicants, proposals, entered by the housing officer.
  const officerId = accountIds.get('housing_officer');
  if (!officerId) throw new Error('demo seed: no housing officer');
  const housingOfficer: Actor = { accountId: officerId, role: 'housing_officer', organisationId: null, ip: null };
  seedMission(db, housingOfficer, night, placed);

  // The social residence: contracts for its residents, committees, a waiting list, one household's whole pathway.
  const residenceOfficer = actors.get('residence_officer');
  const partner = actors.get('partner');
  if (!residenceOfficer || !partner) throw new Error('demo seed: no residence officer or partner');
  seedResidence(db, { admin, officer: residenceOfficer, housingOfficer, partner, stays: residenceStays, unitId });
  // The past year of emergency and DV stays, referrals and unmet demand, around the pathways above.
  seedHistory(db, history);
  // The demo's history is told through the services, which queue the referrer's emails when SMTP is
  // set: none of that past is news to anyone, so nothing seeded is sent.
  deletePendingOutbox(db);

  const origin = settings.origin();
  return [
    `Open ${origin}/connexion (tonight is the night of ${night})`,
    'Sign-in accounts (email / password, role):',
    ...DEMO_USERS.map((u) => `  ${u.email} / ${DEMO_PASSWORD} (${u.role})`),
    'API tokens (Authorization: Bearer <token>):',
    ...tokens.map((t) => `  ${t.role}: ${t.token}`)
  ];
}
