// The page « Ce soir » (/): the operational night at a glance.
import type { Urgency } from '#domain/referral-lifecycle.ts';
export const fr = {
	title: 'Ce soir',
	night: (date: string) => `Nuit du ${date}`,
	asOf: (time: string) => `État à ${time}`,
	refresh: 'Actualiser',
	placeAny: 'Placer un ménage',
	summary: {
		label: 'Résumé de la nuit',
		free: (n: number) => (n === 0 ? 'aucun logement libre' : n === 1 ? '1 logement libre' : `${n} logements libres`),
		holds: (n: number) => (n === 0 ? 'aucune option en cours' : n === 1 ? '1 option en cours' : `${n} options en cours`),
		arrivals: (n: number) => (n === 0 ? 'aucune arrivée' : n === 1 ? '1 arrivée' : `${n} arrivées`),
		departures: (n: number) => (n === 0 ? 'aucun départ' : n === 1 ? '1 départ' : `${n} départs`)
	},
	free: {
		title: 'Logements libres ce soir',
		count: (free: number, total: number) => `${free} libre${free > 1 ? 's' : ''} sur ${total}`,
		none: 'Aucun logement libre ce soir.',
		nights: (n: number) => (n === 1 ? 'Libre 1 nuit seulement' : `Libre ${n} nuits`),
		until: (date: string) => `jusqu’au ${date}`,
		beyond: (n: number) => `Libre ${n} nuits et plus`,
		capacity: (n: number) => `${n} personne${n > 1 ? 's' : ''} au plus`,
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
		confidential: 'confidentiel',
		nights: (from: string, to: string, n: number) => `du ${from} au ${to} (${n} nuit${n > 1 ? 's' : ''})`
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
		free: (n: number) => (n === 0 ? 'no free unit' : n === 1 ? '1 free unit' : `${n} free units`),
		holds: (n: number) => (n === 0 ? 'no live hold' : n === 1 ? '1 live hold' : `${n} live holds`),
		arrivals: (n: number) => (n === 0 ? 'no arrival' : n === 1 ? '1 arrival' : `${n} arrivals`),
		departures: (n: number) => (n === 0 ? 'no departure' : n === 1 ? '1 departure' : `${n} departures`)
	},
	free: {
		title: 'Free units tonight',
		count: (free: number, total: number) => `${free} free of ${total}`,
		none: 'No free unit tonight.',
		nights: (n: number) => (n === 1 ? 'Free for 1 night only' : `Free for ${n} nights`),
		until: (date: string) => `until ${date}`,
		beyond: (n: number) => `Free for ${n} nights or more`,
		capacity: (n: number) => `up to ${n} person${n > 1 ? 's' : ''}`,
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
		confidential: 'confidential',
		nights: (from: string, to: string, n: number) => `from ${from} to ${to} (${n} night${n > 1 ? 's' : ''})`
	}
};
