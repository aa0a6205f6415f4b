// Checks of dates and ranges shared by the use cases: 422 with the field at fault.
import { countNights, isValidDate, type IsoDate } from '#domain/dates.ts';
import { AppError } from '#domain/errors.ts';

/** Throws 422 unless start and end are real dates with start < end and at most maxNights nights. */
export function checkRange(start: string, end: string, maxNights: number, names: [string, string] = ['start', 'end']): number {
  const errors = [];
  if (!isValidDate(start)) errors.push({ path: names[0], message: `"${start}" is not a calendar date (YYYY-MM-DD, years 1900 to 2999)` });
  if (!isValidDate(end)) errors.push({ path: names[1], message: `"${end}" is not a calendar date (YYYY-MM-DD, years 1900 to 2999)` });
  if (errors.length) throw new AppError('invalid', 'a date does not exist in the calendar', { errors });
  const nights = countNights(start as IsoDate, end as IsoDate);
  if (nights < 1) throw new AppError('invalid', `${names[1]} must be after ${names[0]}`, { errors: [{ path: names[1], message: `must be after ${names[0]}` }] });
  if (nights > maxNights) {
    throw new AppError('invalid', `the range spans ${nights} nights; at most ${maxNights} are allowed`, {
      errors: [{ path: names[1], message: `at most ${maxNights} nights` }]
    });
  }
  return nights;
}
