// A stay's page forms (/sejours/<id>, and the hold's page /placer/option/<id>): a move named by the
// button pressed, a new end, the practical note, each read with its use case's schema.
import { stayActInput, stayFollowingInput, stayNoteInput, stayPatch } from '#schemas/stays.ts';
import { parseForm } from './forms.ts';

/** Reads the move a button names (confirm, check-in, check-out, cancel, no-show). */
export function parseStayActForm(form: FormData) {
	return parseForm(stayActInput, form);
}

/** Reads a new end for the stay, with the admin's reason to go past the programme's limit. */
export function parseStayEndForm(form: FormData) {
	return parseForm(stayPatch, form);
}

/** Reads the practical note; a browser sends a textarea's line breaks as CRLF, counted here as one character, as stored. */
export function parseStayNoteForm(form: FormData) {
	const note = form.get('note');
	const fields = new FormData();
	if (typeof note === 'string') fields.set('note', note.replace(/\r\n/g, '\n'));
	return parseForm(stayNoteInput, fields);
}

/** Reads the stay that follows a hotel stay: the apartment chosen and the departure from it. */
export function parseStayFollowingForm(form: FormData) {
	return parseForm(stayFollowingInput, form);
}

/** The departure wanted from the stay that follows (`?suite=` on the stay's page); null when absent or not a date. */
export function parseFollowingQuery(query: URLSearchParams): string | null {
	const parsed = parseForm(stayFollowingInput.pick({ end: true }), query, {}, { end: 'suite' });
	return (parsed.ok && parsed.data.end) || null;
}
