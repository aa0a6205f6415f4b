// The page « Disponibilités » (/disponibilites): free places by night and programme, no personal data.
export const fr = {
	title: 'Places disponibles',
	intro: (nights: number, first: string, last: string) => `Les ${nights} prochaines nuits : de la nuit du ${first} à celle du ${last}.`,
	caption: 'Places libres (nombre de personnes qu’on peut accueillir) par nuit et par dispositif',
	night: 'Nuit',
	tonight: 'ce soir',
	programmes: {
		emergency: 'Urgence',
		dv_protocol: 'Violences conjugales',
		social_residence: 'Résidence sociale',
		housing_mission: 'Mission logement'
	} as Record<string, string>,
	units: (n: number) => (n === 0 ? 'aucun logement' : n === 1 ? '1 logement' : `${n} logements`),
	noPlace: (programme: string) => `${programme} : aucune place libre sur ces nuits.`,
	confidential: 'Les places des sites confidentiels comptent dans ces totaux sans y être détaillées. Aucune donnée personnelle n’est montrée ici.',
	sameUnit: 'Un logement ouvert à plusieurs dispositifs compte dans chacun d’eux.'
};

export const en: typeof fr = {
	title: 'Free places',
	intro: (nights: number, first: string, last: string) => `The next ${nights} nights: from the night of ${first} to that of ${last}.`,
	caption: 'Free places (number of persons who can be taken in) by night and programme',
	night: 'Night',
	tonight: 'tonight',
	programmes: {
		emergency: 'Emergency',
		dv_protocol: 'Domestic violence',
		social_residence: 'Social residence',
		housing_mission: 'Housing mission'
	},
	units: (n: number) => (n === 0 ? 'no unit' : n === 1 ? '1 unit' : `${n} units`),
	noPlace: (programme: string) => `${programme}: no free place on these nights.`,
	confidential: 'Places in confidential sites count in these totals without being detailed. No personal data is shown here.',
	sameUnit: 'A unit open to several programmes counts in each of them.'
};
