// One's own account (/compte): the password and the second factor (TOTP).
import { plural } from '../plural.ts';
export const fr = {
	title: 'Mon compte',
	intro: 'Votre mot de passe et votre second facteur de connexion.',
	mustChangePassword: 'Un administrateur a demandé un nouveau mot de passe : choisissez-le pour continuer.',
	mustEnrol: 'Votre rôle exige un second facteur : activez-le ci-dessous pour continuer.',
	identity: (email: string, role: string) => `${email} · ${role}`,
	password: {
		title: 'Changer de mot de passe',
		current: 'Mot de passe actuel',
		next: 'Nouveau mot de passe',
		confirm: 'Nouveau mot de passe, une seconde fois',
		hint: 'Au moins 12 caractères et difficile à deviner : une phrase de plusieurs mots sans rapport entre eux convient bien. Vos autres sessions seront fermées.',
		submit: 'Changer le mot de passe',
		done: (n: number) => (n === 0 ? 'Mot de passe changé.' : `Mot de passe changé. ${n} autre${plural('fr', n, '', 's')} session${plural('fr', n, '', 's')} fermée${plural('fr', n, '', 's')}.`)
	},
	totp: {
		title: 'Second facteur (application d’authentification)',
		intro: 'À la connexion, après le mot de passe, un code à 6 chiffres de votre application (FreeOTP, Aegis, Google Authenticator…) est demandé.',
		enabled: (date: string) => `Activé le ${date}.`,
		codesLeft: (n: number) => `${n} code${plural('fr', n, '', 's')} de secours restant${plural('fr', n, '', 's')}.`,
		required: 'Votre rôle l’exige.',
		off: 'Pas encore activé.',
		start: 'Activer le second facteur',
		scan: '1. Scannez ce QR code avec votre application :',
		manual: 'Ou saisissez cette adresse dans l’application :',
		secret: 'Clé (saisie manuelle) :',
		confirm: '2. Saisissez le code à 6 chiffres affiché par l’application :',
		code: 'Code à 6 chiffres',
		confirmSubmit: 'Confirmer',
		recoveryTitle: 'Vos codes de secours',
		recoveryNote: 'Notez-les et gardez-les à l’abri : chacun permet une connexion sans l’application, une seule fois. Ils ne seront plus affichés.',
		renew: 'Générer de nouveaux codes de secours',
		renewNote: 'Les anciens codes cesseront de fonctionner.',
		done: 'Second facteur activé.',
		lost: 'Téléphone perdu ? Un administrateur peut retirer votre second facteur.'
	},
	errors: {
		required: 'à remplir',
		wrong: 'mot de passe actuel incorrect',
		too_short: 'au moins 12 caractères',
		too_long: 'au plus 200 caractères',
		weak: 'trop facile à deviner (mot courant, prénom, suite de touches…) : choisissez une phrase de plusieurs mots',
		same: 'identique à l’actuel',
		mismatch: 'les deux saisies diffèrent',
		wrong_code: 'code incorrect : vérifiez l’heure du téléphone et saisissez le code affiché',
		unexpected: 'L’action n’a pas abouti. Rien n’a été modifié.'
	},
	throttled: (minutes: number) => `Trop d’essais : réessayez dans ${minutes} min.`
};

export const en: typeof fr = {
	title: 'My account',
	intro: 'Your password and your second sign-in factor.',
	mustChangePassword: 'An administrator asked for a new password: choose it to continue.',
	mustEnrol: 'Your role requires a second factor: turn it on below to continue.',
	identity: (email: string, role: string) => `${email} · ${role}`,
	password: {
		title: 'Change password',
		current: 'Current password',
		next: 'New password',
		confirm: 'New password, once more',
		hint: 'At least 12 characters and hard to guess: a phrase of several unrelated words works well. Your other sessions will be closed.',
		submit: 'Change password',
		done: (n: number) => (n === 0 ? 'Password changed.' : `Password changed. ${n} other session${plural('en', n, '', 's')} closed.`)
	},
	totp: {
		title: 'Second factor (authenticator app)',
		intro: 'At sign-in, after the password, a 6-digit code from your app (FreeOTP, Aegis, Google Authenticator…) is asked for.',
		enabled: (date: string) => `Turned on on ${date}.`,
		codesLeft: (n: number) => `${n} recovery code${plural('en', n, '', 's')} left.`,
		required: 'Your role requires it.',
		off: 'Not turned on yet.',
		start: 'Turn on the second factor',
		scan: '1. Scan this QR code with your app:',
		manual: 'Or enter this address in the app:',
		secret: 'Key (manual entry):',
		confirm: '2. Enter the 6-digit code the app shows:',
		code: '6-digit code',
		confirmSubmit: 'Confirm',
		recoveryTitle: 'Your recovery codes',
		recoveryNote: 'Write them down and keep them safe: each one signs you in once without the app. They will not be shown again.',
		renew: 'Make new recovery codes',
		renewNote: 'The old codes will stop working.',
		done: 'Second factor turned on.',
		lost: 'Lost your phone? An administrator can remove your second factor.'
	},
	errors: {
		required: 'required',
		wrong: 'wrong current password',
		too_short: 'at least 12 characters',
		too_long: 'at most 200 characters',
		weak: 'too easy to guess (a common word, a name, a keyboard pattern…): choose a phrase of several words',
		same: 'the same as the current one',
		mismatch: 'the two entries differ',
		wrong_code: 'wrong code: check the phone’s time and enter the code shown',
		unexpected: 'The action did not go through. Nothing was changed.'
	},
	throttled: (minutes: number) => `Too many tries: try again in ${minutes} min.`
};
