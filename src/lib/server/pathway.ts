// The pathway page's adapter (/menages/<id>/parcours): the service's steps as the page shows them,
// each with the links the reader may follow (a stay, a referral, a mission applicant), never a link
// to a page the reader's role could not open.
import { MISSION_ROLES, RESIDENCE_READERS, type Programme, type Role } from '#domain/programmes.ts';
import type { PathwayKind } from '#domain/pathway.ts';
import type { Pathway, PathwayStep } from '#services/pathway.ts';

export interface PathwayLink {
	/** The words' key in the page's dictionary. */
	label: 'openReferral' | 'openStay' | 'ledToStay' | 'previousStay' | 'openApplicant' | 'openApplication' | 'openCommittee';
	href: string;
}

export interface PathwayViewStep {
	date: string;
	kind: PathwayKind;
	/** A step of a programme the reader's role does not handle: its date and kind only. */
	hidden: boolean;
	programme: Programme | null;
	status: string | null;
	start: string | null;
	end: string | null;
	destination: string | null;
	outcome: string | null;
	urgent: boolean;
	housed: boolean;
	links: PathwayLink[];
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const path = (prefix: string, id: string) => `${prefix}/${encodeURIComponent(id)}`;

export function pathwayView(pathway: Pathway, role: Role): PathwayViewStep[] {
	const stays = new Set(pathway.steps.filter((s) => s.kind === 'stay' && s.programme).map((s) => str(s.stayId)));
	const stayLink = (id: string | null, label: PathwayLink['label']): PathwayLink[] => (id && stays.has(id) ? [{ label, href: path('/sejours', id) }] : []);
	const mission = MISSION_ROLES.includes(role);
	const residence = RESIDENCE_READERS.includes(role);
	return pathway.steps.map((s: PathwayStep) => {
		const hidden = s.programme === undefined;
		const links: PathwayLink[] = [];
		if (!hidden) {
			switch (s.kind) {
				case 'referral':
					if (str(s.referralId)) links.push({ label: 'openReferral', href: path('/orientations', str(s.referralId)!) });
					links.push(...stayLink(str(s.stayId), 'ledToStay'));
					break;
				case 'stay':
					links.push(...stayLink(str(s.stayId), 'openStay'), ...stayLink(str(s.previousStayId), 'previousStay'), ...stayLink(str(s.nextStayId), 'ledToStay'));
					break;
				case 'residence_application':
					if (residence && str(s.applicationId)) links.push({ label: 'openApplication', href: path('/residence/demandes', str(s.applicationId)!) });
					break;
				case 'committee_decision':
					if (residence && str(s.committeeId)) links.push({ label: 'openCommittee', href: path('/residence/commissions', str(s.committeeId)!) });
					if (residence && str(s.applicationId)) links.push({ label: 'openApplication', href: path('/residence/demandes', str(s.applicationId)!) });
					break;
				case 'departure':
				case 'residence_contract':
					links.push(...stayLink(str(s.stayId), 'openStay'));
					break;
				case 'mission_applicant':
				case 'proposal':
				case 'lease_signed':
					if (mission && str(s.applicantId)) links.push({ label: 'openApplicant', href: path('/mission/candidats', str(s.applicantId)!) });
					break;
			}
		}
		return {
			date: s.date,
			kind: s.kind,
			hidden,
			programme: s.programme ?? null,
			status: str(s.status),
			start: str(s.start),
			end: str(s.end),
			destination: str(s.destination),
			outcome: str(s.outcome),
			urgent: s.urgent === true,
			housed: s.housed === true,
			links
		};
	});
}
