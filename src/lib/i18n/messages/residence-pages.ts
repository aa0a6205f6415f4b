// The residence's staff pages (/residence, /residence/contrats/<id>, /residence/departs) and the
// reminders of the staff's home pages. The residence's closed lists are worded in residence.ts.
import { count } from '../plural.ts';
import { formatDay } from '../../format.ts';

export const fr = {
	title: 'Résidence sociale',
	intro: 'Les résidents et leurs logements, le planning du mois, les contrats, paiements et départs.',
	nav: {
		label: 'Résidence sociale',
		residents: 'Résidents',
		applications: 'Demandes',
		committees: 'Commissions',
		departures: 'Départs'
	},
	readOnly: 'Lecture seule : seuls la résidence et l’administration modifient les contrats.',
	reminders: {
		title: 'À faire à la résidence',
		label: 'Rappels de la résidence sociale',
		reviews: (n: number) => `${count('fr', n, 'révision', 'révisions')} de projet ce mois-ci`,
		arrears: (n: number) => `${count('fr', n, 'contrat', 'contrats')} avec 2 mois d’impayés ou plus`,
		departures: (n: number) => `${count('fr', n, 'départ annoncé', 'départs annoncés')}`,
		applications: (n: number) => `${count('fr', n, 'demande', 'demandes')} en attente de commission`,
		nextCommittee: (date: string) => `Prochaine commission le ${formatDay(date, 'fr')}.`,
		noCommittee: 'Aucune commission prévue.'
	},
	residents: {
		title: 'Résidents',
		none: 'Aucun contrat en cours.',
		since: (date: string) => `Depuis le ${formatDay(date, 'fr')}`,
		leaves: (date: string) => `Départ le ${formatDay(date, 'fr')}`,
		balance: 'Solde',
		upToDate: 'À jour',
		nextReview: (date: string) => `Prochaine révision du projet : ${formatDay(date, 'fr')}`,
		reviewThisMonth: 'Révision ce mois-ci',
		open: 'Voir le contrat',
		confidential: 'confidentiel'
	},
	freeUnits: {
		title: 'Logements sans contrat',
		none: 'Tous les logements ont un contrat.'
	},
	planning: {
		title: (month: string) => `Planning de ${month}`,
		previous: 'Mois précédent',
		next: 'Mois suivant',
		current: 'Ce mois-ci',
		none: 'Aucun logement de résidence sociale.',
		scrollHint: 'Le planning défile dans son cadre.'
	},
	arrears: {
		title: 'Impayés du mois (pour la comptabilité)',
		download: (month: string) => `Télécharger la liste des impayés de ${month} (CSV)`,
		month: 'Mois',
		show: 'Choisir'
	},
	sign: {
		title: 'Signer un contrat',
		intro: 'Pour une demande admise : le logement, la date d’entrée et les montants mensuels.',
		none: 'Aucune demande admise en attente de contrat.',
		application: 'Demande admise',
		unit: 'Logement',
		start: 'Date d’entrée',
		rent: 'Équivalent loyer (€ par mois)',
		charges: 'Charges (€ par mois)',
		apl: 'APL versée à la résidence (€ par mois)',
		deposit: 'Dépôt de garantie (€)',
		referent: 'Travailleur social référent',
		submit: 'Signer le contrat',
		done: 'Contrat signé : le séjour est placé au planning.',
		openContract: 'Voir le contrat',
		unavailable: 'La signature des contrats n’est pas encore disponible.'
	},
	contract: {
		title: (name: string) => `Contrat de ${name}`,
		back: 'Retour à la résidence',
		status: { active: 'En cours', ended: 'Terminé' } as Record<'active' | 'ended', string>,
		unit: 'Logement',
		start: 'Entrée',
		end: 'Sortie',
		stay: 'Séjour au planning',
		stayRange: (from: string, to: string) => `du ${formatDay(from, 'fr')} au ${formatDay(to, 'fr')}`,
		rent: 'Équivalent loyer',
		charges: 'Charges',
		apl: 'APL versée à la résidence',
		deposit: 'Dépôt de garantie',
		referent: 'Référent social',
		noReferent: 'Non renseigné',
		nextReview: 'Prochaine révision du projet',
		household: 'Fiche du ménage',
		perMonth: (amount: string) => `${amount} par mois`
	},
	statement: {
		title: 'Relevé mensuel',
		month: 'Mois',
		show: 'Afficher',
		caption: (month: string) => `Relevé de ${month}`,
		nights: 'Nuits sous contrat',
		due: 'Redevance due',
		apl: 'APL',
		paid: 'Payé',
		balance: 'Solde reporté (positif : dû)',
		monthsOwed: 'Mois d’impayés',
		history: 'Tous les relevés',
		none: 'Aucun relevé.'
	},
	payments: {
		title: 'Paiements',
		none: 'Aucun paiement enregistré.',
		date: 'Date',
		amount: 'Montant (€)',
		means: 'Moyen de paiement',
		reason: 'Motif',
		reversal: 'Rejet',
		record: 'Enregistrer un paiement',
		submit: 'Enregistrer le paiement',
		reverseTitle: 'Enregistrer un rejet (chèque impayé…)',
		reverseAmount: 'Montant rejeté (€)',
		reverseReason: 'Motif du rejet',
		reverseSubmit: 'Enregistrer le rejet',
		done: (amount: string) => `Paiement de ${amount} enregistré.`,
		reversed: (amount: string) => `Rejet de ${amount} enregistré.`
	},
	amendments: {
		title: 'Avenants',
		none: 'Aucun avenant : les montants du contrat s’appliquent.',
		from: 'À partir du',
		unchanged: 'inchangé',
		record: 'Enregistrer un avenant',
		submit: 'Enregistrer l’avenant',
		done: 'Avenant enregistré.'
	},
	departure: {
		title: 'Départ',
		recorded: (date: string) => `Départ enregistré pour le ${formatDay(date, 'fr')}.`,
		date: 'Date de départ (première nuit libre)',
		destination: 'Destination',
		noticeGivenOn: 'Préavis donné le',
		by: 'Préavis donné',
		noNotice: 'Sans préavis enregistré',
		reason: 'Motif (obligatoire quand la résidence met fin au contrat)',
		earliest: 'Dates au plus tôt pour un préavis donné aujourd’hui :',
		submit: 'Enregistrer le départ',
		confirm: (date: string) => `Enregistrer le départ du ${formatDay(date, 'fr')} ? Le logement sera libéré à partir de cette nuit.`,
		confirmDetail: 'Le contrat se termine : cela ne peut pas être annulé ici.',
		confirmYes: 'Oui, enregistrer le départ',
		cancel: 'Annuler',
		done: (date: string) => `Départ enregistré : le logement est libre à partir du ${formatDay(date, 'fr')}.`
	},
	departures: {
		title: 'Départs',
		announced: 'Départs annoncés',
		past: 'Départs passés',
		none: 'Aucun.',
		on: (date: string) => `le ${formatDay(date, 'fr')}`,
		notice: (date: string) => `préavis du ${formatDay(date, 'fr')}`
	},
	errors: {
		required: 'Ce champ est obligatoire.',
		invalid: 'Vérifiez ce champ.',
		amount: 'Un montant en euros, par exemple 350 ou 350,50.',
		date: 'Une date valide.',
		overlap: 'Ce logement est déjà occupé sur ces nuits.',
		invalid_transition: 'Cette demande ne peut pas recevoir de contrat (elle n’est pas admise).',
		forbidden: 'Votre rôle ne permet pas de modifier la résidence.',
		not_found: 'Introuvable.',
		busy: 'Le service est occupé : réessayez dans un instant.',
		unexpected: 'L’opération n’a pas pu être faite.',
		fix: 'Corrigez les champs signalés.'
	}
};

export const en: typeof fr = {
	title: 'Social residence',
	intro: 'The residents and their units, the month’s planning, contracts, payments and departures.',
	nav: {
		label: 'Social residence',
		residents: 'Residents',
		applications: 'Applications',
		committees: 'Committees',
		departures: 'Departures'
	},
	readOnly: 'Read only: only the residence and the administration change contracts.',
	reminders: {
		title: 'To do at the residence',
		label: 'Social residence reminders',
		reviews: (n: number) => `${count('en', n, 'plan review', 'plan reviews')} this month`,
		arrears: (n: number) => `${count('en', n, 'contract', 'contracts')} with 2 months or more in arrears`,
		departures: (n: number) => `${count('en', n, 'departure', 'departures')} announced`,
		applications: (n: number) => `${count('en', n, 'application', 'applications')} waiting for the committee`,
		nextCommittee: (date: string) => `Next committee on ${formatDay(date, 'en')}.`,
		noCommittee: 'No committee planned.'
	},
	residents: {
		title: 'Residents',
		none: 'No contract in force.',
		since: (date: string) => `Since ${formatDay(date, 'en')}`,
		leaves: (date: string) => `Leaves on ${formatDay(date, 'en')}`,
		balance: 'Balance',
		upToDate: 'Up to date',
		nextReview: (date: string) => `Next plan review: ${formatDay(date, 'en')}`,
		reviewThisMonth: 'Review this month',
		open: 'Open the contract',
		confidential: 'confidential'
	},
	freeUnits: {
		title: 'Units without a contract',
		none: 'Every unit has a contract.'
	},
	planning: {
		title: (month: string) => `Planning of ${month}`,
		previous: 'Previous month',
		next: 'Next month',
		current: 'This month',
		none: 'No social residence unit.',
		scrollHint: 'The planning scrolls inside its frame.'
	},
	arrears: {
		title: 'The month’s arrears (for the accountant)',
		download: (month: string) => `Download the arrears list of ${month} (CSV)`,
		month: 'Month',
		show: 'Choose'
	},
	sign: {
		title: 'Sign a contract',
		intro: 'For an admitted application: the unit, the start and the monthly amounts.',
		none: 'No admitted application waiting for a contract.',
		application: 'Admitted application',
		unit: 'Unit',
		start: 'Start',
		rent: 'Rent-equivalent (€ a month)',
		charges: 'Charges (€ a month)',
		apl: 'Housing benefit paid to the residence (€ a month)',
		deposit: 'Deposit (€)',
		referent: 'Referent social worker',
		submit: 'Sign the contract',
		done: 'Contract signed: the stay is on the planning.',
		openContract: 'Open the contract',
		unavailable: 'Signing contracts is not available yet.'
	},
	contract: {
		title: (name: string) => `Contract of ${name}`,
		back: 'Back to the residence',
		status: { active: 'Active', ended: 'Ended' },
		unit: 'Unit',
		start: 'Start',
		end: 'End',
		stay: 'Stay on the planning',
		stayRange: (from: string, to: string) => `from ${formatDay(from, 'en')} to ${formatDay(to, 'en')}`,
		rent: 'Rent-equivalent',
		charges: 'Charges',
		apl: 'Housing benefit paid to the residence',
		deposit: 'Deposit',
		referent: 'Referent social worker',
		noReferent: 'Not given',
		nextReview: 'Next plan review',
		household: 'Household record',
		perMonth: (amount: string) => `${amount} a month`
	},
	statement: {
		title: 'Monthly statement',
		month: 'Month',
		show: 'Show',
		caption: (month: string) => `Statement of ${month}`,
		nights: 'Nights under contract',
		due: 'Fee due',
		apl: 'Housing benefit',
		paid: 'Paid',
		balance: 'Balance carried over (positive: owed)',
		monthsOwed: 'Months in arrears',
		history: 'Every statement',
		none: 'No statement.'
	},
	payments: {
		title: 'Payments',
		none: 'No payment recorded.',
		date: 'Date',
		amount: 'Amount (€)',
		means: 'Means of payment',
		reason: 'Reason',
		reversal: 'Reversal',
		record: 'Record a payment',
		submit: 'Record the payment',
		reverseTitle: 'Record a reversal (a bounced cheque…)',
		reverseAmount: 'Amount reversed (€)',
		reverseReason: 'Reason of the reversal',
		reverseSubmit: 'Record the reversal',
		done: (amount: string) => `Payment of ${amount} recorded.`,
		reversed: (amount: string) => `Reversal of ${amount} recorded.`
	},
	amendments: {
		title: 'Amendments',
		none: 'No amendment: the contract’s amounts apply.',
		from: 'From',
		unchanged: 'unchanged',
		record: 'Record an amendment',
		submit: 'Record the amendment',
		done: 'Amendment recorded.'
	},
	departure: {
		title: 'Departure',
		recorded: (date: string) => `Departure recorded for ${formatDay(date, 'en')}.`,
		date: 'Departure date (first free night)',
		destination: 'Destination',
		noticeGivenOn: 'Notice given on',
		by: 'Notice given',
		noNotice: 'No notice recorded',
		reason: 'Reason (required when the residence ends the contract)',
		earliest: 'Earliest dates for a notice given today:',
		submit: 'Record the departure',
		confirm: (date: string) => `Record the departure on ${formatDay(date, 'en')}? The unit will be free from that night.`,
		confirmDetail: 'The contract ends: this cannot be undone here.',
		confirmYes: 'Yes, record the departure',
		cancel: 'Cancel',
		done: (date: string) => `Departure recorded: the unit is free from ${formatDay(date, 'en')}.`
	},
	departures: {
		title: 'Departures',
		announced: 'Departures announced',
		past: 'Past departures',
		none: 'None.',
		on: (date: string) => `on ${formatDay(date, 'en')}`,
		notice: (date: string) => `notice of ${formatDay(date, 'en')}`
	},
	errors: {
		required: 'This field is required.',
		invalid: 'Check this field.',
		amount: 'An amount in euros, such as 350 or 350.50.',
		date: 'A valid date.',
		overlap: 'This unit is already taken on these nights.',
		invalid_transition: 'This application cannot get a contract (it is not admitted).',
		forbidden: 'Your role may not change the residence.',
		not_found: 'Not found.',
		busy: 'The service is busy: try again in a moment.',
		unexpected: 'It could not be done.',
		fix: 'Correct the fields shown.'
	}
};
