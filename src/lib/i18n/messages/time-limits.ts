// Time limits that warn: the session's countdown (every signed-in page), the sign-in page when a
// form was kept, and the page that gives a kept form back (/reprise).
import { count } from '../plural.ts';

export const fr = {
	session: {
		deadline: (time: string) => `Sans activité, votre session se termine à ${time}.`,
		deadlineFixed: (time: string) => `Votre session se termine à ${time} (durée maximale d’une connexion) : reconnectez-vous ensuite.`,
		warning: (minutes: number) => `Votre session se termine dans moins de ${count('fr', minutes, 'minute', 'minutes')} faute d’activité. Ce que vous avez saisi ne sera pas perdu, mais vous devrez vous reconnecter.`,
		warningFixed: (minutes: number) => `Votre session atteint sa durée maximale dans moins de ${count('fr', minutes, 'minute', 'minutes')} : enregistrez ce que vous saisissez, puis reconnectez-vous.`,
		extend: 'Rester connecté',
		extended: (time: string) => `Session prolongée jusqu’à ${time}.`,
		ended: 'Votre session a pris fin. Ce que vous saisissez sera gardé à l’envoi : il faudra seulement vous reconnecter.',
		failed: 'La session n’a pas pu être prolongée : elle a peut-être déjà pris fin.'
	},
	signIn: {
		formKept: (minutes: number) => `Votre session avait pris fin avant l’envoi de votre formulaire. Ce que vous aviez saisi est gardé ${count('fr', minutes, 'minute', 'minutes')} : reconnectez-vous pour le retrouver.`
	},
	reprise: {
		title: 'Reprendre votre formulaire',
		lead: 'Votre session avait pris fin quand vous avez envoyé ce formulaire : rien n’a été enregistré. Voici ce que vous aviez saisi. Envoyez-le à nouveau, ou ouvrez la page pour le refaire.',
		values: 'Ce que vous aviez saisi',
		field: 'Champ',
		value: 'Valeur',
		empty: '(vide)',
		send: 'Envoyer à nouveau',
		open: 'Ouvrir la page sans envoyer',
		forget: 'Ces valeurs ne sont plus gardées par le service : elles ne sont que sur cette page.'
	}
};

export type TimeLimitMessages = typeof fr;

export const en: TimeLimitMessages = {
	session: {
		deadline: (time: string) => `Without activity, your session ends at ${time}.`,
		deadlineFixed: (time: string) => `Your session ends at ${time} (the longest a sign-in lasts): sign in again then.`,
		warning: (minutes: number) => `Your session ends in less than ${count('en', minutes, 'minute', 'minutes')} without activity. What you typed will not be lost, but you will have to sign in again.`,
		warningFixed: (minutes: number) => `Your session reaches its longest in less than ${count('en', minutes, 'minute', 'minutes')}: save what you are typing, then sign in again.`,
		extend: 'Stay signed in',
		extended: (time: string) => `Session extended until ${time}.`,
		ended: 'Your session has ended. What you type will be kept when you send it: you will only have to sign in again.',
		failed: 'The session could not be extended: it may have ended already.'
	},
	signIn: {
		formKept: (minutes: number) => `Your session had ended before your form was sent. What you typed is kept for ${count('en', minutes, 'minute', 'minutes')}: sign in to get it back.`
	},
	reprise: {
		title: 'Take up your form again',
		lead: 'Your session had ended when you sent this form: nothing was recorded. Here is what you typed. Send it again, or open the page to do it again.',
		values: 'What you typed',
		field: 'Field',
		value: 'Value',
		empty: '(empty)',
		send: 'Send again',
		open: 'Open the page without sending',
		forget: 'The service no longer keeps these values: they are only on this page.'
	}
};
