import { legalPage, privacyDurations } from '$lib/server/legal';
import type { PageServerLoad } from './$types';

// The privacy notice: public (no sign-in); its durations come from the code and the settings.
export const load: PageServerLoad = ({ locals }) => ({ ...legalPage(locals.db), durations: privacyDurations() });
