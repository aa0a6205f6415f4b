// Placing a household already known (/placer): its search, the household chosen, and the link
// « Placer à nouveau » on its record (/menages/<id>). The exact-name find reuses the households
// pages' words (households.find).
import { count } from '../plural.ts';

export const fr = {
	title: 'Un ménage déjà connu ?',
	intro: 'Une personne qui revient garde sa fiche, son parcours et sa protection « tenir à l’écart ».',
	search: {
		label: 'Nom ou pseudonyme',
		hint: 'Un ménage confidentiel ne se retrouve que par son pseudonyme (par exemple « K7P2 »). Majuscules et accents sont ignorés.',
		submit: 'Rechercher'
	},
	results: (q: string, n: number) => `${count('fr', n, 'ménage', 'ménages')} pour « ${q} »`,
	none: (q: string) => `Aucun ménage pour « ${q} ». Saisissez un nouveau ménage plus bas, ou cherchez autrement.`,
	choose: 'Choisir',
	chosen: 'Ménage choisi',
	asRecorded: 'Placé tel qu’il est enregistré : sa composition vient de sa fiche.',
	change: 'Choisir un autre ménage, ou un nouveau',
	openRecord: 'Voir sa fiche',
	placeAgain: 'Placer à nouveau',
	placeAgainHint: 'Un nouveau séjour pour ce ménage, relié à son parcours.'
};

export const en: typeof fr = {
	title: 'A household we already know?',
	intro: 'A person who comes back keeps her record, her pathway and her keep-apart protection.',
	search: {
		label: 'Name or pseudonym',
		hint: 'A confidential household is found by its pseudonym only (for example “K7P2”). Case and accents are ignored.',
		submit: 'Search'
	},
	results: (q: string, n: number) => `${count('en', n, 'household', 'households')} for “${q}”`,
	none: (q: string) => `No household for “${q}”. Enter a new household below, or search another way.`,
	choose: 'Choose',
	chosen: 'Household chosen',
	asRecorded: 'Placed as recorded: its composition comes from its record.',
	change: 'Choose another household, or a new one',
	openRecord: 'Open its record',
	placeAgain: 'Place again',
	placeAgainHint: 'A new stay for this household, linked to its pathway.'
};
