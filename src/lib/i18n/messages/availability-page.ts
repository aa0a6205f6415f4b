// The page « Disponibilités » (/disponibilites): free places by night, programme and commune, no
// personal data; and its help page for partners' scripts (/disponibilites/api).
import { count, plural } from '../plural.ts';
import type { Programme } from '#domain/programmes.ts';
export const fr = {
	title: 'Places disponibles',
	intro: (nights: number, first: string, last: string) => `Les ${nights} prochaines nuits : de la nuit du ${first} à celle du ${last}.`,
	caption: 'Places libres (nombre de personnes qu’on peut accueillir) par nuit et par dispositif',
	night: 'Nuit',
	tonight: 'ce soir',
	programmes: {
		emergency: 'Urgence',
		dv_protocol: 'Violences conjugales',
		social_residence: 'Résidence sociale',
		housing_mission: 'Mission logement'
	} satisfies Record<Programme, string>,
	units: (n: number) => (n === 0 ? 'aucun logement' : count('fr', n, 'logement', 'logements')),
	noPlace: (programme: string) => `${programme} : aucune place libre sur ces nuits.`,
	confidential: 'Les places des sites confidentiels comptent dans ces totaux sans y être détaillées. Aucune donnée personnelle n’est montrée ici.',
	confidentialLeftOut: 'Avec un nombre de personnes, ces totaux ne comptent que les logements listés plus bas : les places des sites confidentiels n’y sont pas comptées. Aucune donnée personnelle n’est montrée ici.',
	sameUnit: 'Un logement ouvert à plusieurs dispositifs compte dans chacun d’eux.',
	refer: 'Envoyer une orientation',
	filters: {
		title: 'Filtrer',
		persons: 'Personnes à accueillir',
		personsAny: 'Toutes',
		programme: 'Dispositif',
		programmeAny: 'Tous les dispositifs',
		nights: 'Période',
		nights14: '14 prochaines nuits',
		nights31: '31 prochaines nuits',
		apply: 'Afficher',
		reset: 'Effacer les filtres',
		active: (parts: string[]) => `Filtres : ${parts.join(', ')}.`,
		personsActive: (n: number) => `logements d’au moins ${n} place${plural('fr', n, '', 's')}`
	},
	byUnit: {
		title: 'Logements libres, par commune',
		intro: 'Les logements des sites non confidentiels qui ont au moins une nuit libre sur la période.',
		caption: (commune: string) => `Logements libres à ${commune}`,
		unit: 'Logement',
		capacity: 'Places',
		free: 'Nuits libres',
		allNights: 'toutes les nuits',
		range: (first: string, last: string, n: number) => plural('fr', n, `nuit du ${first}`, `du ${first} au ${last} (${n} nuits)`),
		none: 'Aucun logement non confidentiel n’a de nuit libre sur cette période.',
		count: (n: number) => count('fr', n, 'logement', 'logements')
	},
	summary: {
		title: 'Résumé chaque soir par e-mail',
		intro: 'Votre organisation peut recevoir chaque soir les places libres par dispositif pour les 7 nuits suivantes. Rien de personnel n’y figure.',
		current: (email: string) => `Votre organisation le reçoit à l’adresse ${email}.`,
		none: 'Votre organisation ne le reçoit pas.',
		email: 'Adresse e-mail de l’organisation',
		subscribe: 'Recevoir le résumé',
		change: 'Changer l’adresse',
		unsubscribe: 'Ne plus le recevoir',
		subscribed: 'C’est noté : le résumé partira chaque soir à cette adresse.',
		unsubscribed: 'C’est noté : votre organisation ne recevra plus le résumé.',
		errors: {
			invalid_email: 'Cette adresse e-mail n’est pas valable.',
			forbidden: 'Votre compte ne peut pas gérer ce résumé.',
			not_found: 'Votre organisation est introuvable.',
			unknown: 'L’enregistrement a échoué ; réessayez.'
		}
	},
	apiLink: 'Pour vos logiciels : l’API de disponibilités',
	api: {
		title: 'Interroger les disponibilités depuis vos logiciels',
		back: 'Retour aux places disponibles',
		intro: 'Votre organisation peut lire les places libres automatiquement, par l’API du service. Elle donne les mêmes chiffres que la page « Places disponibles », sans aucune donnée personnelle.',
		tokenTitle: '1. Obtenir un jeton',
		token: 'Demandez un jeton d’accès à l’administrateur du service au CIAS du Pays de Lunel. Il est rattaché à votre organisation et porte un nom (par exemple « logiciel de la brigade »).',
		tokenOnce: 'Le jeton n’est affiché qu’une seule fois, à sa création : conservez-le comme un mot de passe. S’il est perdu ou divulgué, demandez sa révocation et un nouveau jeton ; la révocation prend effet à la requête suivante.',
		pollTitle: '2. Interroger l’API',
		poll: 'Envoyez une requête GET à l’adresse ci-dessous, avec le jeton dans l’en-tête Authorization. Les paramètres from et to (dates AAAA-MM-JJ) bornent les nuits ; programme et persons sont facultatifs.',
		curlLabel: 'Exemple à copier (remplacez VOTRE_JETON) :',
		etagTitle: '3. Ne télécharger que ce qui change',
		etag: 'Chaque réponse porte un en-tête ETag. Renvoyez-le dans l’en-tête If-None-Match à la requête suivante : si rien n’a changé, la réponse est 304 Not Modified, sans contenu, et ne coûte presque rien. Les réponses peuvent être gardées 5 secondes (Cache-Control).',
		etagCurlLabel: 'La requête suivante, avec l’ETag reçu :',
		limitTitle: '4. Limite de requêtes',
		limit: (n: number) => `Chaque jeton peut faire ${n} requêtes par minute. Au-delà, la réponse est 429 Too Many Requests avec un en-tête Retry-After : attendez ce nombre de secondes avant de réessayer. Une interrogation par minute suffit largement.`,
		errorsTitle: '5. Réponses d’erreur',
		errors: '401 : jeton absent, inconnu ou révoqué. 403 : un jeton partenaire ne donne accès qu’aux disponibilités et aux orientations. 400 ou 422 : paramètres invalides (le détail est dans le corps de la réponse).',
		docs: 'Documentation complète de l’API (OpenAPI)',
		codeLang: 'Exemple en ligne de commande'
	}
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
	units: (n: number) => (n === 0 ? 'no unit' : count('en', n, 'unit', 'units')),
	noPlace: (programme: string) => `${programme}: no free place on these nights.`,
	confidential: 'Places in confidential sites count in these totals without being detailed. No personal data is shown here.',
	confidentialLeftOut: 'With a number of persons, these totals count only the units listed below: places in confidential sites are not counted. No personal data is shown here.',
	sameUnit: 'A unit open to several programmes counts in each of them.',
	refer: 'Send a referral',
	filters: {
		title: 'Filter',
		persons: 'Persons to take in',
		personsAny: 'Any',
		programme: 'Programme',
		programmeAny: 'All programmes',
		nights: 'Period',
		nights14: 'Next 14 nights',
		nights31: 'Next 31 nights',
		apply: 'Show',
		reset: 'Clear the filters',
		active: (parts: string[]) => `Filters: ${parts.join(', ')}.`,
		personsActive: (n: number) => `units of at least ${n} place${plural('en', n, '', 's')}`
	},
	byUnit: {
		title: 'Free units, by commune',
		intro: 'The units of non-confidential sites with at least one free night in the period.',
		caption: (commune: string) => `Free units in ${commune}`,
		unit: 'Unit',
		capacity: 'Places',
		free: 'Free nights',
		allNights: 'every night',
		range: (first: string, last: string, n: number) => plural('en', n, `night of ${first}`, `${first} to ${last} (${n} nights)`),
		none: 'No non-confidential unit has a free night in this period.',
		count: (n: number) => count('en', n, 'unit', 'units')
	},
	summary: {
		title: 'Summary every evening by email',
		intro: 'Your organisation can receive every evening the free places by programme for the next 7 nights. Nothing personal is in it.',
		current: (email: string) => `Your organisation receives it at ${email}.`,
		none: 'Your organisation does not receive it.',
		email: 'The organisation’s email address',
		subscribe: 'Receive the summary',
		change: 'Change the address',
		unsubscribe: 'Stop receiving it',
		subscribed: 'Done: the summary will go to this address every evening.',
		unsubscribed: 'Done: your organisation will no longer receive the summary.',
		errors: {
			invalid_email: 'This email address is not valid.',
			forbidden: 'Your account cannot manage this summary.',
			not_found: 'Your organisation cannot be found.',
			unknown: 'Saving failed; try again.'
		}
	},
	apiLink: 'For your software: the availability API',
	api: {
		title: 'Reading availability from your software',
		back: 'Back to free places',
		intro: 'Your organisation can read the free places automatically, through the service’s API. It gives the same figures as the « Free places » page, with no personal data.',
		tokenTitle: '1. Get a token',
		token: 'Ask the service’s administrator at the CIAS du Pays de Lunel for an access token. It belongs to your organisation and has a name (for instance « brigade software »).',
		tokenOnce: 'The token is shown only once, when it is created: keep it like a password. If it is lost or disclosed, ask for it to be revoked and for a new one; revocation takes effect at the next request.',
		pollTitle: '2. Call the API',
		poll: 'Send a GET request to the address below, with the token in the Authorization header. The from and to parameters (YYYY-MM-DD dates) bound the nights; programme and persons are optional.',
		curlLabel: 'Example to copy (replace VOTRE_JETON with your token):',
		etagTitle: '3. Download only what changed',
		etag: 'Each answer carries an ETag header. Send it back in the If-None-Match header of the next request: when nothing changed, the answer is 304 Not Modified, with no body, and costs almost nothing. Answers may be kept for 5 seconds (Cache-Control).',
		etagCurlLabel: 'The next request, with the ETag received:',
		limitTitle: '4. Rate limit',
		limit: (n: number) => `Each token may make ${n} requests per minute. Beyond that, the answer is 429 Too Many Requests with a Retry-After header: wait that many seconds before trying again. Polling once a minute is plenty.`,
		errorsTitle: '5. Error answers',
		errors: '401: token missing, unknown or revoked. 403: a partner token opens only availability and referrals. 400 or 422: invalid parameters (the details are in the answer’s body).',
		docs: 'Full API documentation (OpenAPI)',
		codeLang: 'Command-line example'
	}
};
