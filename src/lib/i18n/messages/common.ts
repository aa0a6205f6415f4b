// Strings shared by every page: the frame, navigation, sign-in, errors.
import { plural } from '../plural.ts';
import type { Programme, Role } from '#domain/programmes.ts';
import type { StayStatus } from '#domain/stay-lifecycle.ts';
import type { SystemBlockReason } from '#domain/block-reasons.ts';
import type { OrganisationKind } from '#domain/territory.ts';
export const fr = {
	skip: 'Aller au contenu',
	brand: 'Hébergement',
	org: 'CIAS du Pays de Lunel',
	footer: 'Centre intercommunal d’action sociale du Pays de Lunel — service d’hébergement.',
	apiDocs: 'Documentation de l’API',
	nav: {
		label: 'Navigation principale',
		menu: 'Menu',
		tonight: 'Ce soir',
		planning: 'Planning',
		place: 'Placer',
		households: 'Ménages',
		referrals: 'Orientations',
		availability: 'Disponibilités',
		mission: 'Mission logement',
		residence: 'Résidence',
		residenceApplications: 'Résidence sociale',
		publicReport: 'Chiffres publics',
		reports: 'Rapports',
		admin: 'Administration',
		account: 'Mon compte',
		signOut: 'Se déconnecter',
		signedInAs: (name: string) => `Connecté·e : ${name}`
	},
	language: { label: 'Langue', switchTo: 'English', switchToLang: 'en' },
	roles: {
		admin: 'administration',
		duty_officer: 'astreinte',
		housing_officer: 'mission logement',
		residence_officer: 'résidence sociale',
		partner: 'partenaire'
	} satisfies Record<Role, string>,
	programmes: {
		emergency: 'Urgence',
		dv_protocol: 'Protocole violences conjugales',
		social_residence: 'Résidence sociale',
		housing_mission: 'Mission logement'
	} satisfies Record<Programme, string>,
	statuses: {
		hold: 'Option (provisoire)',
		confirmed: 'Confirmé',
		in_place: 'Présent',
		ended: 'Parti',
		cancelled: 'Annulé',
		no_show: 'Non venu',
		lapsed: 'Option expirée'
	} satisfies Record<StayStatus, string>,
	signIn: {
		title: 'Connexion',
		intro: 'Connectez-vous avec le compte que le CIAS vous a remis.',
		email: 'Adresse e-mail',
		password: 'Mot de passe',
		submit: 'Se connecter',
		wrong: 'E-mail ou mot de passe incorrect.',
		throttled: (minutes: number) => `Trop d’essais depuis cet appareil : réessayez dans ${minutes} min.`,
		missing: 'Saisissez votre e-mail et votre mot de passe.',
		emailMissing: 'Saisissez votre adresse e-mail.',
		passwordMissing: 'Saisissez votre mot de passe.',
		codeMissing: 'Saisissez le code.',
		expired: 'Votre session a expiré : reconnectez-vous.',
		codeTitle: 'Code de vérification',
		codeIntro: 'Saisissez le code à 6 chiffres de votre application d’authentification, ou un code de secours.',
		code: 'Code',
		codeSubmit: 'Valider',
		codeWrong: 'Code incorrect.',
		codeThrottled: (minutes: number) => `Trop de codes incorrects pour ce compte : réessayez dans ${minutes} min.`,
		codeExpired: 'La connexion a expiré : saisissez de nouveau votre mot de passe.',
		restart: 'Recommencer'
	},
	errors: {
		title: 'Erreur',
		forbidden: 'Cette page n’est pas ouverte à votre rôle.',
		notFound: 'Page introuvable.',
		unexpected: 'Une erreur inattendue s’est produite. Rien n’a été modifié.',
		busy: 'Le service est très sollicité : rien n’a été enregistré. Réessayez dans un instant.',
		back: 'Revenir à l’accueil'
	},
	systemBlockReasons: { outside_offer_period: 'Hors de la période de l’offre' } satisfies Record<SystemBlockReason, string>,
	/** The kinds of referring organisation (the sources referrals are counted by). */
	organisationKinds: {
		siao_115: 'SIAO / 115',
		police: 'Gendarmerie ou police',
		hospital: 'Hôpital',
		mission_locale: 'Mission Locale',
		ccas: 'CCAS / CIAS',
		association: 'Association',
		other: 'Autre'
	} satisfies Record<OrganisationKind, string>,
	/** How a form says which fields must be filled. */
	form: {
		required: 'obligatoire',
		requiredNote: 'Les champs marqués « (obligatoire) » doivent être remplis.',
		/** The summary of a refused form: each link goes to its field. */
		errorsTitle: 'Corrigez ces champs :',
		fieldRequired: 'À remplir.'
	},
	/** Where a household comes from: one select on every form that asks. */
	origin: {
		label: 'Commune d’origine (facultatif)',
		hint: 'Où vivait le ménage : une commune du Pays de Lunel, hors du territoire, ou inconnue. Sert aux rapports (égalité de traitement du territoire).',
		unknown: 'Inconnue',
		outside: 'Hors du territoire',
		communes: 'Communes du Pays de Lunel',
		unknownCommune: 'Cette commune n’est pas une commune du territoire : choisissez-en une de la liste.'
	},
	nights: (n: number) => `${n} nuit${plural('fr', n, '', 's')}`,
	persons: (n: number) => `${n} personne${plural('fr', n, '', 's')}`,
	/** The longest stay on a hotel, said wherever a hotel room is offered. */
	hotelLimit: (n: number) => `${n} nuit${plural('fr', n, '', 's')} au plus`
};

export type CommonMessages = typeof fr;

export const en: CommonMessages = {
	skip: 'Skip to content',
	brand: 'Hébergement',
	org: 'CIAS of the Pays de Lunel',
	footer: 'Intercommunal social action centre of the Pays de Lunel — housing service.',
	apiDocs: 'API documentation',
	nav: {
		label: 'Main navigation',
		menu: 'Menu',
		tonight: 'Tonight',
		planning: 'Planning',
		place: 'Place',
		households: 'Households',
		referrals: 'Referrals',
		availability: 'Availability',
		mission: 'Housing mission',
		residence: 'Residence',
		residenceApplications: 'Social residence',
		publicReport: 'Public figures',
		reports: 'Reports',
		admin: 'Administration',
		account: 'My account',
		signOut: 'Sign out',
		signedInAs: (name: string) => `Signed in: ${name}`
	},
	language: { label: 'Language', switchTo: 'Français', switchToLang: 'fr' },
	roles: { admin: 'admin', duty_officer: 'duty officer', housing_officer: 'housing officer', residence_officer: 'residence officer', partner: 'partner' },
	programmes: {
		emergency: 'Emergency',
		dv_protocol: 'Domestic-violence protocol',
		social_residence: 'Social residence',
		housing_mission: 'Housing mission'
	},
	statuses: {
		hold: 'Hold (provisional)',
		confirmed: 'Confirmed',
		in_place: 'In place',
		ended: 'Left',
		cancelled: 'Cancelled',
		no_show: 'No-show',
		lapsed: 'Hold lapsed'
	},
	signIn: {
		title: 'Sign in',
		intro: 'Sign in with the account the CIAS gave you.',
		email: 'Email address',
		password: 'Password',
		submit: 'Sign in',
		wrong: 'Wrong email or password.',
		throttled: (minutes: number) => `Too many tries from this device: try again in ${minutes} min.`,
		missing: 'Enter your email and your password.',
		emailMissing: 'Enter your email address.',
		passwordMissing: 'Enter your password.',
		codeMissing: 'Enter the code.',
		expired: 'Your session expired: sign in again.',
		codeTitle: 'Verification code',
		codeIntro: 'Enter the 6-digit code from your authenticator app, or a recovery code.',
		code: 'Code',
		codeSubmit: 'Verify',
		codeWrong: 'Wrong code.',
		codeThrottled: (minutes: number) => `Too many wrong codes for this account: try again in ${minutes} min.`,
		codeExpired: 'The sign-in expired: enter your password again.',
		restart: 'Start again'
	},
	errors: {
		title: 'Error',
		forbidden: 'This page is not open to your role.',
		notFound: 'Page not found.',
		unexpected: 'An unexpected error occurred. Nothing was changed.',
		busy: 'The service is very busy: nothing was recorded. Try again in a moment.',
		back: 'Back to the home page'
	},
	systemBlockReasons: { outside_offer_period: 'Outside the offer’s period' },
	organisationKinds: {
		siao_115: 'SIAO / 115',
		police: 'Gendarmerie or police',
		hospital: 'Hospital',
		mission_locale: 'Mission Locale (youth employment)',
		ccas: 'CCAS / CIAS (social action centre)',
		association: 'Association',
		other: 'Other'
	},
	form: {
		required: 'required',
		requiredNote: 'Fields marked “(required)” must be filled in.',
		errorsTitle: 'Please correct these fields:',
		fieldRequired: 'Required.'
	},
	origin: {
		label: 'Commune of origin (optional)',
		hint: 'Where the household lived: a commune of the Pays de Lunel, outside the territory, or unknown. Used by the reports (equal treatment across the territory).',
		unknown: 'Unknown',
		outside: 'Outside the territory',
		communes: 'Communes of the Pays de Lunel',
		unknownCommune: 'This is not a commune of the territory: choose one from the list.'
	},
	nights: (n: number) => `${n} night${plural('en', n, '', 's')}`,
	persons: (n: number) => `${n} person${plural('en', n, '', 's')}`,
	hotelLimit: (n: number) => `${n} night${plural('en', n, '', 's')} at most`
};
