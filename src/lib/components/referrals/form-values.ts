// The referral form's fields as typed (text), so that a refused form gives them back; shared by the
// form component and the page-side helper that reads it.
export interface ReferralFormValues {
	programme: string;
	urgency: string;
	requestedStart: string;
	nights: string;
	adults: string;
	children: string;
	needs: string[];
	organisation: string;
	organisationOther: string;
	contact: string;
	phone: string;
	email: string;
	notes: string;
	/** Where the household comes from: an INSEE code, 'outside', or '' (unknown). */
	originCommune: string;
}
