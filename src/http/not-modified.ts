// A poller's unchanged availability, answered 304 before the framework. Partners poll
// GET /api/v1/availability with If-None-Match; most polls find nothing changed. Through Fastify, such a
// poll cost almost what a full answer costs (routing, hooks, the security headers worked out again,
// the query validated, the reply pipeline, two log lines), since the answer itself is kept between
// requests. Here it costs what it must: the token authenticated (its account, as on every request,
// kept while nothing is written), the partner's rate limit counted, and the kept answer's validity checked (no write since,
// no commit by another process, no hold lapsed: see keptAvailabilityEtag); then 304 with the headers
// the route sends. Anything else (another route, an odd query, an unknown token, a stale or
// different ETag, a partner at its limit) goes to Fastify, which answers it in full.
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { MAX_PERSONS } from '#domain/input-limits.ts';
import { PROGRAMMES, isStaff, type Programme } from '#domain/programmes.ts';
import type { Db } from '#db/client.ts';
import { changeCounters } from '#db/prepared.ts';
import { authenticateToken } from '#services/accounts.ts';
import { availabilityKey, keptAvailabilityEtag, type AvailabilityQuery } from '#services/availability.ts';
import { bearerToken } from './auth.ts';
import { limitKeyOf, partnerLimit, type PartnerLimitStore } from './partner-limit.ts';

const PATH = '/api/v1/availability';
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const PERSONS = /^[1-9]\d{0,2}$/;

/** True when an If-None-Match header lists `etag` (strong or weak). */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  for (const t of ifNoneMatch.split(',')) {
    const v = t.trim();
    if (v === etag || v === `W/${etag}`) return true;
  }
  return false;
}

/**
 * The query in the one spelling whose kept answer can be found: each known parameter at most once,
 * nothing encoded, nothing else. Any other spelling is left to the route (validated there).
 */
export function plainAvailabilityQuery(search: string): AvailabilityQuery | null {
  let from: string | undefined;
  let to: string | undefined;
  let programme: Programme | undefined;
  let persons: number | undefined;
  for (const part of search.split('&')) {
    const eq = part.indexOf('=');
    if (eq < 0) return null;
    const value = part.slice(eq + 1);
    switch (part.slice(0, eq)) {
      case 'from':
        if (from !== undefined || !DATE.test(value)) return null;
        from = value;
        break;
      case 'to':
        if (to !== undefined || !DATE.test(value)) return null;
        to = value;
        break;
      case 'programme':
        if (programme !== undefined || !(PROGRAMMES as readonly string[]).includes(value)) return null;
        programme = value as Programme;
        break;
      case 'persons':
        if (persons !== undefined || !PERSONS.test(value) || Number(value) > MAX_PERSONS) return null;
        persons = Number(value);
        break;
      default:
        return null;
    }
  }
  return from && to ? { from, to, programme, persons } : null;
}

/** Headers that differ from one answer to the next: never part of the learnt ones. */
const PER_ANSWER = new Set([
  'etag',
  'content-type',
  'content-length',
  'transfer-encoding',
  'date',
  'connection',
  'keep-alive',
  'set-cookie',
  'retry-after',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset'
]);

export interface NotModified {
  /** Answers 304 and returns true when it can; false: nothing was written, Fastify answers. */
  answer(req: IncomingMessage, res: ServerResponse): boolean;
  /**
   * The route gives the headers of its answers (the security headers, Cache-Control, Vary) as the
   * framework set them; those that do not vary per answer are sent with each 304 here. Until the
   * route has answered once, every request goes to it.
   */
  learn(headers: Record<string, string | number | readonly string[] | undefined>): void;
  /** How many 304s were answered here (they are not in Fastify's request log). */
  readonly answered: number;
}

export function notModifiedAnswers(db: () => Db, store: PartnerLimitStore): NotModified {
  let fixed: OutgoingHttpHeaders | null = null;
  let answered = 0;
  return {
    get answered() {
      return answered;
    },
    learn(headers) {
      if (fixed) return;
      const kept: OutgoingHttpHeaders = {};
      for (const [name, value] of Object.entries(headers)) if (value !== undefined && !PER_ANSWER.has(name.toLowerCase())) kept[name.toLowerCase()] = value as string | number | string[];
      fixed = kept;
    },
    answer(req, res) {
      const url = req.url;
      if (fixed === null || req.method !== 'GET' || !url || !url.startsWith(PATH) || url.charCodeAt(PATH.length) !== 63 /* ? */) return false;
      const ifNoneMatch = req.headers['if-none-match'];
      if (!ifNoneMatch) return false;
      const q = plainAvailabilityQuery(url.slice(PATH.length + 1));
      if (!q) return false;
      const token = bearerToken(req.headers.authorization);
      if (token === null) return false;
      // One read of the connection's change counters serves the token's kept account and the kept answer.
      const counters = changeCounters(db());
      const actor = authenticateToken(db(), token, req.socket.remoteAddress ?? null, counters);
      if (!actor) return false;
      const etag = keptAvailabilityEtag(db(), availabilityKey(isStaff(actor.role), q), counters[1]);
      if (etag === null || !matchesEtag(ifNoneMatch, etag)) return false;
      const headers: OutgoingHttpHeaders = { ...fixed, etag };
      const limitKey = limitKeyOf(actor);
      if (limitKey !== null) {
        const { max, windowMs } = partnerLimit();
        // At the limit, the framework counts this request and answers 429.
        if (store.peek(limitKey, windowMs).current >= max) return false;
        const { current, ttl } = store.count(limitKey, windowMs);
        headers['x-ratelimit-limit'] = max;
        headers['x-ratelimit-remaining'] = Math.max(0, max - current);
        headers['x-ratelimit-reset'] = Math.ceil(ttl / 1000);
      }
      res.writeHead(304, headers);
      res.end();
      answered++;
      return true;
    }
  };
}
