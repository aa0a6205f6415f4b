// The domestic-violence protocol: its path (hotel nights, then the apartment) and its budget.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '#db/client.ts';
import { getProtocolBudget, placeProtocolPath, suggestProtocolPath } from '#services/protocol.ts';
import { actorOf, STAFF } from '../auth.ts';
import { errorResponses } from '#schemas/common.ts';
import { budget, budgetQuery, pathInput, pathPlacement, pathPlacementInput, pathSuggestion } from '#schemas/protocol.ts';

export function protocolRoutes(db: () => Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/protocol/budget', {
      config: { roles: STAFF },
      schema: { tags: ['protocol'], summary: "The year's protocol budget: spent, committed, remaining", security: [{ bearer: [] }], querystring: budgetQuery, response: { 200: budget, ...errorResponses(400, 401, 403, 422) } },
      handler: async (req) => getProtocolBudget(db(), req.query.year)
    });
    app.post('/protocol/suggest', {
      config: { roles: ['admin', 'duty_officer'] },
      schema: {
        tags: ['protocol'],
        summary: 'The protocol path: partner-hotel nights first, then the apartment stay that follows',
        security: [{ bearer: [] }],
        body: pathInput,
        response: { 200: pathSuggestion, ...errorResponses(400, 401, 403, 422) }
      },
      handler: async (req) => suggestProtocolPath(db(), actorOf(req), req.body)
    });
    app.post('/protocol/placements', {
      config: { roles: ['admin', 'duty_officer'] },
      schema: {
        tags: ['protocol'],
        summary: 'Place the hotel nights and the apartment stay that follows, together and linked',
        description: "422 limit_exceeded when the hotel nights would pass the year's budget and no budgetOverrideReason is given.",
        security: [{ bearer: [] }],
        headers: z.object({ 'idempotency-key': z.string().optional() }),
        body: pathPlacementInput,
        response: { 201: pathPlacement, ...errorResponses(400, 401, 403, 404, 409, 422) }
      },
      handler: async (req, reply) => reply.code(201).send(placeProtocolPath(db(), actorOf(req), req.body, req.headers['idempotency-key']).value)
    });
  };
}
