// The page « Chiffres publics » (/rapports/public): the year's figures by programme that everyone
// signed in sees, partners included, small numbers withheld.
import type { PublicFigureName, PublicRow } from '#domain/report-suppression.ts';
export const fr = {
	title: (year: number) => `Chiffres publics ${year}`,
	intro:
		'Les nuitées, séjours et ménages accueillis dans l’année, par dispositif. Ces chiffres peuvent être diffusés : aucun ne permet de reconnaître une personne.',
	year: 'Année',
	yearForm: 'Choisir l’année',
	show: 'Afficher',
	csv: 'Télécharger ces chiffres (CSV)',
	badYear: 'Cette année n’est pas disponible : voici celle de l’an dernier.',
	caption: (year: number) => `Accueil en ${year}, par dispositif`,
	programme: 'Dispositif',
	total: 'Total',
	rows: {
		emergency: 'Urgence',
		social_residence: 'Résidence sociale',
		housing_mission: 'Mission logement',
		dv_protocol: 'Violences conjugales et sites confidentiels'
	} satisfies Record<PublicRow, string>,
	figures: {
		householdNights: 'Nuitées (ménages)',
		personNights: 'Nuitées (personnes)',
		staysStarted: 'Séjours commencés',
		staysEnded: 'Séjours terminés',
		households: 'Ménages accueillis',
		persons: 'Personnes accueillies'
	} satisfies Record<PublicFigureName, string>,
	suppressed: '< 3',
	suppressedLabel: 'moins de 3, chiffre masqué',
	rule: {
		title: 'Pourquoi « < 3 » ?',
		text: 'Un chiffre de 1 ou 2 sur le protocole violences conjugales ou sur un site confidentiel pourrait désigner une femme qui se cache : il est remplacé par « < 3 », et les totaux qui permettraient de le retrouver par soustraction le sont aussi. Les sites confidentiels ne sont jamais nommés ni détaillés par commune.'
	},
	definitions: {
		title: 'Comment ces chiffres sont comptés',
		items: {
			householdNights: 'Une nuitée par ménage et par nuit de l’année passée dans un logement (séjours confirmés, en cours ou terminés ; les nuits réservées d’une année en cours comptent telles qu’elles sont prévues).',
			personNights: 'Les mêmes nuits multipliées par le nombre de personnes du séjour : une mère et deux enfants pendant trois nuits font 9 nuitées.',
			staysStarted: 'Séjours dont la première nuit tombe dans l’année ; un ménage logé dans deux logements les mêmes nuits compte un séjour.',
			staysEnded: 'Séjours dont le départ tombe dans l’année.',
			households: 'Ménages qui ont passé au moins une nuit dans l’année, comptés une fois (une fois par ligne, et une fois dans le total).',
			persons: 'Les personnes de ces ménages, comptées une fois.'
		} satisfies Record<PublicFigureName, string>,
		rows: 'La ligne « Violences conjugales et sites confidentiels » compte les séjours du protocole et tous les séjours d’un site confidentiel ; les autres lignes, les séjours de leur dispositif ailleurs.'
	}
};

export const en: typeof fr = {
	title: (year: number) => `Public figures ${year}`,
	intro: 'Nights, stays and households sheltered in the year, by programme. These figures may be shared: none of them can single anyone out.',
	year: 'Year',
	yearForm: 'Choose the year',
	show: 'Show',
	csv: 'Download these figures (CSV)',
	badYear: 'That year is not available: here is last year’s.',
	caption: (year: number) => `Shelter in ${year}, by programme`,
	programme: 'Programme',
	total: 'Total',
	rows: {
		emergency: 'Emergency',
		social_residence: 'Social residence',
		housing_mission: 'Housing mission',
		dv_protocol: 'Domestic violence and confidential sites'
	},
	figures: {
		householdNights: 'Household-nights',
		personNights: 'Person-nights',
		staysStarted: 'Stays started',
		staysEnded: 'Stays ended',
		households: 'Households sheltered',
		persons: 'Persons sheltered'
	},
	suppressed: '< 3',
	suppressedLabel: 'fewer than 3, withheld',
	rule: {
		title: 'Why “< 3”?',
		text: 'A figure of 1 or 2 about the domestic-violence protocol or a confidential site could point at a woman in hiding: it reads “< 3”, and so do the totals it could be worked back from by subtraction. Confidential sites are never named nor broken down by commune.'
	},
	definitions: {
		title: 'How these figures are counted',
		items: {
			householdNights: 'One per household and per night of the year spent in a unit (stays confirmed, in place or ended; the booked nights of a year in progress count as they stand).',
			personNights: 'The same nights times the stay’s persons: a mother and two children for three nights are 9 person-nights.',
			staysStarted: 'Stays whose first night falls in the year; a household placed across two units on the same nights counts one stay.',
			staysEnded: 'Stays whose departure falls in the year.',
			households: 'Households with at least one night in the year, each counted once (once per row, and once in the total).',
			persons: 'The persons of those households, each counted once.'
		},
		rows: 'The row “Domestic violence and confidential sites” counts the protocol’s stays and every stay on a confidential site; the other rows count their programme’s stays elsewhere.'
	}
};
