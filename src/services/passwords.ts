// The password rule, used wherever a password is set (the command line, an admin creating an
// account or setting a one-time password, /compte): at least 12 characters, at most 200, and not
// guessable: @zxcvbn-ts's estimate with the common and French dictionaries (common passwords,
// French words, first names, surnames, keyboard patterns) must reach 3 of 4 ("safely
// unguessable"), the account's own email and name counted as guessable.
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as fr from '@zxcvbn-ts/language-fr';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 200;
export const MIN_PASSWORD_SCORE = 3;

export type PasswordProblem = 'too_short' | 'too_long' | 'weak';

let estimator: ZxcvbnFactory | null = null;

// Built once, on first use (loading the dictionaries takes a fraction of a second).
function zxcvbn(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...fr.dictionary },
    graphs: common.adjacencyGraphs,
    translations: fr.translations
  });
  return estimator;
}

/** Words of the account itself (its email's parts, its name) that a password must not lean on. */
function personalWords(inputs: readonly (string | null | undefined)[]): string[] {
  const words = new Set<string>();
  for (const input of inputs) {
    if (!input) continue;
    for (const w of input.toLowerCase().split(/[^\p{L}\p{N}]+/u)) if (w.length >= 3) words.add(w);
  }
  return [...words];
}

/** Why `password` may not be set, or null when it may. `personal`: the account's email and name. */
export function passwordProblem(password: string, personal: readonly (string | null | undefined)[] = []): PasswordProblem | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return 'too_short';
  if (password.length > MAX_PASSWORD_LENGTH) return 'too_long';
  return zxcvbn().check(password, personalWords(personal)).score >= MIN_PASSWORD_SCORE ? null : 'weak';
}

/** The rule's refusals in words (the command line prints them; pages say them from their dictionaries). */
export const PASSWORD_PROBLEMS: Record<PasswordProblem, string> = {
  too_short: 'the password must have at least 12 characters',
  too_long: 'the password must have at most 200 characters',
  weak: 'the password is too easy to guess (a common password, a word, a name or a keyboard pattern): choose a longer phrase of unrelated words'
};
