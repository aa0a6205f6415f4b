// The pages the law asks for: the accessibility statement (RGAA 4.1's model), the legal notice and
// the privacy notice (GDPR articles 13 and 14), the footer's links, and the admin's form for their
// settings. The facts they state (durations, roles, what partners see) are passed in from the code
// that holds them (src/domain/retention.ts, src/domain/programmes.ts, the settings), never typed here.
import type { ComplianceStatus } from '#domain/legal.ts';
import type { Role } from '#domain/programmes.ts';
import { count } from '../plural.ts';

/** What the privacy notice's durations are made of, read from the code and the settings. */
export interface Durations {
	/** Years kept after the last contact (src/domain/retention.ts). */
	retentionYears: number;
	/** A sign-in session's idle and absolute time limits (the settings). */
	sessionIdleMinutes: number;
	sessionAbsoluteHours: number;
	/** How long a failed sign-in (its email and address) is remembered (src/domain/throttle.ts). */
	failedSignInMinutes: number;
}

const years = (n: number) => count('fr', n, 'an', 'ans');
const yearsEn = (n: number) => count('en', n, 'year', 'years');
const minutes = (n: number) => count('fr', n, 'minute', 'minutes');
const minutesEn = (n: number) => count('en', n, 'minute', 'minutes');
const hours = (n: number) => count('fr', n, 'heure', 'heures');
const hoursEn = (n: number) => count('en', n, 'hour', 'hours');

export const fr = {
	footer: {
		label: 'Informations légales',
		accessibility: (status: string) => `Accessibilité : ${status}`,
		legalNotice: 'Mentions légales',
		privacy: 'Données personnelles'
	},
	status: {
		non_compliant: 'non conforme',
		partial: 'partiellement conforme',
		full: 'totalement conforme'
	} satisfies Record<ComplianceStatus, string>,
	notFilled: 'Non renseigné : à compléter par un administrateur du service.',
	colon: (label: string) => `${label} :`,
	service: 'Hébergement',
	accessibility: {
		title: 'Déclaration d’accessibilité',
		commitment: (publisher: string) =>
			`${publisher} s’engage à rendre ses services numériques accessibles, conformément à l’article 47 de la loi n° 2005-102 du 11 février 2005.`,
		scope: (origin: string) => `Cette déclaration d’accessibilité s’applique au service « Hébergement » (${origin}).`,
		statusTitle: 'État de conformité',
		statusLine: (version: string, status: string) => `Le service « Hébergement » est ${status} avec le référentiel général d’amélioration de l’accessibilité (RGAA), version ${version}.`,
		noAudit:
			'Raison : aucun audit de conformité au RGAA n’a encore été réalisé, il n’existe donc pas de taux de conformité. Les tests automatiques décrits plus bas ne remplacent pas un audit : ils ne voient pas tout.',
		resultsTitle: 'Résultats des tests',
		auditResult: (date: string, by: string | null, rate: string) => `L’audit de conformité réalisé le ${date}${by ? ` par ${by}` : ''} révèle que ${rate} % des critères du RGAA sont respectés.`,
		noAuditResult: 'Aucun audit : pas de taux à publier.',
		contentTitle: 'Contenus non accessibles',
		nonConformTitle: 'Non-conformités connues',
		nonConformIntro: 'Les contenus suivants ne sont pas encore entièrement accessibles. Les tests automatiques et une revue au clavier les ont relevés.',
		nonConform: [
			{
				what: 'Les limites de temps : les pages sans JavaScript (le planning, les rapports, la résidence sociale) disent en mots quand la session se termine, mais ne peuvent pas avertir juste avant ni la prolonger sans changer de page. La page d’un séjour en option dit jusqu’à quelle heure l’option tient, sans l’avertissement ni le bouton de prolongation de la page de l’option.',
				criteria: 'RGAA 13.1 (WCAG 2.2.1)'
			},
			{
				what: 'Le planning, sur un écran de tablette (de 600 à 1 024 pixels environ) : l’infobulle d’une barre de séjour atteinte au clavier peut dépasser le bord visible de la grille.',
				criteria: 'RGAA 10.13 (WCAG 1.4.13)'
			},
			{
				what: 'Quelques champs que le formulaire exige ne sont pas indiqués « (obligatoire) » en texte : le nom du ménage d’une demande d’admission à la résidence sociale, le nom d’un candidat de la mission logement. Une erreur sur ces champs est bien signalée et reliée à son message.',
				criteria: 'RGAA 11.10 (WCAG 3.3.2)'
			}
		],
		derogationTitle: 'Dérogations pour charge disproportionnée',
		derogation: 'Aucune.',
		exemptTitle: 'Contenus non soumis à l’obligation d’accessibilité',
		exempt: 'Aucun.',
		madeTitle: 'Établissement de cette déclaration d’accessibilité',
		madeOn: (date: string) => `Cette déclaration a été établie le ${date}.`,
		technologiesTitle: 'Technologies utilisées pour la réalisation du service',
		technologies: ['HTML5', 'CSS', 'SVG (graphiques, chacun accompagné de son tableau de données)', 'WAI-ARIA', 'JavaScript (les pages fonctionnent aussi sans)'],
		environmentTitle: 'Environnement de test',
		environment: (browser: string) => `Les vérifications automatiques sont faites dans le navigateur ${browser}, à la largeur d’un téléphone (390 pixels), en français et en anglais.`,
		toolsTitle: 'Outils et tests utilisés pour évaluer l’accessibilité',
		tools: (axe: string) => [
			`axe-core ${axe}, lancé sur chaque page du service par les tests automatiques, à chaque modification du code : aucune erreur n’est acceptée.`,
			'Chaque page est vérifiée à 390 pixels de large, sans défilement horizontal, et les formulaires fonctionnent sans JavaScript.',
			'Un parcours au clavier seul pour placer un ménage, le contraste du contour de focus mesuré à chaque arrêt (3:1 au moins) ; chaque page à 320 pixels de large et avec l’espacement du texte agrandi (WCAG 1.4.12), pour chaque rôle ; chaque formulaire envoyé avec ses champs obligatoires vides, chaque erreur vérifiée signalée et reliée à son message.',
			'Une revue manuelle au clavier du parcours pour placer un ménage (lien d’évitement, ordre de lecture, tableaux, titres, contrastes).'
		],
		pagesTitle: 'Pages du service ayant fait l’objet de la vérification',
		pages: 'Toutes les pages du service, avec chacun des rôles (agent d’astreinte, mission logement, résidence sociale, partenaire, administrateur) et sans être connecté.',
		contactTitle: 'Retour d’information et contact',
		contactIntro:
			'Si vous n’arrivez pas à accéder à un contenu ou à un service, vous pouvez contacter le responsable du service pour être orienté vers une solution accessible ou obtenir le contenu sous une autre forme.',
		contactLabel: 'Contact',
		remedyTitle: 'Voies de recours',
		remedyIntro:
			'Cette procédure est à utiliser dans le cas suivant : vous avez signalé au responsable du service un défaut d’accessibilité qui vous empêche d’accéder à un contenu ou à un des services, et vous n’avez pas obtenu de réponse satisfaisante.',
		remedyWays: 'Vous pouvez :',
		remedyForm: 'écrire un message au Défenseur des droits (formulaire en ligne)',
		remedyDelegate: 'contacter le délégué du Défenseur des droits dans votre région',
		remedyMail: 'envoyer un courrier par la poste (gratuit, ne pas mettre de timbre) :',
		remedyAddress: ['Défenseur des droits', 'Libre réponse 71120', '75342 Paris CEDEX 07']
	},
	legal: {
		title: 'Mentions légales',
		intro: 'Le service « Hébergement » est l’outil de réservation des places d’hébergement d’urgence et de la résidence sociale.',
		publisherTitle: 'Éditeur',
		name: 'Nom',
		address: 'Adresse',
		contact: 'Contact',
		directorTitle: 'Directeur ou directrice de la publication',
		hostTitle: 'Hébergeur',
		dataTitle: 'Données personnelles',
		data: 'Ce que le service garde sur les personnes, pourquoi et combien de temps : voir la page',
		accessibilityTitle: 'Accessibilité',
		accessibility: (status: string) => `Le service est ${status} avec le RGAA : voir la`
	},
	privacy: {
		title: 'Vos données personnelles',
		intro:
			'Cette page dit, avec des mots simples, ce que le service d’hébergement garde sur vous, pourquoi, qui peut le voir, combien de temps, et ce que vous pouvez demander.',
		shortTitle: 'En bref',
		short: (d: Durations) => [
			'Nous notons seulement ce qu’il faut pour vous trouver une place pour la nuit, ou un logement pour plus longtemps.',
			'Les partenaires (gendarmerie, hôpital, 115, associations) ne voient jamais votre nom ni l’endroit où vous dormez. Ils voient seulement combien de places sont libres.',
			'Si vous êtes protégée à cause de violences, votre nom est caché : il est remplacé par un nom de code. Une personne du CIAS qui veut voir votre nom doit dire pourquoi, et c’est noté.',
			`${years(d.retentionYears)} après votre dernier contact avec nous, votre nom et ce qui a été écrit sur vous sont effacés. Il ne reste que des nombres (combien de nuits, combien de personnes), sans nom.`,
			'Vous pouvez demander à voir vos données, à les corriger ou à les faire effacer. Un agent du CIAS peut vous aider à le demander.'
		],
		controllerTitle: 'Qui est responsable de vos données',
		controller: 'Le responsable est l’organisme qui publie ce service :',
		dpoTitle: 'Le délégué à la protection des données',
		dpo: 'Pour toute question sur vos données, vous pouvez écrire au délégué à la protection des données du CIAS :',
		whatTitle: 'Ce que nous gardons, et pourquoi',
		sheltered: {
			title: 'Les personnes hébergées ou qui demandent une place',
			what: [
				'le nom de la personne de référence du ménage (ou le nom que vous avez donné) ;',
				'le nombre d’adultes et d’enfants ;',
				'vos besoins pour le logement (accès en fauteuil, animal, langue…) ;',
				'la commune d’où vous venez, si vous l’avez dite ;',
				'vos nuits : dans quel logement, de quand à quand, et les notes pratiques (remise des clés, qui appeler) ;',
				'la demande du partenaire qui vous a orienté (l’urgence, la composition du ménage ; elle ne contient pas votre nom) ;',
				'pour un logement avec la mission logement : vos revenus de l’année, le loyer que vous pouvez payer, les communes souhaitées, votre situation ;',
				'à la résidence sociale : votre demande d’admission, votre contrat, le loyer, l’APL, vos paiements et votre départ.'
			],
			why: 'Pourquoi : vous mettre à l’abri, vous trouver une place qui convient à votre famille, vous accompagner vers un logement, et compter (sans nom) les nuits et les demandes pour que le territoire ouvre les places qui manquent.',
			sensitive:
				'Certaines informations sont sensibles : un besoin lié à un handicap ou à la santé, ou le fait d’être protégée à cause de violences. Elles ne servent qu’à vous protéger et à vous loger, et seules les personnes du CIAS qui en ont besoin les voient.',
			noName: 'Le service propose des logements et classe les demandes, mais c’est toujours une personne qui décide. Aucune décision n’est prise par une machine seule.'
		},
		staff: {
			title: 'Les agents du CIAS et les partenaires qui utilisent le service',
			what: [
				'votre nom, votre adresse e-mail professionnelle, votre rôle et votre organisme ;',
				'votre mot de passe, gardé seulement sous une forme qui ne permet pas de le relire, et votre second facteur si vous l’avez activé ;',
				'le journal des actions : qui a fait quoi, quand, et depuis quelle adresse IP (par exemple : qui a ouvert le dossier d’une personne protégée) ;',
				'les tentatives de connexion échouées (adresse e-mail et adresse IP), pour bloquer qui essaie de deviner un mot de passe ;',
				'pour un partenaire : la personne à contacter et son téléphone, donnés avec une orientation, et l’adresse e-mail qui reçoit chaque soir le nombre de places libres.'
			],
			why: 'Pourquoi : que seules les bonnes personnes entrent, que chacune voie seulement ce dont elle a besoin, et que l’on sache qui a ouvert un dossier.'
		},
		landlords: {
			title: 'Les propriétaires qui proposent un logement (mission logement)',
			what: 'Votre nom, votre téléphone, votre adresse e-mail, les logements proposés et nos notes de suivi.',
			why: 'Pourquoi : proposer votre logement à des ménages qui en ont besoin et suivre chaque proposition jusqu’au bail.'
		},
		basisTitle: 'Sur quelle base légale',
		basis: [
			'Une mission d’intérêt public d’action sociale confiée au CIAS (règlement général sur la protection des données, RGPD, article 6-1-e ; Code de l’action sociale et des familles, articles L. 123-4-1 et L. 123-5).',
			'Pour le contrat de la résidence sociale et ses paiements : l’exécution de ce contrat (RGPD, article 6-1-b).',
			'Pour les informations sensibles (santé, handicap) : la prise en charge sociale (RGPD, article 9-2-h), avec le secret professionnel des agents.'
		],
		whoTitle: 'Qui voit quoi',
		whoIntro: 'Chaque compte a un rôle, et chaque rôle voit seulement ce dont il a besoin :',
		roles: {
			admin: 'tout le service, pour le gérer ; le nom d’une personne protégée seulement en disant pourquoi (c’est noté).',
			duty_officer: 'les places, les nuits et les ménages de tous les dispositifs, pour mettre à l’abri ; le nom d’une personne protégée seulement en disant pourquoi (c’est noté).',
			housing_officer: 'les ménages de la résidence sociale et de la mission logement, les propriétaires et leurs logements.',
			residence_officer: 'les ménages, les demandes et les contrats de la résidence sociale.',
			partner: 'combien de places sont libres, par nuit et par dispositif, et la suite donnée aux orientations de son organisme. Jamais un nom, jamais l’adresse d’un lieu confidentiel.'
		} satisfies Record<Role, string>,
		recipients:
			'Vos données ne sont ni vendues ni données à d’autres. Le partenaire qui vous a orienté reçoit par e-mail la réponse et les heures, rien qui vous nomme ou dise où vous êtes. Le service lui-même n’envoie aucune donnée hors de France ; l’hébergeur des serveurs est indiqué dans les mentions légales.',
		howLongTitle: 'Combien de temps',
		howLong: (d: Durations) => [
			`Personnes hébergées : ${years(d.retentionYears)} après votre dernier contact avec le CIAS (votre dernière nuit, une orientation, une étape à la résidence sociale ou avec la mission logement). Ensuite, votre nom est remplacé par un nom de code et tout ce qui a été écrit sur vous est effacé ; il ne reste que des nombres, sans nom. Tant que vous avez un contrat en cours à la résidence sociale, ou une somme encore due, le dossier est gardé.`,
			`Personne à contacter chez un partenaire : effacée ${years(d.retentionYears)} après l’orientation.`,
			`Connexion : une session se ferme après ${minutes(d.sessionIdleMinutes)} sans activité, et au plus tard après ${hours(d.sessionAbsoluteHours)}. Une tentative de connexion échouée est oubliée après ${minutes(d.failedSignInMinutes)}.`,
			'Comptes des agents et des partenaires : tant que le compte existe ; un administrateur le désactive quand la personne part.',
			`Journal des actions : il ne peut être ni modifié ni effacé, pour que l’on sache toujours qui a ouvert un dossier ; les motifs écrits à propos d’un ménage y sont effacés ${years(d.retentionYears)} après son dernier contact.`,
			'Copies de sauvegarde : chaque nuit, effacées après le nombre de jours choisi par l’installation (14 jours par défaut).'
		],
		rightsTitle: 'Vos droits',
		rights: [
			'voir les données que nous avons sur vous et en recevoir une copie ;',
			'faire corriger une donnée fausse ;',
			'faire effacer vos données, quand la loi le permet ;',
			'demander que l’on arrête, pour un temps, de se servir de vos données ;',
			'vous opposer à ce que l’on se serve de vos données, pour une raison qui vous est propre.'
		],
		rightsIntro: 'Vous pouvez demander :',
		howTitle: 'Comment faire',
		how: [
			'Demandez à l’agent du CIAS qui vous suit : il peut vous aider à écrire la demande.',
			'Ou écrivez au délégué à la protection des données (son contact est plus haut).',
			'Nous vous répondons dans un délai d’un mois.',
			'Pour protéger d’autres personnes, la copie de votre dossier ne contient jamais le nom d’une autre personne (par exemple celle dont vous êtes tenue à l’écart).'
		],
		cnilTitle: 'Si vous n’êtes pas d’accord',
		cnil: 'Si vous pensez que vos droits ne sont pas respectés, vous pouvez vous plaindre à la CNIL (Commission nationale de l’informatique et des libertés) :',
		cnilOnline: 'en ligne',
		cnilAddress: ['CNIL', '3 place de Fontenoy', 'TSA 80715', '75334 Paris CEDEX 07']
	},
	admin: {
		title: 'Mentions légales et déclarations',
		nav: 'Mentions légales',
		overview: 'L’éditeur, le directeur de la publication, l’hébergeur, les contacts et le dernier audit d’accessibilité, publiés sur les pages publiques.',
		intro:
			'Ce que disent les pages publiques « Mentions légales », « Données personnelles » et « Déclaration d’accessibilité ». Un champ vide s’y affiche « non renseigné ».',
		publisher: 'Éditeur (le CIAS)',
		fields: {
			publisherName: 'Nom de l’éditeur',
			publisherAddress: 'Adresse postale de l’éditeur',
			publisherContact: 'Téléphone ou e-mail de l’éditeur',
			publicationDirector: 'Directeur ou directrice de la publication',
			hostName: 'Nom de l’hébergeur',
			hostAddress: 'Adresse postale de l’hébergeur',
			hostContact: 'Téléphone ou site de l’hébergeur',
			dpoContact: 'Contact du délégué à la protection des données (e-mail ou adresse)',
			accessibilityContact: 'Contact pour signaler un problème d’accessibilité (e-mail ou adresse)',
			auditRate: 'Taux de conformité du dernier audit RGAA (en %)',
			auditDate: 'Date de cet audit',
			auditBy: 'Audit réalisé par'
		},
		host: 'Hébergeur',
		contacts: 'Contacts',
		audit: 'Audit d’accessibilité',
		auditHint: 'Laissez vide tant qu’aucun audit complet n’a été fait : le service est alors « non conforme ». Un outil automatique n’est pas un audit.',
		save: 'Enregistrer',
		saved: 'Enregistré : les pages publiques le disent désormais.',
		unchanged: 'Rien n’a changé.',
		statusNow: (status: string) => `Statut d’accessibilité affiché : ${status}.`
	}
};

export const en: typeof fr = {
	footer: {
		label: 'Legal information',
		accessibility: (status: string) => `Accessibility: ${status}`,
		legalNotice: 'Legal notice',
		privacy: 'Personal data'
	},
	status: {
		non_compliant: 'not compliant',
		partial: 'partially compliant',
		full: 'fully compliant'
	},
	notFilled: 'Not filled in: to be completed by an administrator of the service.',
	colon: (label: string) => `${label}:`,
	service: 'Hébergement',
	accessibility: {
		title: 'Accessibility statement',
		commitment: (publisher: string) => `${publisher} is committed to making its digital services accessible, under article 47 of French law no. 2005-102 of 11 February 2005.`,
		scope: (origin: string) => `This accessibility statement applies to the “Hébergement” service (${origin}).`,
		statusTitle: 'Compliance status',
		statusLine: (version: string, status: string) => `The “Hébergement” service is ${status} with the French accessibility standard (RGAA), version ${version}.`,
		noAudit: 'Reason: no RGAA compliance audit has been made yet, so there is no compliance rate. The automated tests described below do not replace an audit: they do not see everything.',
		resultsTitle: 'Test results',
		auditResult: (date: string, by: string | null, rate: string) => `The compliance audit made on ${date}${by ? ` by ${by}` : ''} found that ${rate}% of the RGAA criteria are met.`,
		noAuditResult: 'No audit: no rate to publish.',
		contentTitle: 'Content that is not accessible',
		nonConformTitle: 'Known non-compliance',
		nonConformIntro: 'The following content is not fully accessible yet. The automated tests and a keyboard review found it.',
		nonConform: [
			{
				what: 'Time limits: the pages without JavaScript (the planning, the reports, the social residence) say in words when the session ends, but cannot warn just before nor extend it without changing page. A stay on hold says until when the hold lasts, without the warning and the extend button of the hold’s own page.',
				criteria: 'RGAA 13.1 (WCAG 2.2.1)'
			},
			{
				what: 'The planning, on a tablet’s screen (about 600 to 1,024 pixels): the tooltip of a stay’s bar reached by keyboard may pass the visible edge of the grid.',
				criteria: 'RGAA 10.13 (WCAG 1.4.13)'
			},
			{
				what: 'A few fields the form requires are not said “(required)” in text: the household’s name on an application to the social residence, a housing-mission applicant’s name. An error on them is marked and linked to its message.',
				criteria: 'RGAA 11.10 (WCAG 3.3.2)'
			}
		],
		derogationTitle: 'Exemptions for disproportionate burden',
		derogation: 'None.',
		exemptTitle: 'Content not subject to the accessibility obligation',
		exempt: 'None.',
		madeTitle: 'How this statement was made',
		madeOn: (date: string) => `This statement was made on ${date}.`,
		technologiesTitle: 'Technologies the service is built with',
		technologies: ['HTML5', 'CSS', 'SVG (charts, each with its data table)', 'WAI-ARIA', 'JavaScript (the pages work without it too)'],
		environmentTitle: 'Test environment',
		environment: (browser: string) => `The automated checks run in the ${browser} browser, at a phone’s width (390 pixels), in French and in English.`,
		toolsTitle: 'Tools and tests used to assess accessibility',
		tools: (axe: string) => [
			`axe-core ${axe}, run on every page of the service by the automated tests at every change of the code: no error is accepted.`,
			'Every page is checked at 390 pixels wide, without sideways scrolling, and the forms work without JavaScript.',
			'A keyboard-only run through placing a household, the focus outline’s contrast measured at every stop (at least 3:1); every page at 320 pixels wide and with enlarged text spacing (WCAG 1.4.12), for every role; every form sent with its required fields empty, each error checked to be marked and linked to its message.',
			'A manual keyboard review of placing a household (skip link, reading order, tables, titles, contrasts).'
		],
		pagesTitle: 'Pages of the service that were checked',
		pages: 'Every page of the service, with each of the roles (duty officer, housing mission, social residence, partner, administrator) and signed out.',
		contactTitle: 'Feedback and contact',
		contactIntro: 'If you cannot reach some content or a service, you may contact the person in charge of the service to be shown an accessible alternative or to get the content in another form.',
		contactLabel: 'Contact',
		remedyTitle: 'Recourse',
		remedyIntro:
			'Use this procedure in the following case: you reported to the person in charge of the service an accessibility problem that keeps you from some content or one of the services, and you did not get a satisfying answer.',
		remedyWays: 'You may:',
		remedyForm: 'write to the Défenseur des droits (the French rights ombudsman) through the online form',
		remedyDelegate: 'contact the Défenseur des droits’ delegate in your region',
		remedyMail: 'send a letter by post (free of charge, no stamp needed):',
		remedyAddress: ['Défenseur des droits', 'Libre réponse 71120', '75342 Paris CEDEX 07']
	},
	legal: {
		title: 'Legal notice',
		intro: 'The “Hébergement” service is the booking tool for the emergency housing places and the social residence.',
		publisherTitle: 'Publisher',
		name: 'Name',
		address: 'Address',
		contact: 'Contact',
		directorTitle: 'Director of publication',
		hostTitle: 'Host',
		dataTitle: 'Personal data',
		data: 'What the service keeps about people, why and for how long: see the page',
		accessibilityTitle: 'Accessibility',
		accessibility: (status: string) => `The service is ${status} with the RGAA: see the`
	},
	privacy: {
		title: 'Your personal data',
		intro: 'This page says, in plain words, what the housing service keeps about you, why, who can see it, for how long, and what you can ask for.',
		shortTitle: 'In short',
		short: (d: Durations) => [
			'We write down only what is needed to find you a place for the night, or a home for longer.',
			'Partners (gendarmerie, hospital, 115, associations) never see your name or where you sleep. They only see how many places are free.',
			'If you are protected because of violence, your name is hidden: a code name replaces it. A CIAS worker who wants to see your name must say why, and this is recorded.',
			`${yearsEn(d.retentionYears)} after your last contact with us, your name and what was written about you are erased. Only numbers remain (how many nights, how many people), with no name.`,
			'You can ask to see your data, to correct it or to have it erased. A CIAS worker can help you ask.'
		],
		controllerTitle: 'Who is responsible for your data',
		controller: 'The body responsible is the one that publishes this service:',
		dpoTitle: 'The data protection officer',
		dpo: 'For any question about your data, you can write to the CIAS’s data protection officer:',
		whatTitle: 'What we keep, and why',
		sheltered: {
			title: 'People who are sheltered or who ask for a place',
			what: [
				'the name of the household’s reference person (or the name you gave);',
				'the number of adults and children;',
				'your needs for the housing (wheelchair access, a pet, a language…);',
				'the town you come from, if you said it;',
				'your nights: in which unit, from when to when, and the practical notes (key handover, who to call);',
				'the request of the partner who referred you (the urgency, who is in the household; it does not hold your name);',
				'for housing with the housing mission: your yearly income, the rent you can pay, the towns you want, your situation;',
				'at the social residence: your application, your contract, the rent, the housing benefit (APL), your payments and your departure.'
			],
			why: 'Why: to shelter you, to find a place that suits your family, to help you towards a home of your own, and to count (with no name) the nights and the requests so that the area opens the places that are missing.',
			sensitive:
				'Some information is sensitive: a need linked to a disability or to health, or being protected because of violence. It is used only to protect and house you, and only the CIAS workers who need it see it.',
			noName: 'The service suggests units and ranks requests, but a person always decides. No decision is taken by a machine alone.'
		},
		staff: {
			title: 'CIAS workers and partners who use the service',
			what: [
				'your name, work email address, role and organisation;',
				'your password, kept only in a form that cannot be read back, and your second factor if you turned it on;',
				'the log of actions: who did what, when, and from which IP address (for example: who opened the file of a protected person);',
				'failed sign-ins (email address and IP address), to stop anyone trying to guess a password;',
				'for a partner: the contact person and phone given with a referral, and the email address that gets the number of free places each evening.'
			],
			why: 'Why: so that only the right people get in, each sees only what they need, and we know who opened a file.'
		},
		landlords: {
			title: 'Landlords who offer a home (housing mission)',
			what: 'Your name, phone, email address, the homes you offer and our follow-up notes.',
			why: 'Why: to offer your home to households who need one and to follow each proposal up to the lease.'
		},
		basisTitle: 'On which legal basis',
		basis: [
			'A public-interest mission of social action given to the CIAS (General Data Protection Regulation, GDPR, article 6-1-e; French Social Action and Families Code, articles L. 123-4-1 and L. 123-5).',
			'For the social residence’s contract and its payments: carrying out that contract (GDPR, article 6-1-b).',
			'For sensitive information (health, disability): social care (GDPR, article 9-2-h), under the workers’ professional secrecy.'
		],
		whoTitle: 'Who sees what',
		whoIntro: 'Each account has a role, and each role sees only what it needs:',
		roles: {
			admin: 'the whole service, to run it; the name of a protected person only by saying why (this is recorded).',
			duty_officer: 'the places, nights and households of every programme, to shelter people; the name of a protected person only by saying why (this is recorded).',
			housing_officer: 'the households of the social residence and the housing mission, the landlords and their homes.',
			residence_officer: 'the households, applications and contracts of the social residence.',
			partner: 'how many places are free, by night and programme, and what became of its organisation’s referrals. Never a name, never the address of a confidential place.'
		},
		recipients:
			'Your data is neither sold nor given to others. The partner who referred you gets the answer and the times by email, nothing that names you or says where you are. The service itself sends no data outside France; the host of the servers is named in the legal notice.',
		howLongTitle: 'For how long',
		howLong: (d: Durations) => [
			`Sheltered people: ${yearsEn(d.retentionYears)} after your last contact with the CIAS (your last night, a referral, a step at the social residence or with the housing mission). Then your name is replaced by a code name and everything written about you is erased; only numbers remain, with no name. While you have a contract running at the social residence, or a sum still owed, the file is kept.`,
			`A partner’s contact person: erased ${yearsEn(d.retentionYears)} after the referral.`,
			`Signing in: a session ends after ${minutesEn(d.sessionIdleMinutes)} without activity, and after ${hoursEn(d.sessionAbsoluteHours)} at the latest. A failed sign-in is forgotten after ${minutesEn(d.failedSignInMinutes)}.`,
			'Accounts of workers and partners: as long as the account exists; an administrator turns it off when the person leaves.',
			`Log of actions: it can be neither changed nor erased, so that we always know who opened a file; the reasons written about a household are erased from it ${yearsEn(d.retentionYears)} after its last contact.`,
			'Backup copies: made each night, erased after the number of days the installation sets (14 days by default).'
		],
		rightsTitle: 'Your rights',
		rights: [
			'to see the data we hold about you and get a copy of it;',
			'to have wrong data corrected;',
			'to have your data erased, where the law allows it;',
			'to ask that we stop using your data for a while;',
			'to object to our use of your data, for a reason of your own.'
		],
		rightsIntro: 'You may ask:',
		howTitle: 'How to do it',
		how: [
			'Ask the CIAS worker who follows you: they can help you write the request.',
			'Or write to the data protection officer (their contact is above).',
			'We answer within one month.',
			'To protect other people, the copy of your file never holds another person’s name (for example the person you are kept apart from).'
		],
		cnilTitle: 'If you disagree',
		cnil: 'If you think your rights are not respected, you can complain to the CNIL (the French data protection authority):',
		cnilOnline: 'online',
		cnilAddress: ['CNIL', '3 place de Fontenoy', 'TSA 80715', '75334 Paris CEDEX 07']
	},
	admin: {
		title: 'Legal notice and statements',
		nav: 'Legal notice',
		overview: 'The publisher, the director of publication, the host, the contacts and the last accessibility audit, shown on the public pages.',
		intro: 'What the public pages “Legal notice”, “Personal data” and “Accessibility statement” say. An empty field shows there as “not filled in”.',
		publisher: 'Publisher (the CIAS)',
		fields: {
			publisherName: 'Publisher’s name',
			publisherAddress: 'Publisher’s postal address',
			publisherContact: 'Publisher’s phone or email',
			publicationDirector: 'Director of publication',
			hostName: 'Host’s name',
			hostAddress: 'Host’s postal address',
			hostContact: 'Host’s phone or website',
			dpoContact: 'Data protection officer’s contact (email or address)',
			accessibilityContact: 'Contact to report an accessibility problem (email or address)',
			auditRate: 'Compliance rate of the last RGAA audit (in %)',
			auditDate: 'Date of that audit',
			auditBy: 'Audit made by'
		},
		host: 'Host',
		contacts: 'Contacts',
		audit: 'Accessibility audit',
		auditHint: 'Leave empty while no full audit has been made: the service is then “not compliant”. An automated tool is not an audit.',
		save: 'Save',
		saved: 'Saved: the public pages now say so.',
		unchanged: 'Nothing changed.',
		statusNow: (status: string) => `Accessibility status shown: ${status}.`
	}
};
