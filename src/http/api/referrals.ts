// Referrals: partners send and follow their own; staff read those of their programmes; duty officers and admins decide.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '#db/client.ts';
import { createReferral, decideReferral, getReferral, listReferrals } from '#services/referrals.ts';
import { actorOf, EVERYONE } from '../auth.ts';
import { errorResponses, idParams } from '#schemas/common.ts';
import { decisionInput, referral, referralInput, referralList, referralQuery } from '#schemas/referrals.ts';

export function referralRoutes(db: () => Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/referrals', {
      config: { roles: ['admin', 'duty_officer', 'partner'] },
      schema: {
        tags: ['referrals'],
        summary: 'Send a referral (a partner) or enter one taken by phone (a duty officer)',
        description: "A partner's referral belongs to its own organisation, whatever referrer.organisation says.",
        security: [{ bearer: [] }],
        body: referralInput,
        response: { 201: referral, ...errorResponses(400, 401, 403, 422, 429) }
      },
      handler: async (req, reply) => reply.code(201).send(createReferral(db(), actorOf(req), req.body))
    });
    app.get('/referrals', {
      config: { roles: EVERYONE },
      schema: { tags: ['referrals'], summary: "Staff see those of the programmes they handle; a partner its organisation's", security: [{ bearer: [] }], querystring: referralQuery, response: { 200: referralList, ...errorResponses(400, 401, 429) } },
      handler: async (req) => ({ referrals: listReferrals(db(), actorOf(req), req.query) })
    });
    app.get('/referrals/:id', {
      config: { roles: EVERYONE },
      schema: { tags: ['referrals'], summary: 'One referral (404 for another organisation’s, or for a programme the caller’s role does not handle)', security: [{ bearer: [] }], params: idParams, response: { 200: referral, ...errorResponses(401, 404, 429) } },
      handler: async (req) => getReferral(db(), actorOf(req), req.params.id)
    });
    app.post('/referrals/:id/decision', {
      config: { roles: ['admin', 'duty_officer', 'partner'] },
      schema: {
        tags: ['referrals'],
        summary: 'Decide: accepted, declined or redirected (with a reason), withdrawn',
        description: 'Staff decide; a partner may only withdraw its own. A move the status list does not allow is 409 already_decided.',
        security: [{ bearer: [] }],
        params: idParams,
        body: decisionInput,
        response: { 200: referral, ...errorResponses(400, 401, 403, 404, 409, 422, 429) }
      },
      handler: async (req) => decideReferral(db(), actorOf(req), req.params.id, req.body)
    });
  };
}
