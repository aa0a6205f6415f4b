// Sites and units (admin writes; staff read; partners read non-confidential ones).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '#db/client.ts';
import { createSite, createUnit, listUnits } from '#services/sites.ts';
import { setUnitAltGrant } from '#services/admin.ts';
import { actorOf, EVERYONE } from '../auth.ts';
import { errorResponses, idParams } from '#schemas/common.ts';
import { site, siteInput, unit, unitAlt, unitAltInput, unitInput, unitList } from '#schemas/inventory.ts';

export function inventoryRoutes(db: () => Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/sites', {
      config: { roles: ['admin'] },
      schema: { tags: ['inventory'], summary: 'Create a site', security: [{ bearer: [] }], body: siteInput, response: { 201: site, ...errorResponses(400, 401, 403) } },
      handler: async (req, reply) => reply.code(201).send(createSite(db(), actorOf(req), req.body))
    });
    app.post('/units', {
      config: { roles: ['admin'] },
      schema: { tags: ['inventory'], summary: 'Create a unit on a site', security: [{ bearer: [] }], body: unitInput, response: { 201: unit, ...errorResponses(400, 401, 403, 404) } },
      handler: async (req, reply) => reply.code(201).send(createUnit(db(), actorOf(req), req.body))
    });
    app.patch('/units/:id', {
      config: { roles: ['admin'] },
      schema: {
        tags: ['inventory'],
        summary: "Put a unit under the ALT grant, or take it out, from tonight's night on",
        description: 'Its dated ALT periods follow, so the flat-months of past months do not move. Doing what is already so changes nothing.',
        security: [{ bearer: [] }],
        params: idParams,
        body: unitAltInput,
        response: { 200: unitAlt, ...errorResponses(400, 401, 403, 404) }
      },
      handler: async (req) => setUnitAltGrant(db(), actorOf(req), req.params.id, req.body.alt)
    });
    app.get('/units', {
      config: { roles: EVERYONE },
      schema: {
        tags: ['inventory'],
        summary: 'List active units',
        description: "A confidential site's address goes to admins and duty officers only; a partner receives no unit of a confidential site.",
        security: [{ bearer: [] }],
        response: { 200: unitList, ...errorResponses(401) }
      },
      handler: async (req) => ({ units: listUnits(db(), actorOf(req)) })
    });
  };
}
