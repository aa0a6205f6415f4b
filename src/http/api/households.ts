// Households: the access request (GDPR art. 15), for admins; the pathway across programmes, for staff;
// the merge of two records of one household, for admins.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '#db/client.ts';
import { exportHousehold } from '#services/household-export.ts';
import { mergeHouseholds } from '#services/household-merge.ts';
import { getPathway } from '#services/pathway.ts';
import { actorOf, STAFF } from '../auth.ts';
import { errorResponses, idParams } from '#schemas/common.ts';
import { householdExport, mergeInput, mergeResult, pathway } from '#schemas/households.ts';

export function householdRoutes(db: () => Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/households/:id/export', {
      config: { roles: ['admin'] },
      schema: {
        tags: ['households'],
        summary: 'Everything held about one household (an access request), audited',
        description:
          "Admins only (403 for anyone else, before anything is read). Its own rows only: never another household's id, pseudonym or keep-apart link, nor a confidential address. Writes the audit entry household.export.",
        security: [{ bearer: [] }],
        params: idParams,
        response: { 200: householdExport, ...errorResponses(400, 401, 403, 404) }
      },
      handler: async (req, reply) => {
        const value = exportHousehold(db(), actorOf(req), req.params.id);
        return reply.header('cache-control', 'no-store').header('content-disposition', `attachment; filename="household-${value.household.id}.json"`).send(value);
      }
    });
    app.get('/households/:id/pathway', {
      config: { roles: STAFF },
      schema: {
        tags: ['households'],
        summary: "A household's pathway across programmes, in time order",
        description:
          "Staff. 404 for a household the caller's role could see only through programmes it does not handle; the steps of such programmes come as {date, kind} only. A confidential household appears by its pseudonym; reading its pathway writes the audit entry household.pathway.",
        security: [{ bearer: [] }],
        params: idParams,
        response: { 200: pathway, ...errorResponses(401, 403, 404) }
      },
      handler: async (req, reply) => reply.header('cache-control', 'no-store').send(getPathway(db(), actorOf(req), req.params.id))
    });
    app.post('/households/:id/merge', {
      config: { roles: ['admin'] },
      schema: {
        tags: ['households'],
        summary: 'Merge another record of the same household into this one (admins)',
        description:
          "Every row pointing at duplicateId (stays, mission applicants, residence applications and contracts, keep-apart links) moves to this household in one transaction; then duplicateId is removed (404 from then on). Confidential if either was; keep-apart links of either hold. 409 for two households that must be kept apart. Audited (household.merge, ids and the reason).",
        security: [{ bearer: [] }],
        params: idParams,
        body: mergeInput,
        response: { 200: mergeResult, ...errorResponses(400, 401, 403, 404, 409, 422) }
      },
      handler: async (req) => mergeHouseholds(db(), actorOf(req), req.params.id, req.body)
    });
  };
}
