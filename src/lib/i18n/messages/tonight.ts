// The page « Ce soir » (/): the operational night at a glance.
import { count, plural } from '../plural.ts';
import type { Urgency } from '#domain/referral-lifecycle.ts';
export const fr = {
	title: 'Ce soir',
	night: (date: string) => `Nuit du ${date}`,
	asOf: (time: string) => `État à ${time}`,
	refresh: 'Actualiser',
	placeAny: 'Placer un ménage',
	summary: {
		label: 'Résumé de la nuit',
		referrals: (n: number) => (n === 0 ? 'aucune orientation en attente' : count('fr', n, 'orientation en attente', 'orientations en attente')),
		free: (n: number) => (n === 0 ? 'aucun logement libre' : count('fr', n, 'logement libre', 'logements libres')),
		holds: (n: number) => (n === 0 ? 'aucune option en cours' : count('fr', n, 'option en cours', 'options en cours')),
		arrivals: (n: number) => (n === 0 ? 'aucune arrivée' : count('fr', n, 'arrivée', 'arrivées')),
		departures: (n: number) => (n === 0 ? 'aucun départ' : count('fr', n, 'départ', 'départs'))
	},
	free: {
		title: 'Logements libres ce soir',
		count: (free: number, total: number) => `${free} libre${plural('fr', free, '', 's')} sur ${total}`,
		filter: 'Filtrer par dispositif',
		all: (n: number) => `Tous (${n})`,
		inProgramme: (programme: string, n: number) => `${programme} (${n})`,
		noneIn: (programme: string) => `Aucun logement libre ce soir en ${programme}.`,
		programmes: 'Dispositifs',
		none: 'Aucun logement libre ce soir.',
		nights: (n: number) => plural('fr', n, `Libre ${n} nuit seulement`, `Libre ${n} nuits`),
		until: (date: string) => `jusqu’au ${date}`,
		beyond: (n: number) => `Libre ${n} nuits et plus`,
		capacity: (n: number) => `${n} personne${plural('fr', n, '', 's')} au plus`,
		accessible: 'accessible (PMR)',
		place: 'Placer ici',
		placeIn: (unit: string) => `Placer ici : ${unit}`
	},
	holds: {
		title: 'Options en cours',
		intro: 'Une option retient un logement pendant un appel ; elle expire seule si elle n’est pas confirmée.',
		none: 'Aucune option en cours.',
		expires: (time: string, minutes: number) => `Expire à ${time} (dans ${minutes} min)`
	},
	arrivals: {
		title: 'Arrivées de ce soir',
		none: 'Aucune arrivée prévue ce soir.'
	},
	departures: {
		title: 'Départs du jour',
		none: 'Aucun départ prévu aujourd’hui.'
	},
	referrals: {
		title: 'Orientations en attente',
		none: 'Aucune orientation en attente.',
		all: (n: number) => `Toutes les orientations (${n} en attente)`,
		urgency: { immediate: 'immédiate', within_24h: 'sous 24 h', planned: 'programmée' } satisfies Record<Urgency, string>,
		received: (time: string) => `reçue à ${time}`,
		accepted: 'acceptée, à placer'
	},
	stay: {
		units: 'Logements',
		confidential: 'confidentiel',
		nights: (from: string, to: string, n: number) => `du ${from} au ${to} (${n} nuit${plural('fr', n, '', 's')})`
	}
};

export const en: typeof fr = {
	title: 'Tonight',
	night: (date: string) => `Night of ${date}`,
	asOf: (time: string) => `As of ${time}`,
	refresh: 'Refresh',
	placeAny: 'Place a household',
	summary: {
		label: 'Summary of the night',
		referrals: (n: number) => (n === 0 ? 'no referral waiting' : count('en', n, 'referral waiting', 'referrals waiting')),
		free: (n: number) => (n === 0 ? 'no free unit' : count('en', n, 'free unit', 'free units')),
		holds: (n: number) => (n === 0 ? 'no live hold' : count('en', n, 'live hold', 'live holds')),
		arrivals: (n: number) => (n === 0 ? 'no arrival' : count('en', n, 'arrival', 'arrivals')),
		departures: (n: number) => (n === 0 ? 'no departure' : count('en', n, 'departure', 'departures'))
	},
	free: {
		title: 'Free units tonight',
		count: (free: number, total: number) => `${free} free of ${total}`,
		filter: 'Filter by programme',
		all: (n: number) => `All (${n})`,
		inProgramme: (programme: string, n: number) => `${programme} (${n})`,
		noneIn: (programme: string) => `No free unit tonight in ${programme}.`,
		programmes: 'Programmes',
		none: 'No free unit tonight.',
		nights: (n: number) => plural('en', n, `Free for ${n} night only`, `Free for ${n} nights`),
		until: (date: string) => `until ${date}`,
		beyond: (n: number) => `Free for ${n} nights or more`,
		capacity: (n: number) => `up to ${n} person${plural('en', n, '', 's')}`,
		accessible: 'accessible (wheelchair)',
		place: 'Place here',
		placeIn: (unit: string) => `Place here: ${unit}`
	},
	holds: {
		title: 'Live holds',
		intro: 'A hold keeps a unit during a call; it lapses by itself unless confirmed.',
		none: 'No live hold.',
		expires: (time: string, minutes: number) => `Lapses at ${time} (in ${minutes} min)`
	},
	arrivals: {
		title: 'Arrivals tonight',
		none: 'No arrival expected tonight.'
	},
	departures: {
		title: 'Departures today',
		none: 'No departure expected today.'
	},
	referrals: {
		title: 'Referrals waiting',
		none: 'No referral waiting.',
		all: (n: number) => `All referrals (${n} waiting)`,
		urgency: { immediate: 'immediate', within_24h: 'within 24 h', planned: 'planned' },
		received: (time: string) => `received at ${time}`,
		accepted: 'accepted, to be placed'
	},
	stay: {
		units: 'Units',
		confidential: 'confidential',
		nights: (from: string, to: string, n: number) => `from ${from} to ${to} (${n} night${plural('en', n, '', 's')})`
	}
};
