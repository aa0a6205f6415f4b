// Stays and blocks.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { StayAction } from '#domain/stay-lifecycle.ts';
import type { Db } from '#db/client.ts';
import { createBlock } from '#services/blocks.ts';
import { actOnStay, changeStayEnd, extendHold, getStay, listStays, placeStayGrouped } from '#services/stays.ts';
import { MAX_HOLD_EXTENSIONS } from '#domain/time-limits.ts';
import { actorOf, STAFF } from '../auth.ts';
import { errorResponses, idParams } from '#schemas/common.ts';
import { block, blockInput } from '#schemas/inventory.ts';
import { checkOutBody, stay, stayInput, stayList, stayPatch, stayQuery } from '#schemas/stays.ts';
import { z } from 'zod';

const idempotencyHeaders = z.object({ 'idempotency-key': z.string().optional().meta({ description: 'A retry with the same key returns the first answer and places nobody twice' }) });

const ACTIONS: { path: string; action: StayAction; summary: string }[] = [
  { path: 'confirm', action: 'confirm', summary: 'Confirm a hold' },
  { path: 'check-in', action: 'check-in', summary: 'Record the arrival of a confirmed stay' },
  { path: 'check-out', action: 'check-out', summary: 'Record the departure; an early one frees the nights after it' },
  { path: 'cancel', action: 'cancel', summary: 'Cancel a hold or a confirmed stay' },
  { path: 'no-show', action: 'no-show', summary: 'Record that the household did not come (from the first night on)' }
];

export function stayRoutes(db: () => Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/stays', {
      config: { roles: STAFF },
      schema: {
        tags: ['stays'],
        summary: 'Place a household on a unit',
        security: [{ bearer: [] }],
        headers: idempotencyHeaders,
        body: stayInput,
        response: { 201: stay, ...errorResponses(400, 401, 403, 404, 409, 422) }
      },
      handler: async (req, reply) => {
        // Group commit: answered once the COMMIT holding this placement has returned (durable).
        const { value } = await placeStayGrouped(db(), actorOf(req), req.body, req.headers['idempotency-key']);
        return reply.code(201).send(value);
      }
    });
    app.get('/stays', {
      config: { roles: STAFF },
      schema: { tags: ['stays'], summary: 'Stays of every status that share a night with [from, to), of the programmes the caller handles', security: [{ bearer: [] }], querystring: stayQuery, response: { 200: stayList, ...errorResponses(400, 401, 403, 422) } },
      handler: async (req) => ({ stays: listStays(db(), actorOf(req), req.query) })
    });
    app.get('/stays/:id', {
      config: { roles: STAFF },
      schema: {
        tags: ['stays'],
        summary: 'A stay with its history',
        description: "404 for a stay of a programme the caller's role does not handle (so for every move on it), as for one that does not exist.",
        security: [{ bearer: [] }],
        params: idParams,
        response: { 200: stay, ...errorResponses(401, 403, 404) }
      },
      handler: async (req) => getStay(db(), actorOf(req), req.params.id)
    });
    app.patch('/stays/:id', {
      config: { roles: STAFF },
      schema: { tags: ['stays'], summary: 'Extend or shorten a live stay', security: [{ bearer: [] }], params: idParams, body: stayPatch, response: { 200: stay, ...errorResponses(400, 401, 403, 404, 409, 422) } },
      handler: async (req) => changeStayEnd(db(), actorOf(req), req.params.id, req.body)
    });
    for (const a of ACTIONS) {
      if (a.action === 'check-out') continue;
      app.post(`/stays/:id/${a.path}`, {
        config: { roles: STAFF },
        schema: { tags: ['stays'], summary: a.summary, security: [{ bearer: [] }], params: idParams, response: { 200: stay, ...errorResponses(401, 403, 404, 409) } },
        handler: async (req) => actOnStay(db(), actorOf(req), req.params.id, a.action)
      });
    }
    app.post('/stays/:id/extend-hold', {
      config: { roles: STAFF },
      schema: {
        tags: ['stays'],
        summary: 'Extend a hold by one more hold period',
        description: `The hold then lapses HOLD_MINUTES later than it would have; the holds placed together with it follow. At most ${MAX_HOLD_EXTENSIONS} times a hold; 409 \`invalid_transition\` past that, for a hold that has lapsed (its unit may be taken: place again), or for a stay that is not a hold.`,
        security: [{ bearer: [] }],
        params: idParams,
        response: { 200: stay, ...errorResponses(401, 403, 404, 409) }
      },
      handler: async (req) => extendHold(db(), actorOf(req), req.params.id)
    });
    app.post('/stays/:id/check-out', {
      config: { roles: STAFF },
      schema: {
        tags: ['stays'],
        summary: 'Record the departure; an early one frees the nights after it',
        description: 'The body is optional: `destination`, where the household went, from the closed list of departures (422 for another value).',
        security: [{ bearer: [] }],
        params: idParams,
        body: checkOutBody,
        response: { 200: stay, ...errorResponses(400, 401, 403, 404, 409, 422) }
      },
      handler: async (req) => actOnStay(db(), actorOf(req), req.params.id, 'check-out', { destination: req.body?.destination })
    });
    app.post('/blocks', {
      config: { roles: ['admin', 'duty_officer'] },
      schema: { tags: ['stays'], summary: 'Take a unit out of service over a range of nights', security: [{ bearer: [] }], body: blockInput, response: { 201: block, ...errorResponses(400, 401, 403, 404, 409, 422) } },
      handler: async (req, reply) => reply.code(201).send(createBlock(db(), actorOf(req), req.body))
    });
  };
}
