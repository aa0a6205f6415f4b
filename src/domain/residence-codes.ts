// The closed lists of the social residence and of departures: the database's checks, the schemas
// and the pages all read them from here.

/** An application for admission: received, then decided by the committee (or urgently between committees). */
export const APPLICATION_STATUSES = ['received', 'admitted', 'waiting_list', 'refused', 'redirected', 'withdrawn', 'housed'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** The public an application belongs to; some units are reserved for young workers. */
export const RESIDENCE_PUBLICS = ['young_worker', 'dv', 'other'] as const;
export type ResidencePublic = (typeof RESIDENCE_PUBLICS)[number];

/** The publics a unit may be reserved for. */
export const UNIT_RESERVATIONS = ['young_worker'] as const;
export type UnitReservation = (typeof UNIT_RESERVATIONS)[number];

export const CONTRACT_STATUSES = ['active', 'ended'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];

export const PAYMENT_MEANS = ['transfer', 'cheque', 'cash', 'card', 'other'] as const;
export type PaymentMeans = (typeof PAYMENT_MEANS)[number];

/** Who gave notice of a departure. */
export const NOTICE_GIVERS = ['resident', 'residence'] as const;
export type NoticeGiver = (typeof NOTICE_GIVERS)[number];

/** Where a household went when it left: a residence departure or the check-out of any stay. */
export const DEPARTURE_DESTINATIONS = [
  'private_rental',
  'social_housing',
  'family_or_friends',
  'other_structure',
  'hospital_or_care',
  'street',
  'unknown'
] as const;
export type DepartureDestination = (typeof DEPARTURE_DESTINATIONS)[number];

/** The destinations that are an exit to housing (a home of one's own). */
export const HOUSING_DESTINATIONS: readonly DepartureDestination[] = ['private_rental', 'social_housing'];


/** Whether a value is one of the closed list of departure destinations. */
export function isDepartureDestination(value: unknown): value is DepartureDestination {
  return typeof value === 'string' && (DEPARTURE_DESTINATIONS as readonly string[]).includes(value);
}
