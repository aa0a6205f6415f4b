// Households: the access request (GDPR art. 15), for admins.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '#db/client.ts';
import { exportHousehold } from '#services/household-export.ts';
import { actorOf } from '../auth.ts';
import { errorResponses, idParams } from '#schemas/common.ts';
import { householdExport } from '#schemas/households.ts';

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
  };
}
