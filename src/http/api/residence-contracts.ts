// The social residence's contracts: signing (placing or adopting the stay), amendments, the monthly
// statement, payments and reversals, the departure. Residence officers and admins write; housing
// officers and duty officers read; partners get 403 before the body is read.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '#db/client.ts';
import { RESIDENCE_READERS, RESIDENCE_ROLES } from '#domain/programmes.ts';
import { amendContract, contractStatement, createContract, getContract, recordDeparture, recordPayment } from '#services/residence/contracts.ts';
import { actorOf } from '../auth.ts';
import { errorResponses, idParams } from '#schemas/common.ts';
import { amendment, amendmentInput, contract, contractInput, departureInput, payment, paymentInput, statement, statementQuery } from '#schemas/residence-contracts.ts';

const tags = ['residence'];
const security = [{ bearer: [] }];
const idempotencyHeaders = z.object({ 'idempotency-key': z.string().optional().meta({ description: 'A retry with the same key returns the first answer and records nothing twice' }) });

export function residenceContractRoutes(db: () => Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/residence/contracts', {
      config: { roles: RESIDENCE_ROLES },
      schema: {
        tags,
        summary: "Sign a contract for an admitted application: places its social_residence stay (or adopts stayId), kept six months ahead",
        description: 'An application that is not admitted is 409 invalid_transition; nights taken on the unit are 409 overlap, and nothing is written.',
        security,
        headers: idempotencyHeaders,
        body: contractInput,
        response: { 201: contract, ...errorResponses(400, 401, 403, 404, 409, 422) }
      },
      handler: async (req, reply) => reply.code(201).send(createContract(db(), actorOf(req), req.body, req.headers['idempotency-key']).value)
    });
    app.get('/residence/contracts/:id', {
      config: { roles: RESIDENCE_READERS },
      schema: { tags, summary: 'A contract, its amendments, departure, arrears and next review', security, params: idParams, response: { 200: contract, ...errorResponses(401, 403, 404) } },
      handler: async (req) => getContract(db(), actorOf(req), req.params.id)
    });
    app.post('/residence/contracts/:id/amendments', {
      config: { roles: RESIDENCE_ROLES },
      schema: {
        tags,
        summary: 'New amounts from a date (a yearly revision, a new housing benefit): only those named change',
        security,
        params: idParams,
        headers: idempotencyHeaders,
        body: amendmentInput,
        response: { 201: amendment, ...errorResponses(400, 401, 403, 404, 409, 422) }
      },
      handler: async (req, reply) => reply.code(201).send(amendContract(db(), actorOf(req), req.params.id, req.body, req.headers['idempotency-key']).value)
    });
    app.get('/residence/contracts/:id/statement', {
      config: { roles: RESIDENCE_READERS },
      schema: {
        tags,
        summary: "A month's statement: nights, due pro rata temporis, the benefit, paid, the balance carried over",
        security,
        params: idParams,
        querystring: statementQuery,
        response: { 200: statement, ...errorResponses(400, 401, 403, 404) }
      },
      handler: async (req) => contractStatement(db(), actorOf(req), req.params.id, req.query.month)
    });
    app.post('/residence/contracts/:id/payments', {
      config: { roles: RESIDENCE_ROLES },
      schema: {
        tags,
        summary: 'Record a payment, or a reversal (a negative amount, with its reason)',
        security,
        params: idParams,
        headers: idempotencyHeaders,
        body: paymentInput,
        response: { 201: payment, ...errorResponses(400, 401, 403, 404, 422) }
      },
      handler: async (req, reply) => reply.code(201).send(recordPayment(db(), actorOf(req), req.params.id, req.body, req.headers['idempotency-key']).value)
    });
    app.post('/residence/contracts/:id/departure', {
      config: { roles: RESIDENCE_ROLES },
      schema: {
        tags,
        summary: 'Record a departure: the contract ends at its date, and its stay too (the nights from the date are free)',
        description: "The residence gives a reason (422 without); a date not after the contract's start or after its stay's end is 422.",
        security,
        params: idParams,
        body: departureInput,
        response: { 200: contract, ...errorResponses(400, 401, 403, 404, 409, 422) }
      },
      handler: async (req) => recordDeparture(db(), actorOf(req), req.params.id, req.body)
    });
  };
}
