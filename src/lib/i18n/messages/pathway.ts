// A household's pathway (/menages/<id>/parcours): every step across programmes, dated, with where it led.
import type { PathwayKind } from '#domain/pathway.ts';

export const fr = {
	title: 'Parcours',
	heading: (who: string) => `Parcours de ${who}`,
	intro: 'Chaque étape du ménage, d’un dispositif à l’autre, dans l’ordre du temps : d’où il vient, où il est allé.',
	back: 'Retour à la fiche du ménage',
	audited: 'La lecture du parcours d’un ménage confidentiel est inscrite au journal.',
	confidential: 'Ménage confidentiel : nom masqué',
	none: 'Aucune étape enregistrée pour ce ménage.',
	stepsCaption: 'Étapes du parcours, de la plus ancienne à la plus récente',
	kinds: {
		referral: 'Orientation reçue',
		stay: 'Séjour',
		residence_application: 'Demande d’admission à la résidence sociale',
		committee_decision: 'Décision de la commission d’admission',
		residence_contract: 'Contrat d’occupation à la résidence sociale',
		departure: 'Départ',
		mission_applicant: 'Candidat de la mission logement',
		proposal: 'Proposition d’un logement',
		lease_signed: 'Bail signé'
	} satisfies Record<PathwayKind, string>,
	hidden: 'Étape d’un dispositif que votre rôle ne suit pas : détails réservés.',
	range: (start: string, end: string) => `du ${start} au ${end}`,
	from: (start: string) => `depuis le ${start}`,
	openReferral: 'Ouvrir l’orientation',
	openStay: 'Ouvrir le séjour',
	ledToStay: 'Le séjour qui a suivi',
	previousStay: 'Le séjour précédent',
	openApplicant: 'Ouvrir la fiche du candidat',
	urgent: 'Admission urgente, entre deux commissions',
	destination: 'Destination :',
	toHousing: 'Sortie vers le logement',
	housed: 'Relogé',
	unit: 'Logement',
	status: 'Statut :'
};

export const en: typeof fr = {
	title: 'Pathway',
	heading: (who: string) => `Pathway of ${who}`,
	intro: 'Every step of the household, from one programme to the next, in time order: where it came from, where it went.',
	back: 'Back to the household’s record',
	audited: 'Reading a confidential household’s pathway is written to the audit log.',
	confidential: 'Confidential household: name hidden',
	none: 'No step recorded for this household.',
	stepsCaption: 'Steps of the pathway, oldest first',
	kinds: {
		referral: 'Referral received',
		stay: 'Stay',
		residence_application: 'Application to the social residence',
		committee_decision: 'Admission committee decision',
		residence_contract: 'Occupancy contract at the social residence',
		departure: 'Departure',
		mission_applicant: 'Housing mission applicant',
		proposal: 'A dwelling proposed',
		lease_signed: 'Lease signed'
	},
	hidden: 'A step of a programme your role does not handle: details withheld.',
	range: (start: string, end: string) => `from ${start} to ${end}`,
	from: (start: string) => `since ${start}`,
	openReferral: 'Open the referral',
	openStay: 'Open the stay',
	ledToStay: 'The stay that followed',
	previousStay: 'The previous stay',
	openApplicant: 'Open the applicant’s record',
	urgent: 'Urgent admission, between committees',
	destination: 'Destination:',
	toHousing: 'Exit to housing',
	housed: 'Housed',
	unit: 'Unit',
	status: 'Status:'
};
