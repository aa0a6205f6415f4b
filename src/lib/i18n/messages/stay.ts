// A stay's page (/sejours/<id>): the household, the unit, the nights, the note, the actions, the history.
import { count } from '../plural.ts';
import type { ConflictRange } from '#domain/errors.ts';

export const fr = {
	title: (name: string) => `Séjour — ${name}`,
	status: 'Statut\u00a0:',
	done: {
		confirm: 'Séjour confirmé.',
		'check-in': 'Arrivée enregistrée.',
		'check-out': 'Départ enregistré.',
		cancel: 'Séjour annulé : ses nuits sont libérées.',
		'no-show': 'Non-venue enregistrée : les nuits sont libérées.',
		extend: 'Séjour prolongé.',
		shorten: 'Séjour raccourci : les nuits d’après sont libérées.',
		unchanged: 'La date de départ n’a pas changé.',
		note: 'Note pratique enregistrée.',
		following: 'Suite placée : le ménage continue dans ce logement, à la suite de son séjour à l’hôtel.',
		placed: 'Ménage placé : l’orientation est marquée « placée ».'
	},
	household: {
		title: 'Ménage',
		composition: (adults: number, children: number) =>
			`${count('fr', adults, 'adulte', 'adultes')}${children ? `, ${count('fr', children, 'enfant', 'enfants')}` : ''}`,
		pseudonym: (p: string) => `Pseudonyme\u00a0: ${p}`,
		confidential: 'Ménage confidentiel (protocole violences conjugales) : il apparaît sous son pseudonyme.',
		record: 'Fiche du ménage',
		together: (composition: string) => `Dans ce logement : ${composition}. Le ménage est placé dans plusieurs logements pour les mêmes nuits.`,
		togetherLink: 'Voir tous ses logements'
	},
	unit: {
		title: 'Logement',
		site: 'Site',
		address: (a: string) => `Adresse\u00a0: ${a}`,
		addressHidden: 'Adresse confidentielle (réservée à l’astreinte et à la direction)',
		capacity: (n: number) => `Capacité : ${count('fr', n, 'personne', 'personnes')}`,
		accessible: 'Accessible (PMR)',
		confidentialSite: 'Site confidentiel'
	},
	nights: {
		title: 'Nuits',
		range: 'Dates',
		count: 'Durée',
		programme: 'Dispositif',
		limit: (n: number) => `Durée maximale de ce dispositif sur ce type de site : ${count('fr', n, 'nuit', 'nuits')}.`,
		override: 'Dépassement de la limite accordé par la direction :',
		holdUntil: (time: string) => `Option (provisoire) jusqu’à ${time} ; sans confirmation, elle expire d’elle-même.`
	},
	path: {
		previous: 'Ce séjour fait suite à :',
		next: 'La suite de ce séjour :',
		stay: (unit: string, site: string, range: string) => `${unit} (${site}), ${range}`
	},
	referral: {
		title: 'Orientation',
		from: 'Orienté par',
		contact: 'Contact',
		call: (phone: string) => `Appeler le ${phone}`,
		erased: 'Contact effacé (conservation des données : deux ans)',
		status: 'Statut de l’orientation :',
		open: 'Voir l’orientation'
	},
	following: {
		title: 'Étape suivante : un appartement',
		lead: (limit: string, date: string) => `À l’hôtel, ce séjour est à sa limite (${limit}). Le ménage peut continuer dans un appartement à partir du ${date}, en un seul geste ; les deux séjours restent liés.`,
		leadOpen: (date: string) => `Le ménage peut continuer dans un appartement à partir du ${date}, en un seul geste ; les deux séjours restent liés.`,
		leadRefused: (date: string) => `Prolonger à l’hôtel n’est pas possible. Le ménage peut continuer dans un appartement à partir du ${date} : le nouveau séjour suit celui-ci.`,
		nights: (nights: string, range: string) => `${nights} : ${range}`,
		capacity: (n: number) => `${count('fr', n, 'place', 'places')}`,
		accessible: 'accessible (PMR)',
		addressHidden: 'adresse confidentielle',
		submit: 'Placer ici',
		submitUnit: (unit: string) => ` : ${unit}`,
		none: 'Aucun appartement n’est libre pour toutes ces nuits. Essayez une autre date de départ, ou placez par la page « Placer ».',
		placeOther: 'Placer autrement',
		adjust: 'Autre date de départ de l’appartement',
		adjustLabel: 'Départ de l’appartement',
		adjustSubmit: 'Voir les appartements',
		overrideAdmin: 'Direction : pour prolonger quand même à l’hôtel, indiquez la raison dans « Raison du dépassement de la limite » ci-dessus ; elle est enregistrée.'
	},
	note: {
		title: 'Note pratique',
		empty: 'Aucune note pour l’instant.',
		label: 'Note pratique',
		hint: 'Remise des clés, contact sur place, ce qui a été dit au ménage.',
		save: 'Enregistrer la note'
	},
	actions: {
		title: 'Actions',
		none: 'Aucune action possible sur ce séjour.',
		noneRole: 'Votre rôle ne permet pas d’agir sur les séjours de ce dispositif.',
		confirm: 'Confirmer le séjour',
		'check-in': 'Enregistrer l’arrivée',
		'check-out': 'Enregistrer le départ',
		cancel: 'Annuler le séjour',
		'no-show': 'Déclarer le ménage non venu',
		danger: 'Annuler ou déclarer non venu',
		dangerHint: 'Les nuits sont alors libérées pour un autre ménage.',
		confirmNoShow: (who: string) => `Confirmer : déclarer « ${who} » non venu ?`,
		confirmNoShowDetail: 'Les nuits sont libérées pour un autre ménage. Ce n’est pas réversible.',
		confirmNoShowSubmit: 'Oui, non venu',
		confirmBack: 'Ne rien changer',
		destination: 'Où va le ménage ?',
		destinationHint: 'Facultatif : la destination à la sortie, comptée dans les rapports.',
		destinationNone: 'Non renseignée'
	},
	end: {
		title: 'Prolonger ou raccourcir',
		label: 'Nouvelle date de départ',
		hint: (date: string) => `Départ prévu actuellement : ${date}.`,
		override: 'Raison du dépassement de la limite (direction)',
		overrideHint: 'À remplir seulement pour aller au-delà de la durée maximale ; la raison est enregistrée.',
		submit: 'Changer la date de départ'
	},
	errors: {
		overlap: 'Impossible : ces nuits sont déjà prises sur ce logement.',
		overlapWhat: 'Ce qui occupe ces nuits :',
		overlapHint: 'Choisissez une date de départ plus tôt, ou placez la suite du séjour dans un autre logement.',
		limit_exceeded: 'Cette durée dépasse la limite du dispositif sur ce type de site.',
		limitHintAdmin: 'Pour la dépasser, indiquez la raison dans le champ « Raison du dépassement de la limite ».',
		limitHint: 'Seule la direction peut la dépasser, en donnant une raison.',
		invalid_transition: 'Cette action n’est plus possible : le séjour a changé de statut entre-temps.',
		invalid: 'La saisie n’est pas valide.',
		validation: 'La saisie n’est pas valide.',
		forbidden: 'Votre rôle ne permet pas cette action sur ce séjour.',
		busy: 'Le service est très sollicité : rien n’a été enregistré. Réessayez dans un instant.',
		not_found: 'Ce séjour n’existe plus.',
		other: 'L’opération n’a pas abouti ; rien n’a été modifié.',
		end: 'Indiquez une date de départ valide, après l’arrivée et pas dans le passé.',
		note: 'La note compte 2 000 caractères au plus.',
		unitId: 'Choisissez un des appartements proposés.',
		destination: 'Choisissez une destination de la liste, ou « Non renseignée ».'
	},
	conflictKinds: { stay: 'un autre séjour', block: 'un blocage (logement hors service)' } satisfies Record<ConflictRange['kind'], string>,
	sheetLink: 'Fiche de placement (à montrer ou imprimer)',
	history: {
		title: 'Historique',
		at: 'Quand',
		what: 'Quoi',
		detail: 'Détail',
		actions: {
			place: 'Placé',
			allocate: 'Placé (meilleur logement)',
			confirm: 'Confirmé',
			'check-in': 'Arrivée',
			'check-out': 'Départ',
			cancel: 'Annulé',
			'no-show': 'Non venu',
			lapse: 'Option expirée',
			extend_hold: 'Option prolongée',
			extend: 'Prolongé',
			contract_extend: 'Prolongé par le contrat de résidence (six mois d’avance)',
			contract_departure: 'Départ de la résidence annoncé : séjour raccourci',
			shorten: 'Raccourci',
			unchanged: 'Date de départ inchangée',
			note: 'Note pratique modifiée'
		},
		statusChange: (from: string, to: string) => `${from} → ${to}`,
		endChange: (from: string, to: string) => `départ le ${to} (au lieu du ${from})`,
		reason: (r: string) => `raison : ${r}`
	}
};

export type StayMessages = typeof fr;


export const en: StayMessages = {
	title: (name: string) => `Stay — ${name}`,
	status: 'Status:',
	done: {
		confirm: 'Stay confirmed.',
		'check-in': 'Arrival recorded.',
		'check-out': 'Departure recorded.',
		cancel: 'Stay cancelled: its nights are free again.',
		'no-show': 'No-show recorded: the nights are free again.',
		extend: 'Stay extended.',
		shorten: 'Stay shortened: the nights after it are free again.',
		unchanged: 'The departure date did not change.',
		note: 'Practical note saved.',
		following: 'Next stay placed: the household goes on in this unit, after its hotel stay.',
		placed: 'Household placed: the referral is marked “placed”.'
	},
	household: {
		title: 'Household',
		composition: (adults: number, children: number) =>
			`${count('en', adults, 'adult', 'adults')}${children ? `, ${count('en', children, 'child', 'children')}` : ''}`,
		pseudonym: (p: string) => `Pseudonym: ${p}`,
		confidential: 'Confidential household (domestic-violence protocol): it appears under its pseudonym.',
		record: 'Household record',
		together: (composition: string) => `In this unit: ${composition}. The household is placed in several units for the same nights.`,
		togetherLink: 'See all its units'
	},
	unit: {
		title: 'Unit',
		site: 'Site',
		address: (a: string) => `Address: ${a}`,
		addressHidden: 'Confidential address (duty officers and management only)',
		capacity: (n: number) => `Capacity: ${count('en', n, 'person', 'persons')}`,
		accessible: 'Accessible',
		confidentialSite: 'Confidential site'
	},
	nights: {
		title: 'Nights',
		range: 'Dates',
		count: 'Length',
		programme: 'Programme',
		limit: (n: number) => `Longest stay of this programme on this kind of site: ${count('en', n, 'night', 'nights')}.`,
		override: 'Limit override granted by the management:',
		holdUntil: (time: string) => `Hold (provisional) until ${time}; unless confirmed, it lapses by itself.`
	},
	path: {
		previous: 'This stay follows:',
		next: 'What follows this stay:',
		stay: (unit: string, site: string, range: string) => `${unit} (${site}), ${range}`
	},
	referral: {
		title: 'Referral',
		from: 'Referred by',
		contact: 'Contact',
		call: (phone: string) => `Call ${phone}`,
		erased: 'Contact erased (data retention: two years)',
		status: 'Referral status:',
		open: 'See the referral'
	},
	following: {
		title: 'Next step: an apartment',
		lead: (limit: string, date: string) => `At the hotel, this stay is at its limit (${limit}). The household can go on in an apartment from ${date}, in one step; the two stays stay linked.`,
		leadOpen: (date: string) => `The household can go on in an apartment from ${date}, in one step; the two stays stay linked.`,
		leadRefused: (date: string) => `Extending at the hotel is not possible. The household can go on in an apartment from ${date}: the new stay follows this one.`,
		nights: (nights: string, range: string) => `${nights}: ${range}`,
		capacity: (n: number) => `${count('en', n, 'place', 'places')}`,
		accessible: 'accessible',
		addressHidden: 'confidential address',
		submit: 'Place here',
		submitUnit: (unit: string) => `: ${unit}`,
		none: 'No apartment is free on all these nights. Try another departure date, or place through the “Place” page.',
		placeOther: 'Place another way',
		adjust: 'Another departure from the apartment',
		adjustLabel: 'Departure from the apartment',
		adjustSubmit: 'See the apartments',
		overrideAdmin: 'Management: to extend at the hotel anyway, give the reason in “Reason to go past the limit” above; it is recorded.'
	},
	note: {
		title: 'Practical note',
		empty: 'No note yet.',
		label: 'Practical note',
		hint: 'Key handover, contact on site, what the household was told.',
		save: 'Save the note'
	},
	actions: {
		title: 'Actions',
		none: 'No action is possible on this stay.',
		noneRole: 'Your role may not act on stays of this programme.',
		confirm: 'Confirm the stay',
		'check-in': 'Record the arrival',
		'check-out': 'Record the departure',
		cancel: 'Cancel the stay',
		'no-show': 'Record a no-show',
		danger: 'Cancel or record a no-show',
		dangerHint: 'The nights are then free for another household.',
		confirmNoShow: (who: string) => `Confirm: record “${who}” as a no-show?`,
		confirmNoShowDetail: 'The nights are freed for another household. This cannot be undone.',
		confirmNoShowSubmit: 'Yes, a no-show',
		confirmBack: 'Change nothing',
		destination: 'Where is the household going?',
		destinationHint: 'Optional: the destination on leaving, counted in the reports.',
		destinationNone: 'Not given'
	},
	end: {
		title: 'Extend or shorten',
		label: 'New departure date',
		hint: (date: string) => `Departure now planned: ${date}.`,
		override: 'Reason to go past the limit (management)',
		overrideHint: 'Fill in only to go past the longest stay allowed; the reason is recorded.',
		submit: 'Change the departure date'
	},
	errors: {
		overlap: 'Not possible: these nights are already taken on this unit.',
		overlapWhat: 'What holds these nights:',
		overlapHint: 'Choose an earlier departure, or place the rest of the stay in another unit.',
		limit_exceeded: 'This length is over the programme’s limit on this kind of site.',
		limitHintAdmin: 'To go past it, give the reason in the field “Reason to go past the limit”.',
		limitHint: 'Only the management may go past it, with a reason.',
		invalid_transition: 'This action is no longer possible: the stay’s status changed meanwhile.',
		invalid: 'What was typed is not valid.',
		validation: 'What was typed is not valid.',
		forbidden: 'Your role may not do this on this stay.',
		busy: 'The service is very busy: nothing was recorded. Try again in a moment.',
		not_found: 'This stay no longer exists.',
		other: 'The operation did not go through; nothing was changed.',
		end: 'Give a valid departure date, after the arrival and not in the past.',
		note: 'A note holds 2,000 characters at most.',
		unitId: 'Choose one of the apartments offered.',
		destination: 'Choose a destination from the list, or “Not given”.'
	},
	conflictKinds: { stay: 'another stay', block: 'a block (unit out of service)' },
	sheetLink: 'Placement sheet (to show or print)',
	history: {
		title: 'History',
		at: 'When',
		what: 'What',
		detail: 'Detail',
		actions: {
			place: 'Placed',
			allocate: 'Placed (best unit)',
			confirm: 'Confirmed',
			'check-in': 'Arrived',
			'check-out': 'Left',
			cancel: 'Cancelled',
			'no-show': 'No-show',
			lapse: 'Hold lapsed',
			extend_hold: 'Hold extended',
			extend: 'Extended',
			contract_extend: 'Extended by the residence contract (six months ahead)',
			contract_departure: 'Departure from the residence announced: stay shortened',
			shorten: 'Shortened',
			unchanged: 'Departure unchanged',
			note: 'Practical note changed'
		},
		statusChange: (from: string, to: string) => `${from} → ${to}`,
		endChange: (from: string, to: string) => `departure on ${to} (instead of ${from})`,
		reason: (r: string) => `reason: ${r}`
	}
};
