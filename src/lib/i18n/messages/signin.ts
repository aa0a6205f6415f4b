// The sign-in page (/connexion): what the service is, for whoever lands there.
export const fr = {
	about: {
		title: 'Le service',
		lead: 'Réserver l’hébergement d’urgence et la résidence sociale du CIAS du Pays de Lunel : qui dort où, ce soir et les nuits suivantes.',
		other: {
			lang: 'en',
			text: 'Booking of emergency housing and the social residence of the CIAS of the Pays de Lunel: duty officers place households tonight; partners see free places without personal data.'
		},
		partners: 'Les partenaires (gendarmerie, 115, associations, CCAS) y voient les places libres par nuit, sans aucune donnée personnelle.',
		api: 'Pour les logiciels partenaires :',
		apiDocs: 'documentation de l’API'
	}
};

export const en: typeof fr = {
	about: {
		title: 'The service',
		lead: 'Booking of emergency housing and the social residence of the CIAS of the Pays de Lunel: who sleeps where, tonight and the nights after.',
		other: {
			lang: 'fr',
			text: 'Réserver l’hébergement d’urgence et la résidence sociale du CIAS du Pays de Lunel : les agents d’astreinte placent les ménages dès ce soir ; les partenaires voient les places libres sans donnée personnelle.'
		},
		partners: 'Partners (gendarmerie, 115, associations, the communes’ CCAS) see the free places by night, without any personal data.',
		api: 'For partners’ software:',
		apiDocs: 'API documentation'
	}
};
