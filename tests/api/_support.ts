// Shared helpers of the API tests: callers by role, problem+json checks, database probes.
import { createHash, randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Db } from '../../db/client.ts';
import { revokeApiToken } from '../../db/queries/accounts.ts';
import { createAccountWithToken } from '../../src/services/accounts.ts';
import { nowMs } from '../../src/services/clock.ts';
import type { Role } from '../../src/domain/programmes.ts';
import { bearer, type RoleToken } from '../support/fixtures.ts';

/** Who calls: nobody, a token nobody issued, a revoked token, or one of the four roles. */
export type Who = 'none' | 'unknown' | 'revoked' | Role;
export const WHO: readonly Who[] = ['none', 'unknown', 'revoked', 'admin', 'duty_officer', 'housing_officer', 'residence_officer', 'partner'];
export const ROLES: readonly Role[] = ['admin', 'duty_officer', 'housing_officer', 'residence_officer', 'partner'];
export const STAFF: readonly Role[] = ['admin', 'duty_officer', 'housing_officer', 'residence_officer'];

/** An admin token that worked, then was revoked. */
export function makeRevokedToken(db: Db): string {
  const t = createAccountWithToken(db, { name: 'revoked admin', role: 'admin' });
  revokeApiToken(db, t.tokenId, nowMs());
  return t.token;
}

export function headersFor(who: Who, accounts: Record<Role, RoleToken>, revoked: string): Record<string, string> {
  switch (who) {
    case 'none':
      return {};
    case 'unknown':
      return bearer(`heb_${randomBytes(32).toString('base64url')}`);
    case 'revoked':
      return bearer(revoked);
    default:
      return bearer(accounts[who].token);
  }
}

export type Method = 'GET' | 'POST' | 'PATCH';

/**
 * Sends a request with app.inject. A string payload is sent as is with Content-Type
 * application/json (unless another one is given): malformed JSON stays malformed.
 */
export function send(app: FastifyInstance, method: Method, url: string, headers: Record<string, string>, payload?: unknown): Promise<LightMyRequestResponse> {
  const opts: InjectOptions = { method, url, headers: { ...headers } };
  if (payload !== undefined) {
    if (typeof payload === 'string') {
      opts.headers = { 'content-type': 'application/json', ...headers };
      opts.payload = payload;
    } else {
      opts.payload = payload as InjectOptions['payload'];
    }
  }
  return app.inject(opts);
}

export type PublicCode =
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'validation'
  | 'overlap'
  | 'no_availability'
  | 'limit_exceeded'
  | 'invalid_transition'
  | 'already_decided'
  | 'rate_limited'
  | 'busy';

/** An RFC 9457 answer: application/problem+json, {type: /problems/<code>, title, status, detail, code}. */
export function expectProblem(res: { statusCode: number; headers: Record<string, unknown>; body: string }, status: number, code: PublicCode) {
  const body = JSON.parse(res.body);
  expect({ status: res.statusCode, code: body.code, detail: body.detail }).toMatchObject({ status, code });
  expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json(;|$)/);
  expect(body.type).toBe(`/problems/${code}`);
  expect(body.status).toBe(status);
  expect(typeof body.title).toBe('string');
  expect(body.title.length).toBeGreaterThan(0);
  expect(typeof body.detail).toBe('string');
  return body as { type: string; title: string; status: number; detail: string; code: string; errors?: { path: string; message: string }[]; conflicts?: { start: string; end: string; kind: string }[] };
}

/** Pairs of live stays (hold not yet lapsed, confirmed, in_place) on one of `unitIds` that share a night (a test counts on its own units only: other tests share the file). */
export function overlappingLiveStayPairs(db: Db, unitIds: readonly string[], now = nowMs()): number {
  if (unitIds.length === 0) throw new Error('name the units to look at: a test counts overlaps on its own units only');
  const live = `status IN ('confirmed','in_place') OR (status = 'hold' AND hold_expires_at > ${Number(now)})`;
  const row = db.$client
    .prepare(
      `SELECT count(*) AS n FROM stays a JOIN stays b
         ON a.unit_id = b.unit_id AND a.id < b.id AND a.start_date < b.end_date AND b.start_date < a.end_date
       WHERE a.unit_id IN (${unitIds.map(() => '?').join(',')})
         AND (${live.replaceAll('status', 'a.status').replaceAll('hold_expires_at', 'a.hold_expires_at')})
         AND (${live.replaceAll('status', 'b.status').replaceAll('hold_expires_at', 'b.hold_expires_at')})`
    )
    .get(...unitIds) as { n: number };
  return row.n;
}

/**
 * What a request could change: the number of stays, households, blocks, sites and units, of the
 * housing mission's landlords, offers, applicants, proposals and steps, of the residence's applications,
 * committees, contracts, amendments, payments and departures, and a digest of their rows
 * (a failing comparison shows which table moved).
 */
export function snapshot(db: Db): Record<string, string | number> {
  const tables: Record<string, string> = {
    stays: 'SELECT id, unit_id, start_date, end_date, status, hold_expires_at, override_reason FROM stays ORDER BY id',
    households: 'SELECT id, adults, children FROM households ORDER BY id',
    blocks: 'SELECT id, unit_id, start_date, end_date FROM blocks ORDER BY id',
    sites: 'SELECT id, name FROM sites ORDER BY id',
    units: 'SELECT id, name, capacity FROM units ORDER BY id',
    landlords: 'SELECT id, name FROM landlords ORDER BY id',
    offers: 'SELECT id, status, status_reason, unit_id FROM offers ORDER BY id',
    applicants: 'SELECT id, housed_at FROM applicants ORDER BY id',
    proposals: 'SELECT id, status, reason FROM proposals ORDER BY id',
    missionEvents: 'SELECT id FROM mission_events ORDER BY id',
    residenceApplications: 'SELECT id, household_id, status, reason, committee_id, urgent FROM residence_applications ORDER BY id',
    residenceApplicationEvents: 'SELECT id FROM residence_application_events ORDER BY id',
    residenceCommittees: 'SELECT id, meets_on FROM residence_committees ORDER BY id',
    residenceContracts: 'SELECT id, status, end_date FROM residence_contracts ORDER BY id',
    residenceAmendments: 'SELECT id FROM residence_amendments ORDER BY id',
    residencePayments: 'SELECT id FROM residence_payments ORDER BY id',
    residenceDepartures: 'SELECT contract_id FROM residence_departures ORDER BY contract_id'
  };
  const out: Record<string, string | number> = {};
  for (const [name, sql] of Object.entries(tables)) {
    const rows = db.$client.prepare(sql).all();
    out[`${name}.count`] = rows.length;
    out[`${name}.digest`] = createHash('sha256').update(JSON.stringify(rows)).digest('hex').slice(0, 16);
  }
  return out;
}

/** The stays table alone, every column. */
export function staysTable(db: Db): string {
  return JSON.stringify(db.$client.prepare('SELECT * FROM stays ORDER BY id').all());
}

/** The social residence's applications, their steps and the committees, every column (a failed request must leave them as they were). */
export function residenceApplicationTables(db: Db): string {
  const tables = ['residence_applications', 'residence_application_events', 'residence_committees', 'households'];
  return JSON.stringify(tables.map((name) => db.$client.prepare(`SELECT * FROM ${name} ORDER BY rowid`).all()));
}

/** The housing mission's tables, every column (a failed request must leave them as they were). */
export function missionTables(db: Db): string {
  const tables = ['landlords', 'offers', 'applicants', 'proposals', 'mission_events', 'sites', 'units', 'blocks'];
  return JSON.stringify(tables.map((name) => db.$client.prepare(`SELECT * FROM ${name} ORDER BY rowid`).all()));
}

/** A small deterministic generator (mulberry32), so that a failing storm can be replayed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** it.each without the truncation of long names: one test per case, named by `name`. */
export function eachCase<T>(cases: readonly T[], name: (c: T) => string, fn: (c: T) => Promise<void>): void {
  for (const c of cases) it(name(c), () => fn(c));
}

/** What a real HTTP answer held: its status and its JSON body ({} when empty). */
export interface JsonAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** POSTs JSON over real HTTP with a bearer token (extra headers such as Idempotency-Key). */
export async function postJson(baseUrl: string, path: string, token: string, body: unknown, extra: Record<string, string> = {}): Promise<JsonAnswer> {
  const res = await fetch(`${baseUrl}${path}`, { method: 'POST', headers: bearer(token, { 'content-type': 'application/json', ...extra }), body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : {} };
}
