// The size limits of what people type, written once: the API's schemas, the pages' forms and the
// services all read them from here (docs/domain.md, "Limits of what people type").

/** The most adults, and the most children, a household may count. */
export const MAX_ADULTS = 20;
export const MAX_CHILDREN = 20;
/** The most persons a request may count (no unit holds more). */
export const MAX_PERSONS = 50;

/** A reason given with an act (a decision, a block, an override, a reveal), in characters. */
export const REASON_MAX = 500;
/** A note beside a record (a referral, an unmet demand), in characters. */
export const NOTE_MAX = 500;
/** The practical note of a stay (the door code, who to call), in characters. */
export const STAY_NOTE_MAX = 2000;
