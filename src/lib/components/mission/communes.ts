// The communes of the Pays de Lunel (agglomeration), as offers spell them: the applicant form's
// checkboxes. Matching compares commune names as written, so one spelling for both sides.
export const PAYS_DE_LUNEL_COMMUNES = [
	'Lunel',
	'Lunel-Viel',
	'Marsillargues',
	'Saint-Just',
	'Saint-Nazaire-de-Pézan',
	'Saint-Sériès',
	'Saturargues',
	'Saussines',
	'Boisseron',
	'Entre-Vignes',
	'Villetelle',
	'Galargues',
	'Garrigues',
	'Campagne'
] as const;
