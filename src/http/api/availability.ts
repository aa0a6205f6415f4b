// Availability (every role) and allocation (staff).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '#db/client.ts';
import { AppError } from '#domain/errors.ts';
import { allocate, allocateTogether, suggest } from '#services/allocation.ts';
import { getAvailabilityAnswer } from '#services/availability.ts';
import { actorOf, EVERYONE, STAFF } from '../auth.ts';
import { matchesEtag, type NotModified } from '../not-modified.ts';
import { allocationInput, availability, availabilityQuery, suggestInput, suggestion, togetherPlacement } from '#schemas/allocation.ts';
import { errorResponses } from '#schemas/common.ts';
import { stay } from '#schemas/stays.ts';

/** `notModified`: the 304s answered before the framework, which learn this route's headers. */
export function availabilityRoutes(db: () => Db, notModified?: NotModified): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/availability', {
      config: { roles: EVERYONE },
      schema: {
        tags: ['availability'],
        summary: 'Free ranges of each unit and free totals per night over [from, to)',
        description:
          "A partner never sees a household nor a confidential address; the units of confidential sites are not listed and count in its nightly totals only when no persons filter is given (a filter would split them unit by unit). The answer carries an ETag; send it back in If-None-Match to get 304 when nothing changed.",
        security: [{ bearer: [] }],
        querystring: availabilityQuery,
        response: { 200: availability, 304: z.null().meta({ description: 'Not modified' }), ...errorResponses(400, 401, 422, 429) }
      },
      handler: async (req, reply) => {
        const answer = getAvailabilityAnswer(db(), actorOf(req), req.query);
        reply.header('etag', answer.etag).header('cache-control', 'private, max-age=5').header('vary', 'Authorization');
        notModified?.learn(reply.getHeaders());
        if (matchesEtag(req.headers['if-none-match'], answer.etag)) {
          return reply.code(304).serializer(() => '').send(null);
        }
        return reply.type('application/json; charset=utf-8').send(answer.body as never);
      }
    });
    app.post('/allocations/suggest', {
      config: { roles: STAFF },
      schema: {
        tags: ['allocation'],
        summary: 'The units that fit, best first, with their reasons; the alternatives when none fits',
        security: [{ bearer: [] }],
        body: suggestInput,
        response: { 200: suggestion, ...errorResponses(400, 401, 403, 422) }
      },
      handler: async (req) => suggest(db(), actorOf(req), req.body)
    });
    app.post('/allocations', {
      config: { roles: STAFF },
      schema: {
        tags: ['allocation'],
        summary: 'Place the household in the best option',
        description:
          '409 no_availability when none fits (the unmet demand is recorded with its reason, and the alternatives are given); 422 limit_exceeded when the stay is over the limit on every unit of the programme. With `together: true`, when no single unit fits, the best `together` option (several units on the same nights) is placed in one transaction, all or none, and the answer is `{stays}`; one Idempotency-Key covers them all; 409 overlap when a unit named in `unitIds` was taken meanwhile (nothing placed).',
        security: [{ bearer: [] }],
        headers: z.object({ 'idempotency-key': z.string().optional() }),
        body: allocationInput,
        response: { 201: z.union([stay, togetherPlacement]), ...errorResponses(400, 401, 403, 409, 422) }
      },
      handler: async (req, reply) => {
        if (req.body.together) {
          const { value } = allocateTogether(db(), actorOf(req), req.body, req.headers['idempotency-key']);
          return reply.code(201).send(value);
        }
        if (req.body.unitIds) {
          throw new AppError('validation', 'unitIds go with together: true', { errors: [{ path: 'unitIds', message: 'only with together: true' }] });
        }
        const { value } = allocate(db(), actorOf(req), req.body, req.headers['idempotency-key']);
        return reply.code(201).send(value);
      }
    });
  };
}
