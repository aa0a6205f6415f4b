// The social residence's applications: staff and partners file them; the residence's staff read all
// and decide (a partner follows and may withdraw its organisation's own); the admission committee's meetings.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RESIDENCE_READERS, RESIDENCE_ROLES } from '#domain/programmes.ts';
import type { Db } from '#db/client.ts';
import { createApplication, createCommittee, decideApplication, getApplication, listApplications, listCommittees } from '#services/residence/applications.ts';
import { actorOf, EVERYONE } from '../auth.ts';
import { errorResponses, idParams } from '#schemas/common.ts';
import { application, applicationDecisionInput, applicationInput, applicationList, applicationQuery, committee, committeeInput, committeeList } from '#schemas/residence-applications.ts';

const idempotencyHeaders = z.object({ 'idempotency-key': z.string().optional().meta({ description: 'A retry with the same key returns the first answer and files nothing twice' }) });

export function residenceApplicationRoutes(db: () => Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/residence/applications', {
      config: { roles: EVERYONE },
      schema: {
        tags: ['residence'],
        summary: 'File an application for admission to the social residence (staff and partners)',
        description: "A partner's application belongs to its own organisation and is for a new household: only staff may name a householdId (422 for a partner).",
        security: [{ bearer: [] }],
        headers: idempotencyHeaders,
        body: applicationInput,
        response: { 201: application, ...errorResponses(400, 401, 403, 404, 422, 429) }
      },
      handler: async (req, reply) => {
        const { value } = createApplication(db(), actorOf(req), req.body, req.headers['idempotency-key']);
        return reply.code(201).send(value);
      }
    });
    app.get('/residence/applications', {
      config: { roles: EVERYONE },
      schema: {
        tags: ['residence'],
        summary: "The residence's staff see all; a partner its organisation's (status and times)",
        security: [{ bearer: [] }],
        querystring: applicationQuery,
        response: { 200: applicationList, ...errorResponses(400, 401, 429) }
      },
      handler: async (req) => ({ applications: listApplications(db(), actorOf(req), req.query) })
    });
    app.get('/residence/applications/:id', {
      config: { roles: EVERYONE },
      schema: {
        tags: ['residence'],
        summary: "One application (404 for another organisation's)",
        security: [{ bearer: [] }],
        params: idParams,
        response: { 200: application, ...errorResponses(401, 404, 429) }
      },
      handler: async (req) => getApplication(db(), actorOf(req), req.params.id)
    });
    app.post('/residence/applications/:id/decision', {
      config: { roles: [...RESIDENCE_ROLES, 'partner'] },
      schema: {
        tags: ['residence'],
        summary: 'Decide: admitted, waiting_list, refused or redirected (with a reason), withdrawn',
        description:
          'Admins and residence officers decide; a partner may only withdraw its own. Without committeeId the decision is an urgent one between committees (recorded as urgent). A move the status list does not allow is 409 already_decided.',
        security: [{ bearer: [] }],
        params: idParams,
        body: applicationDecisionInput,
        response: { 200: application, ...errorResponses(400, 401, 403, 404, 409, 422, 429) }
      },
      handler: async (req) => decideApplication(db(), actorOf(req), req.params.id, req.body)
    });
    app.get('/residence/committees', {
      config: { roles: RESIDENCE_READERS },
      schema: { tags: ['residence'], summary: 'The admission committees, the latest first', security: [{ bearer: [] }], response: { 200: committeeList, ...errorResponses(401, 403, 429) } },
      handler: async (req) => ({ committees: listCommittees(db(), actorOf(req)) })
    });
    app.post('/residence/committees', {
      config: { roles: RESIDENCE_ROLES },
      schema: {
        tags: ['residence'],
        summary: 'A new meeting of the admission committee',
        security: [{ bearer: [] }],
        headers: z.object({ 'idempotency-key': z.string().optional().meta({ description: 'A retry with the same key returns the first answer and creates one meeting' }) }),
        body: committeeInput,
        response: { 201: committee, ...errorResponses(400, 401, 403, 422, 429) }
      },
      handler: async (req, reply) => reply.code(201).send(createCommittee(db(), actorOf(req), req.body, req.headers['idempotency-key']))
    });
  };
}
