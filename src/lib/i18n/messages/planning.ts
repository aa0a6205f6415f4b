// The planning page: units × nights, its filters, its navigation and the form that blocks a unit.
import { REASON_MAX } from '#domain/input-limits.ts';
import { plural } from '../plural.ts';
import type { Programme } from '#domain/programmes.ts';
export const fr = {
	title: 'Planning',
	range: (first: string, last: string) => `Nuits du ${first} au ${last}`,
	caption: (first: string, last: string, units: number) =>
		`Planning de ${units} logement${plural('fr', units, '', 's')} (en lignes) par nuit (en colonnes), du ${first} au ${last}. Une case vide est une nuit libre.`,
	unitHeader: 'Logement',
	tonight: 'ce soir',
	places: (n: number) => `${n} pl.`,
	placesLong: (n: number) => `${n} place${plural('fr', n, '', 's')}`,
	accessible: 'PMR',
	accessibleLong: 'accessible (PMR)',
	confidentialSite: 'site confidentiel',
	programmesShort: {
		emergency: 'Urg.',
		dv_protocol: 'VC',
		social_residence: 'RS',
		housing_mission: 'ML'
	} satisfies Record<Programme, string>,
	status: {
		hold: 'option',
		confirmed: 'confirmé',
		in_place: 'présent',
		ended: 'parti',
		occupied: 'occupé'
	},
	blocked: 'bloqué',
	blockedLong: 'Bloqué',
	outsideOfferShort: 'hors période',
	outsideOfferBefore: (date: string) => `Hors de la période de l’offre : le logement de la mission n’est proposé qu’à partir du ${date}`,
	outsideOfferAfter: (date: string) => `Hors de la période de l’offre : le logement de la mission n’est plus proposé à partir du ${date}`,
	freeAll: 'libre toute la période',
	holdUntil: (time: string) => `option provisoire jusqu’à ${time}`,
	barRange: (from: string, to: string) => `du ${from} au ${to}`,
	bar: {
		continuesBefore: 'commence avant la période affichée',
		continuesAfter: 'continue après la période affichée'
	},
	nav: {
		label: 'Changer de période',
		prevMonth: 'Mois',
		prevMonthRest: ' précédent',
		prevWeek: 'Semaine',
		prevWeekRest: ' précédente',
		tonight: 'Ce soir',
		nextWeek: 'Semaine',
		nextWeekRest: ' suivante',
		nextMonth: 'Mois',
		nextMonthRest: ' suivant'
	},
	filters: {
		title: 'Filtrer et choisir la période',
		site: 'Site',
		allSites: 'Tous les sites',
		programme: 'Programme',
		allProgrammes: 'Tous les programmes',
		start: 'Première nuit',
		nights: 'Nombre de nuits',
		nightsOption: (n: number) => `${n} nuits`,
		submit: 'Afficher',
		reset: 'Effacer les filtres'
	},
	queryError: 'Cette période ou ce filtre n’existe pas : le planning affiche les 31 nuits à partir de ce soir, sans filtre.',
	empty: 'Aucun logement ne correspond à ces filtres.',
	legend: {
		title: 'Légende',
		free: 'case vide : nuit libre',
		hold: 'option : provisoire (bordure en tirets), expire d’elle-même',
		confirmed: 'confirmé : arrivée attendue',
		in_place: 'présent : le ménage est arrivé',
		ended: 'parti : nuits passées',
		block: 'bloqué : logement hors service',
		outsideOffer: 'hors période : logement de la mission en dehors de la période de son offre (suit l’offre, ne se lève pas ici)',
		occupied: 'occupé : nuits prises par un séjour d’un dispositif que votre rôle ne gère pas (ni ménage ni fiche)',
		tonight: 'colonne « ce soir » : la nuit en cours (bascule à midi)'
	},
	scrollHint: 'Faites défiler le tableau horizontalement pour voir toutes les nuits.',
	lift: {
		title: 'Blocages sur la période',
		none: 'Aucun blocage levable sur ces nuits.',
		button: 'Lever',
		label: (unit: string, what: string) => `Lever le blocage de ${unit} : ${what}`,
		lifted: (unit: string) => `Blocage levé sur ${unit} : les nuits à venir sont libres.`,
		liftedPartly: (unit: string, date: string) => `Blocage levé sur ${unit} : il s’arrête le ${date}, les nuits passées restent comptées.`,
		errorTitle: 'Le blocage n’a pas été levé.',
		errors: {
			system: 'Ce blocage ferme le logement de la mission hors de la période de son offre : il suit l’offre et ne se lève pas depuis le planning.',
			not_found: 'Ce blocage n’existe plus.',
			past: 'Ce blocage est passé : il reste dans l’historique.',
			forbidden: 'Votre rôle ne permet pas de lever un blocage.',
			busy: 'Le service est très sollicité : rien n’a été modifié. Réessayez dans un instant.',
			unexpected: 'Le blocage n’a pas pu être levé. Rien n’a été modifié.'
		}
	},
	block: {
		title: 'Bloquer un logement',
		intro: 'Un logement hors service (travaux, ménage, clé perdue) : ses nuits ne peuvent plus être attribuées.',
		unit: 'Logement',
		chooseUnit: 'Choisir un logement',
		start: 'Première nuit bloquée',
		end: 'Remise en service le',
		endHint: 'La nuit de cette date est de nouveau libre.',
		reason: 'Motif',
		reasonHint: 'Par exemple : fuite, peinture, clé perdue.',
		submit: 'Bloquer ce logement',
		done: (unit: string, from: string, to: string) => `${unit} est bloqué du ${from} au ${to}.`,
		errorTitle: 'Le blocage n’a pas été enregistré.',
		errors: {
			required: 'Ce champ est obligatoire.',
			date: 'Saisissez une date réelle (jj/mm/aaaa).',
			order: 'La remise en service doit suivre la première nuit bloquée.',
			start: 'Cette première nuit est refusée : un blocage commence au plus tôt ce soir.',
			end: 'Cette date est refusée : un blocage dure au plus 1 096 nuits.',
			unit: 'Ce logement n’existe pas ou n’est plus en service.',
			reason: `Le motif est trop long (${REASON_MAX} caractères au plus).`
		},
		overlap: 'Ces nuits sont déjà occupées sur ce logement :',
		conflictStay: (from: string, to: string) => `un séjour du ${from} au ${to}`,
		conflictBlock: (from: string, to: string) => `un blocage du ${from} au ${to}`,
		overlapHint: 'Choisissez d’autres dates, ou bloquez seulement les nuits libres.',
		forbidden: 'Votre rôle ne permet pas de bloquer un logement.',
		busy: 'Le service est très sollicité : rien n’a été enregistré. Réessayez dans un instant.',
		notFound: 'Ce logement n’existe pas ou n’est plus en service.',
		unexpected: 'Le blocage n’a pas pu être enregistré. Rien n’a été modifié.'
	}
};

export const en: typeof fr = {
	title: 'Planning',
	range: (first, last) => `Nights from ${first} to ${last}`,
	caption: (first, last, units) =>
		`Planning of ${units} unit${plural('en', units, '', 's')} (rows) by night (columns), from ${first} to ${last}. An empty cell is a free night.`,
	unitHeader: 'Unit',
	tonight: 'tonight',
	places: (n) => `${n} pl.`,
	placesLong: (n) => `${n} place${plural('en', n, '', 's')}`,
	accessible: 'Acc.',
	accessibleLong: 'wheelchair accessible',
	confidentialSite: 'confidential site',
	programmesShort: {
		emergency: 'Em.',
		dv_protocol: 'DV',
		social_residence: 'SR',
		housing_mission: 'HM'
	},
	status: {
		hold: 'hold',
		confirmed: 'confirmed',
		in_place: 'in place',
		ended: 'left',
		occupied: 'occupied'
	},
	blocked: 'blocked',
	blockedLong: 'Blocked',
	outsideOfferShort: 'outside period',
	outsideOfferBefore: (date) => `Outside the offer’s period: the mission’s unit is offered only from ${date}`,
	outsideOfferAfter: (date) => `Outside the offer’s period: the mission’s unit is no longer offered from ${date}`,
	freeAll: 'free for every night shown',
	holdUntil: (time) => `provisional hold until ${time}`,
	barRange: (from, to) => `from ${from} to ${to}`,
	bar: {
		continuesBefore: 'starts before the nights shown',
		continuesAfter: 'goes on after the nights shown'
	},
	nav: {
		label: 'Change the period',
		prevMonth: 'Month',
		prevMonthRest: ' before',
		prevWeek: 'Week',
		prevWeekRest: ' before',
		tonight: 'Tonight',
		nextWeek: 'Week',
		nextWeekRest: ' after',
		nextMonth: 'Month',
		nextMonthRest: ' after'
	},
	filters: {
		title: 'Filter and choose the period',
		site: 'Site',
		allSites: 'All sites',
		programme: 'Programme',
		allProgrammes: 'All programmes',
		start: 'First night',
		nights: 'Number of nights',
		nightsOption: (n) => `${n} nights`,
		submit: 'Show',
		reset: 'Clear the filters'
	},
	queryError: 'That period or filter does not exist: the planning shows the 31 nights from tonight, unfiltered.',
	empty: 'No unit matches these filters.',
	legend: {
		title: 'Key',
		free: 'empty cell: free night',
		hold: 'hold: provisional (dashed border), lapses by itself',
		confirmed: 'confirmed: arrival expected',
		in_place: 'in place: the household has arrived',
		ended: 'left: past nights',
		block: 'blocked: unit out of service',
		outsideOffer: 'outside period: the mission’s unit outside its offer’s period (follows the offer, not lifted here)',
		occupied: 'occupied: nights taken by a stay of a programme your role does not handle (no household, no page)',
		tonight: '“tonight” column: the current night (turns at noon)'
	},
	scrollHint: 'Scroll the table sideways to see every night.',
	lift: {
		title: 'Blocks over these nights',
		none: 'No block to lift over these nights.',
		button: 'Lift',
		label: (unit, what) => `Lift the block of ${unit}: ${what}`,
		lifted: (unit) => `Block lifted on ${unit}: the coming nights are free.`,
		liftedPartly: (unit, date) => `Block lifted on ${unit}: it ends on ${date}, its past nights still count.`,
		errorTitle: 'The block was not lifted.',
		errors: {
			system: 'This block closes the mission’s unit outside its offer’s period: it follows the offer and is not lifted from the planning.',
			not_found: 'This block no longer exists.',
			past: 'This block is past: it stays in the history.',
			forbidden: 'Your role may not lift a block.',
			busy: 'The service is very busy: nothing was changed. Try again in a moment.',
			unexpected: 'The block could not be lifted. Nothing was changed.'
		}
	},
	block: {
		title: 'Block a unit',
		intro: 'A unit out of service (repairs, cleaning, a lost key): its nights can no longer be given.',
		unit: 'Unit',
		chooseUnit: 'Choose a unit',
		start: 'First night blocked',
		end: 'Back in service on',
		endHint: 'The night of this date is free again.',
		reason: 'Reason',
		reasonHint: 'For instance: a leak, painting, a lost key.',
		submit: 'Block this unit',
		done: (unit, from, to) => `${unit} is blocked from ${from} to ${to}.`,
		errorTitle: 'The block was not recorded.',
		errors: {
			required: 'This field is required.',
			date: 'Enter a real date.',
			order: 'Back in service must come after the first night blocked.',
			start: 'This first night is refused: a block starts tonight at the earliest.',
			end: 'This date is refused: a block lasts at most 1,096 nights.',
			unit: 'This unit does not exist or is out of use.',
			reason: `The reason is too long (${REASON_MAX} characters at most).`
		},
		overlap: 'These nights are already taken on this unit:',
		conflictStay: (from, to) => `a stay from ${from} to ${to}`,
		conflictBlock: (from, to) => `a block from ${from} to ${to}`,
		overlapHint: 'Choose other dates, or block only the free nights.',
		forbidden: 'Your role may not block a unit.',
		busy: 'The service is very busy: nothing was recorded. Try again in a moment.',
		notFound: 'This unit does not exist or is out of use.',
		unexpected: 'The block could not be recorded. Nothing was changed.'
	}
};
