import { listResidenceDepartures } from '#services/residence/board.ts';
import type { PageServerLoad } from './$types';

/** Departures announced (from tonight on) and past, with their destinations. */
export const load: PageServerLoad = ({ locals }) => ({ departures: listResidenceDepartures(locals.db, locals.session!.actor) });
