// The placing page's search (/placer), read once with its use case's schema: the defaults of a
// blank search, the departure date winning over the nights, the field at fault when one is wrong.
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/services/actor.ts';
import { parsePlacingSearch } from '../../src/lib/server/placing.ts';

const actor = (role: Actor['role']): Actor => ({ accountId: `a-${role}`, role, organisationId: null, ip: '127.0.0.1' });
const w = { actors: { duty_officer: actor('duty_officer'), housing_officer: actor('housing_officer') } };

function query(fields: Record<string, string>): URLSearchParams {
  return new URLSearchParams(fields);
}

describe('parsePlacingSearch: the placing form, read once', () => {
  it('counts the nights from the arrival date when no departure date is given', () => {
    expect.hasAssertions();
    const parsed = parsePlacingSearch(query({ start: '2027-03-10', nights: '3', adults: '1', children: '2', programme: 'emergency' }), w.actors.duty_officer, '2027-03-01');
    expect(parsed.errors).toEqual([]);
    expect(parsed.request).toMatchObject({ start: '2027-03-10', end: '2027-03-13', persons: 3, adults: 1, children: 2, programme: 'emergency', accessible: false, unitId: null });
  });

  it('a departure date, when given, wins over the number of nights, and the nights are given back counted from it', () => {
    expect.hasAssertions();
    const parsed = parsePlacingSearch(query({ start: '2027-03-10', nights: '9', end: '2027-03-12', adults: '2', programme: 'emergency' }), w.actors.duty_officer, '2027-03-01');
    expect(parsed.request).toMatchObject({ start: '2027-03-10', end: '2027-03-12', persons: 2 });
    expect(parsed.values.nights).toBe('2');
  });

  it('a link from Tonight (unitId, start, programme, persons) gives that many adults, one night, and the unit asked for', () => {
    expect.hasAssertions();
    const parsed = parsePlacingSearch(query({ unitId: 'u-1', start: '2027-03-01', programme: 'dv_protocol', persons: '3' }), w.actors.duty_officer, '2027-03-01');
    expect(parsed.request).toMatchObject({ start: '2027-03-01', end: '2027-03-02', persons: 3, adults: 3, children: 0, programme: 'dv_protocol', unitId: 'u-1' });
  });

  it('an empty form starts tonight, for one night, one adult, in the first programme the role handles', () => {
    expect.hasAssertions();
    const duty = parsePlacingSearch(query({}), w.actors.duty_officer, '2027-03-01');
    expect(duty.values).toMatchObject({ start: '2027-03-01', nights: '1', end: '', adults: '1', children: '0', programme: 'emergency', accessible: false });
    const housing = parsePlacingSearch(query({}), w.actors.housing_officer, '2027-03-01');
    expect(housing.values.programme).toBe('social_residence');
  });

  it('names each wrong field: a date that does not exist, a departure before the arrival, no person, a programme the role does not handle', () => {
    expect.hasAssertions();
    expect(parsePlacingSearch(query({ start: '2027-02-30', nights: '2', adults: '1', programme: 'emergency' }), w.actors.duty_officer, '2027-03-01').errors.map((e) => e.path)).toEqual(['start']);
    expect(parsePlacingSearch(query({ start: '2027-03-10', end: '2027-03-10', adults: '1', programme: 'emergency' }), w.actors.duty_officer, '2027-03-01').errors.map((e) => e.path)).toEqual(['end']);
    expect(parsePlacingSearch(query({ start: '2027-03-10', nights: '0', adults: '1', programme: 'emergency' }), w.actors.duty_officer, '2027-03-01').errors.map((e) => e.path)).toEqual(['nights']);
    expect(parsePlacingSearch(query({ start: '2027-03-10', nights: '2', adults: '0', children: '0', programme: 'emergency' }), w.actors.duty_officer, '2027-03-01').errors.map((e) => e.path)).toEqual(['adults']);
    const housing = parsePlacingSearch(query({ start: '2027-03-10', nights: '2', adults: '1', programme: 'emergency' }), w.actors.housing_officer, '2027-03-01');
    expect(housing.errors.map((e) => e.path)).toEqual(['programme']);
    expect(housing.request).toBeNull();
  });

  it.each([
    ['20 adults', { adults: '20', children: '0' }, []],
    ['21 adults', { adults: '21', children: '0' }, ['adults']],
    ['20 children', { adults: '1', children: '20' }, []],
    ['21 children', { adults: '1', children: '21' }, ['children']],
    ['50 adults (the old bound of this page)', { adults: '50', children: '0' }, ['adults']]
  ])('the household: %s', (_name, household, paths) => {
    const parsed = parsePlacingSearch(query({ start: '2027-03-10', nights: '2', programme: 'emergency', ...household }), w.actors.duty_officer, '2027-03-01');
    expect(parsed.errors.map((e) => e.path)).toEqual(paths);
    expect(parsed.request === null).toBe(paths.length > 0);
  });
});
