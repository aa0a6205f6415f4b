// The households pages: search, a household's record, revealing a confidential household's name,
// finding one by its exact full name, lifting confidentiality, the access request's export.
import { plural } from '../plural.ts';
export const fr = {
	title: 'Ménages',
	intro: 'Retrouvez un ménage par son pseudonyme ou par son nom. Un ménage confidentiel (un séjour sous le protocole violences conjugales ou sur un site confidentiel, même passé) ne se retrouve que par son pseudonyme.',
	search: {
		label: 'Pseudonyme ou nom',
		hint: 'Par exemple « K7P2 » ou « Martin ». Majuscules et accents sont ignorés.',
		submit: 'Rechercher',
		clear: 'Effacer la recherche',
		resultsFor: (q: string, n: number) => (n === 0 ? `Aucun ménage pour « ${q} ».` : `${n} ménage${plural('fr', n, '', 's')} pour « ${q} »`),
		recent: 'Ménages récents',
		truncated: (n: number) => `Seuls les ${n} premiers sont affichés : précisez la recherche.`,
		none: 'Aucun ménage enregistré pour l’instant.'
	},
	confidential: 'Confidentiel',
	confidentialLong: 'Ménage confidentiel : nom masqué',
	composition: (adults: number, children: number) => {
		const a = `${adults} adulte${plural('fr', adults, '', 's')}`;
		return children ? `${a}, ${children} enfant${plural('fr', children, '', 's')}` : a;
	},
	latestStay: 'Dernier séjour :',
	noStay: 'Aucun séjour',
	range: (start: string, end: string) => `du ${start} au ${end}`,
	record: {
		pseudonym: 'Pseudonyme',
		name: 'Nom',
		nameHidden: 'Masqué : ménage confidentiel (protocole violences conjugales ou site confidentiel).',
		nameErased: 'Données effacées',
		erased: (date: string) =>
			`Données effacées le ${date} : deux ans après le dernier contact, le nom, les notes et les coordonnées de ce ménage ont été effacés. Ses séjours, nuitées et programmes restent comptés dans les rapports.`,
		composition: 'Composition',
		needs: 'Besoins',
		noNeeds: 'Aucun besoin particulier noté',
		since: 'Enregistré le',
		origin: 'Commune d’origine',
		originSave: 'Enregistrer la commune d’origine',
		originSaved: 'Commune d’origine enregistrée.',
		stays: 'Séjours',
		staysCaption: 'Séjours du ménage, le plus récent en premier',
		noStays: 'Aucun séjour.',
		nights: 'Nuits',
		unit: 'Logement',
		programme: 'Dispositif',
		status: 'Statut',
		openStay: (range: string) => `Ouvrir le séjour ${range}`,
		audited: 'L’ouverture de cette fiche est inscrite au journal.',
		back: 'Retour à la recherche',
		pathway: 'Parcours',
		pathwayHint: 'Toutes les étapes du ménage, d’un dispositif à l’autre.',
		mission: 'Inscrire à la mission logement'
	},
	reveal: {
		title: 'Révéler le nom',
		intro: 'Le nom n’est révélé qu’avec un motif, inscrit au journal avec votre nom. Il s’affiche une seule fois.',
		reason: 'Motif de la révélation',
		reasonHint: 'Par exemple : appel de la gendarmerie pour la plainte, remise des clés.',
		submit: 'Révéler le nom',
		revealed: 'Nom révélé',
		revealedNote: 'Affiché une seule fois : il ne sera plus visible en rechargeant la page.',
		notAllowed: 'Seuls l’astreinte et l’administration peuvent révéler ce nom.'
	},
	find: {
		title: 'Retrouver un ménage confidentiel par son nom complet',
		intro: 'Pour une personne qui revient : elle retrouve sa fiche et sa protection « tenir à l’écart ». Le nom complet exact est exigé (majuscules, accents et espaces ignorés), jamais une partie ; la recherche et son motif sont inscrits au journal, le nom cherché ne l’est pas.',
		name: 'Nom complet, tel qu’il a été enregistré',
		reason: 'Motif de la recherche',
		reasonHint: 'Par exemple : elle rappelle le 115 ce soir, retour au foyer.',
		submit: 'Retrouver par le nom complet',
		found: (n: number) => (n === 0 ? 'Aucun ménage confidentiel ne porte exactement ce nom.' : `${n} ménage${plural('fr', n, '', 's')} confidentiel${plural('fr', n, '', 's')} porte${plural('fr', n, '', 'nt')} ce nom :`)
	},
	lift: {
		title: 'Lever la confidentialité',
		intro: 'Réservé à l’administration. Le nom redeviendra visible et cherchable par tout le personnel. Le motif est inscrit au journal. Un nouveau séjour sous le protocole ou sur un site confidentiel rendra le ménage confidentiel à nouveau.',
		reason: 'Motif de la levée',
		reasonHint: 'Par exemple : demande de la personne, danger écarté (décision du …).',
		submit: 'Lever la confidentialité',
		done: 'La confidentialité est levée ; la levée est inscrite au journal.'
	},
	merge: {
		title: 'Fusionner avec une autre fiche du même ménage',
		intro: 'Réservé à l’administration. Quand un partenaire a créé une seconde fiche pour un ménage déjà connu : tout ce qui est rattaché à l’autre fiche (séjours, candidature à la mission logement, demandes et contrats de la résidence, liens « tenir à l’écart ») passe sur celle-ci, puis l’autre fiche est supprimée. Si l’une des deux est confidentielle, le résultat l’est. Le motif est inscrit au journal (identifiants seulement).',
		duplicate: 'Pseudonyme (ou identifiant) de l’autre fiche',
		duplicateHint: 'Par exemple « K7P2 ». Cette fiche-ci est conservée.',
		reason: 'Motif de la fusion',
		reasonHint: 'Par exemple : même personne, demande déposée par le SIAO.',
		submit: 'Fusionner…',
		question: (pseudonym: string, kept: string) => `Fusionner la fiche « ${pseudonym} » dans « ${kept} » ?`,
		detail: (stays: number, confidential: boolean) =>
			`${stays === 0 ? 'Aucun séjour' : `${stays} séjour${plural('fr', stays, '', 's')}`} et tout ce qui est rattaché à « l’autre fiche » passeront sur celle-ci ; l’autre fiche sera supprimée. ${confidential ? 'Le ménage sera confidentiel. ' : ''}Ce n’est pas réversible.`,
		confirm: 'Oui, fusionner',
		cancel: 'Ne rien changer',
		done: (pseudonym: string) => `La fiche « ${pseudonym} » a été fusionnée dans celle-ci ; la fusion est inscrite au journal.`,
		errors: {
			required: 'Indiquez le pseudonyme de l’autre fiche.',
			too_long: 'Ce texte est trop long.',
			not_found: 'Aucune fiche ne porte ce pseudonyme ou cet identifiant.',
			same_household: 'C’est cette fiche-ci : indiquez l’autre.',
			kept_apart: 'Ces deux ménages doivent être tenus à l’écart l’un de l’autre : ce ne sont pas le même ménage.',
			keep_apart_links: 'Les deux fiches ont chacune un lien « tenir à l’écart » qui ne peuvent être conservés ensemble : rien n’a été fusionné.'
		}
	},
	export: {
		title: 'Droit d’accès (RGPD, article 15)',
		intro: 'Tout ce que le service détient sur ce ménage, en JSON : ménage, séjours et leur historique, orientations, candidature à la mission logement, entrées du journal. Jamais un autre ménage, ni le lien « tenir à l’écart », ni l’adresse d’un site confidentiel. L’export est inscrit au journal.',
		submit: 'Télécharger l’export (JSON)'
	},
	errors: {
		required: 'Indiquez un motif.',
		too_long: 'Ce texte est trop long.',
		forbidden: 'Votre rôle ne permet pas cette action.',
		busy: 'Le service est très sollicité : rien n’a été enregistré. Réessayez dans un instant.',
		not_found: 'Ce ménage n’existe pas.',
		name_required: 'Indiquez le nom complet.',
		invalid_transition: 'Ce ménage n’est pas confidentiel.',
		unexpected: 'L’action n’a pas abouti. Rien n’a été modifié.'
	}
};

export const en: typeof fr = {
	title: 'Households',
	intro: 'Find a household by its pseudonym or its name. A confidential household (a stay under the domestic-violence protocol or on a confidential site, even a past one) is found by its pseudonym only.',
	search: {
		label: 'Pseudonym or name',
		hint: 'For example “K7P2” or “Martin”. Case and accents are ignored.',
		submit: 'Search',
		clear: 'Clear the search',
		resultsFor: (q: string, n: number) => (n === 0 ? `No household for “${q}”.` : `${n} household${plural('en', n, '', 's')} for “${q}”`),
		recent: 'Recent households',
		truncated: (n: number) => `Only the first ${n} are shown: narrow the search.`,
		none: 'No household recorded yet.'
	},
	confidential: 'Confidential',
	confidentialLong: 'Confidential household: name hidden',
	composition: (adults: number, children: number) => {
		const a = `${adults} adult${plural('en', adults, '', 's')}`;
		return children ? `${a}, ${children} child${plural('en', children, '', 'ren')}` : a;
	},
	latestStay: 'Latest stay:',
	noStay: 'No stay',
	range: (start: string, end: string) => `from ${start} to ${end}`,
	record: {
		pseudonym: 'Pseudonym',
		name: 'Name',
		nameHidden: 'Hidden: confidential household (domestic-violence protocol or confidential site).',
		nameErased: 'Data erased',
		erased: (date: string) =>
			`Data erased on ${date}: two years after the last contact, this household's name, notes and contact details were erased. Its stays, nights and programmes still count in the reports.`,
		composition: 'Composition',
		needs: 'Needs',
		noNeeds: 'No particular need recorded',
		since: 'Recorded on',
		origin: 'Commune of origin',
		originSave: 'Save the commune of origin',
		originSaved: 'Commune of origin saved.',
		stays: 'Stays',
		staysCaption: "The household's stays, the latest first",
		noStays: 'No stay.',
		nights: 'Nights',
		unit: 'Unit',
		programme: 'Programme',
		status: 'Status',
		openStay: (range: string) => `Open the stay ${range}`,
		audited: 'Opening this record is written to the audit log.',
		back: 'Back to the search',
		pathway: 'Pathway',
		pathwayHint: 'Every step of the household, from one programme to the next.',
		mission: 'Register with the housing mission'
	},
	reveal: {
		title: 'Reveal the name',
		intro: 'The name is revealed only with a reason, written to the audit log with your name. It is shown once.',
		reason: 'Reason for revealing',
		reasonHint: 'For example: gendarmerie call about the complaint, handing over the keys.',
		submit: 'Reveal the name',
		revealed: 'Name revealed',
		revealedNote: 'Shown once: reloading the page will not show it again.',
		notAllowed: 'Only duty officers and admins may reveal this name.'
	},
	find: {
		title: 'Find a confidential household by its full name',
		intro: 'For someone who comes back: she keeps her record and her keep-apart protection. The exact full name is required (case, accents and spaces aside), never a part of it; the search and its reason are written to the audit log, the name searched is not.',
		name: 'Full name, as it was recorded',
		reason: 'Reason for the search',
		reasonHint: 'For example: she calls the 115 again tonight, back to the shelter.',
		submit: 'Find by the full name',
		found: (n: number) => (n === 0 ? 'No confidential household bears exactly this name.' : `${n} confidential household${plural('en', n, ' bears', 's bear')} this name:`)
	},
	lift: {
		title: 'Lift confidentiality',
		intro: 'Admins only. The name becomes visible and searchable by all staff again. The reason is written to the audit log. A new stay under the protocol or on a confidential site makes the household confidential again.',
		reason: 'Reason for lifting',
		reasonHint: 'For example: at her request, the danger is over (decision of …).',
		submit: 'Lift confidentiality',
		done: 'Confidentiality is lifted; the lifting is written to the audit log.'
	},
	merge: {
		title: 'Merge with another record of the same household',
		intro: 'Admins only. When a partner created a second record for a household already known: everything attached to the other record (stays, housing-mission application, residence applications and contracts, keep-apart links) moves to this one, then the other record is removed. If either is confidential, the result is. The reason is written to the audit log (ids only).',
		duplicate: 'Pseudonym (or id) of the other record',
		duplicateHint: 'For example “K7P2”. This record is kept.',
		reason: 'Reason for the merge',
		reasonHint: 'For example: the same person, an application filed by the SIAO.',
		submit: 'Merge…',
		question: (pseudonym: string, kept: string) => `Merge the record “${pseudonym}” into “${kept}”?`,
		detail: (stays: number, confidential: boolean) =>
			`${stays === 0 ? 'No stay' : `${stays} stay${plural('en', stays, '', 's')}`} and everything attached to the other record will move to this one; the other record will be removed. ${confidential ? 'The household will be confidential. ' : ''}This cannot be undone.`,
		confirm: 'Yes, merge',
		cancel: 'Change nothing',
		done: (pseudonym: string) => `The record “${pseudonym}” was merged into this one; the merge is written to the audit log.`,
		errors: {
			required: 'Give the pseudonym of the other record.',
			too_long: 'This text is too long.',
			not_found: 'No record bears this pseudonym or id.',
			same_household: 'That is this record: give the other one.',
			kept_apart: 'These two households must be kept apart from each other: they are not the same household.',
			keep_apart_links: 'Each record has a keep-apart link and both cannot be kept together: nothing was merged.'
		}
	},
	export: {
		title: 'Right of access (GDPR, article 15)',
		intro: 'Everything the service holds about this household, as JSON: the household, its stays and their history, referrals, housing-mission application, audit entries. Never another household, nor the keep-apart link, nor a confidential site’s address. The export is written to the audit log.',
		submit: 'Download the export (JSON)'
	},
	errors: {
		required: 'Give a reason.',
		too_long: 'This text is too long.',
		forbidden: 'Your role does not allow this action.',
		busy: 'The service is very busy: nothing was recorded. Try again in a moment.',
		not_found: 'This household does not exist.',
		name_required: 'Give the full name.',
		invalid_transition: 'This household is not confidential.',
		unexpected: 'The action did not go through. Nothing was changed.'
	}
};
