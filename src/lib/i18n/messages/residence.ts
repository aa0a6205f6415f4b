// The social residence (/residence): applications and their statuses, the publics, payments,
// departures and their destinations, notice, and the waiting list's reasons in words.
import { count } from '../plural.ts';
import { formatDay } from '../../format.ts';
import type { ApplicationStatus, ApplicationOutcome } from '#domain/residence-lifecycle.ts';
import type { DepartureDestination, NoticeGiver, PaymentMeans, ResidencePublic, UnitReservation, WaitingReason } from '#domain/residence.ts';

/** A waiting list reason in words, from its code's parameters. */
const reservedPublicFr: Record<UnitReservation, string> = { young_worker: 'aux jeunes travailleurs' };
const reservedPublicEn: Record<UnitReservation, string> = { young_worker: 'young workers' };

type ReasonWording = { [C in WaitingReason['code']]: (p: Extract<WaitingReason, { code: C }>['params']) => string };

const reasonsFr: ReasonWording = {
	reserved_public: (p) => `Logement réservé ${reservedPublicFr[p.public]} : la demande relève de ce public.`,
	dv_household: () => 'Ménage victime de violences conjugales.',
	emergency_stay_ending: (p) =>
		p.daysLeft === 0
			? 'Sa mise à l’abri se termine aujourd’hui.'
			: `Sa mise à l’abri se termine le ${formatDay(p.end, 'fr')}, dans ${count('fr', p.daysLeft, 'jour', 'jours')}.`,
	waited: (p) => `Attend depuis ${count('fr', p.days, 'jour', 'jours')} (depuis le ${formatDay(p.since, 'fr')}).`
};

const reasonsEn: ReasonWording = {
	reserved_public: (p) => `Unit reserved for ${reservedPublicEn[p.public]}: the application belongs to that public.`,
	dv_household: () => 'Household fleeing domestic violence.',
	emergency_stay_ending: (p) =>
		p.daysLeft === 0 ? 'Their emergency stay ends today.' : `Their emergency stay ends on ${formatDay(p.end, 'en')}, in ${count('en', p.daysLeft, 'day', 'days')}.`,
	waited: (p) => `Waiting for ${count('en', p.days, 'day', 'days')} (since ${formatDay(p.since, 'en')}).`
};

export const fr = {
	title: 'Résidence sociale',
	applicationStatuses: {
		received: 'Reçue',
		waiting_list: 'Liste d’attente',
		admitted: 'Admise',
		refused: 'Refusée',
		redirected: 'Réorientée',
		withdrawn: 'Retirée',
		housed: 'Logée (contrat signé)'
	} satisfies Record<ApplicationStatus, string>,
	outcomes: {
		admitted: 'Admission',
		waiting_list: 'Liste d’attente',
		refused: 'Refus',
		redirected: 'Réorientation',
		withdrawn: 'Retrait'
	} satisfies Record<ApplicationOutcome, string>,
	publics: {
		young_worker: 'Jeune travailleur (moins de 30 ans)',
		dv: 'Violences conjugales',
		other: 'Autre public'
	} satisfies Record<ResidencePublic, string>,
	reservedFor: {
		young_worker: 'Réservé aux jeunes travailleurs'
	} satisfies Record<UnitReservation, string>,
	paymentMeans: {
		transfer: 'Virement',
		cheque: 'Chèque',
		cash: 'Espèces',
		card: 'Carte bancaire',
		other: 'Autre moyen'
	} satisfies Record<PaymentMeans, string>,
	destinations: {
		private_rental: 'Logement locatif privé',
		social_housing: 'Logement social',
		family_or_friends: 'Famille ou amis',
		other_structure: 'Autre structure d’hébergement',
		hospital_or_care: 'Hôpital ou soins',
		street: 'Rue',
		unknown: 'Inconnue'
	} satisfies Record<DepartureDestination, string>,
	toHousing: 'Sortie vers le logement',
	noticeBy: {
		resident: 'Par le résident (préavis de 8 jours)',
		residence: 'Par la résidence (préavis d’un mois, motif obligatoire)'
	} satisfies Record<NoticeGiver, string>,
	earliestDeparture: (date: string) => `Départ possible à partir du ${formatDay(date, 'fr')}.`,
	monthsOwed: (n: number) => `${count('fr', n, 'mois', 'mois')} d’impayés`,
	reviewDue: (date: string) => `Révision du projet le ${formatDay(date, 'fr')}`,
	waitingReasons: reasonsFr
};

export const en: typeof fr = {
	title: 'Social residence',
	applicationStatuses: {
		received: 'Received',
		waiting_list: 'Waiting list',
		admitted: 'Admitted',
		refused: 'Refused',
		redirected: 'Redirected',
		withdrawn: 'Withdrawn',
		housed: 'Housed (contract signed)'
	},
	outcomes: {
		admitted: 'Admission',
		waiting_list: 'Waiting list',
		refused: 'Refusal',
		redirected: 'Redirection',
		withdrawn: 'Withdrawal'
	},
	publics: {
		young_worker: 'Young worker (under 30)',
		dv: 'Domestic violence',
		other: 'Other public'
	},
	reservedFor: {
		young_worker: 'Reserved for young workers'
	},
	paymentMeans: {
		transfer: 'Bank transfer',
		cheque: 'Cheque',
		cash: 'Cash',
		card: 'Card',
		other: 'Other means'
	},
	destinations: {
		private_rental: 'Private rental',
		social_housing: 'Social housing',
		family_or_friends: 'Family or friends',
		other_structure: 'Another accommodation structure',
		hospital_or_care: 'Hospital or care',
		street: 'Street',
		unknown: 'Unknown'
	},
	toHousing: 'Exit to housing',
	noticeBy: {
		resident: 'By the resident (8 days’ notice)',
		residence: 'By the residence (one month’s notice, a reason required)'
	},
	earliestDeparture: (date: string) => `Earliest departure: ${formatDay(date, 'en')}.`,
	monthsOwed: (n: number) => `${count('en', n, 'month', 'months')} in arrears`,
	reviewDue: (date: string) => `Plan review on ${formatDay(date, 'en')}`,
	waitingReasons: reasonsEn
};
