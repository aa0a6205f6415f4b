// The one error type of the service, with its closed list of codes (docs/api.md, "Errors").
import type { Alternative } from './allocation.ts';

export const ERROR_STATUS = {
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  validation: 400,
  invalid: 422, // well-formed but invalid; reported under the public code "validation"
  overlap: 409,
  no_availability: 409,
  limit_exceeded: 422,
  invalid_transition: 409,
  already_decided: 409,
  rate_limited: 429,
  busy: 503 // the database stayed locked past the request's bound: retry later, nothing was written
} as const;

/** What a `busy` answer asks the caller to wait before trying again (its Retry-After, in seconds). */
export const BUSY_RETRY_AFTER_SECONDS = 2;

export type ErrorCode = keyof typeof ERROR_STATUS;
/** The codes a client sees (docs/api.md, "Errors"): every code but `invalid`, which is shown as `validation`. */
export type PublicCode = Exclude<ErrorCode, 'invalid'>;
export const PUBLIC_CODES = (Object.keys(ERROR_STATUS) as ErrorCode[]).filter((c): c is PublicCode => c !== 'invalid') as [PublicCode, ...PublicCode[]];

export interface FieldError {
  path: string;
  message: string;
}
export interface ConflictRange {
  start: string;
  end: string;
  kind: 'stay' | 'block';
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly errors?: FieldError[];
  readonly conflicts?: ConflictRange[];
  constructor(
    code: ErrorCode,
    message: string,
    extra: { errors?: FieldError[]; conflicts?: ConflictRange[] } = {}
  ) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.errors = extra.errors;
    this.conflicts = extra.conflicts;
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
  get publicCode(): PublicCode {
    return this.code === 'invalid' ? 'validation' : this.code;
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** 409 no_availability: nothing fits; carries the alternatives and the reason recorded as unmet demand. */
export class NoAvailabilityError extends AppError {
  readonly reason: string;
  readonly alternatives: readonly Alternative[];
  constructor(reason: string, alternatives: readonly Alternative[]) {
    super('no_availability', `nothing fits: ${reason}`);
    this.reason = reason;
    this.alternatives = alternatives;
  }
}
