// Builds the one Fastify server: the JSON API under /api, the SvelteKit app for everything else.
import { createServer } from 'node:http';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '#domain/errors.ts';
import type { Db } from '#db/client.ts';
import { settings } from '#services/config.ts';
import { registerAuth } from './auth.ts';
import { registerErrorHandling, sendProblem } from './errors.ts';
import { cspHeader } from './csp.js';
import { notModifiedAnswers } from './not-modified.ts';
import { limitKeyOf, partnerLimit, PartnerLimitStore } from './partner-limit.ts';
import { availabilityRoutes } from './api/availability.ts';
import { householdRoutes } from './api/households.ts';
import { inventoryRoutes } from './api/inventory.ts';
import { missionRoutes } from './api/mission.ts';
import { protocolRoutes } from './api/protocol.ts';
import { referralRoutes } from './api/referrals.ts';
import { reportRoutes } from './api/reports.ts';
import { residenceApplicationRoutes } from './api/residence-applications.ts';
import { residenceContractRoutes } from './api/residence-contracts.ts';
import { stayRoutes } from './api/stays.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The 304s answered before the framework (not-modified.ts). */
    notModified: import('./not-modified.ts').NotModified;
  }
}

export type NodeHandler = (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, next?: () => void) => void;

export interface AppOptions {
  db: Db;
  /** The SvelteKit request handler (adapter-node build, or Vite's middlewares in dev); none: API only. */
  web?: NodeHandler | null;
  logger?: FastifyServerOptions['logger'];
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  // Logs hold no personal data: a query string can (a household searched by name), so only the path is logged.
  const logger =
    options.logger && typeof options.logger === 'object'
      ? {
          ...options.logger,
          serializers: {
            req: (req: { method: string; url: string }) => ({ method: req.method, path: req.url.split('?', 1)[0] }),
            res: (res: { statusCode: number }) => ({ statusCode: res.statusCode })
          }
        }
      : (options.logger ?? false);
  const db = () => options.db;
  // The partner rate limit's counts, shared by the framework's limit and the 304s answered before it.
  const limits = new PartnerLimitStore();
  const notModified = notModifiedAnswers(db, limits);
  const app = Fastify({
    logger,
    // Behind a proxy, set TRUST_PROXY so that audit entries and rate limits see the caller's address.
    trustProxy: settings.trustProxy(),
    bodyLimit: 256 * 1024,
    // Long ids reach the route (and its 401/403/400) instead of the router's own 414.
    routerOptions: { maxParamLength: 2048 },
    // A poll whose answer has not changed is answered 304 before the framework (not-modified.ts);
    // every other request goes to Fastify. The server's timeouts are Fastify's defaults, as without a factory.
    serverFactory: (handler, options) => {
      const opts = options as { keepAliveTimeout?: number; requestTimeout?: number; connectionTimeout?: number };
      const server = createServer((req, res) => {
        if (!notModified.answer(req, res)) handler(req, res);
      });
      server.keepAliveTimeout = opts.keepAliveTimeout ?? 72_000;
      server.requestTimeout = opts.requestTimeout ?? 0;
      server.setTimeout(opts.connectionTimeout ?? 0);
      return server;
    },
    // The router's own refusals (a malformed URL) are problems like every other error.
    frameworkErrors: (error, _request, reply) => {
      sendProblem(reply, 400, 'validation', error.code === 'FST_ERR_BAD_URL' ? 'the URL is malformed' : error.message);
    }
  }).withTypeProvider<ZodTypeProvider>();
  app.decorate('notModified', notModified);
  app.setValidatorCompiler(validatorCompiler);
  // Responses are built by the services in their exact shapes (a partner's from its own narrower
  // shape, never by deleting fields), so they are written with JSON.stringify; the zod response
  // schemas document them in the OpenAPI and are checked by the tests.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  registerErrorHandling(app);

  // SvelteKit sets its own CSP (kit.csp); helmet's would block its hydration script, and
  // no-referrer makes Chromium send Origin: null on form posts, which
  // SvelteKit then refuses as cross-site.
  await app.register(helmet, { contentSecurityPolicy: false, referrerPolicy: { policy: 'strict-origin-when-cross-origin' } });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Hébergement API',
        version: '1.0.0',
        description:
          'Booking of emergency housing and the social residence of the CIAS of the Pays de Lunel. Dates are calendar dates of Europe/Paris (YYYY-MM-DD); a range {start, end} is half-open. Errors are application/problem+json.'
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'An API token (npm run cli -- token create)' } } }
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject
  });
  // The docs get the pages' policy (src/http/csp.js): swagger-ui loads its scripts as files of this
  // origin, so no inline script is allowed (it does add an inline <style>, as the pages' template
  // does); no call to the public validator, another origin, either.
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { validatorUrl: null },
    staticCSP: cspHeader()
  });

  await app.register(
    async (api) => {
      registerAuth(api, db);
      await api.register(rateLimit, {
        global: true,
        hook: 'onRequest',
        max: () => partnerLimit().max,
        timeWindow: partnerLimit().windowMs,
        // Only partners are limited (partner-limit.ts), each account on its own count.
        allowList: (req) => limitKeyOf(req.actor) === null,
        keyGenerator: (req) => limitKeyOf(req.actor) ?? req.ip,
        // The plugin makes its store with `new`: this returns the shared one.
        store: function sharedLimits() {
          return limits;
        } as never,
        errorResponseBuilder: (_req, ctx) => new AppError('rate_limited', `at most ${ctx.max} requests a minute per partner token; retry in ${Math.ceil(ctx.ttl / 1000)} s`)
      });
      api.withTypeProvider<ZodTypeProvider>().get('/health', {
        schema: { tags: ['health'], summary: 'Ready when it answers 200', response: { 200: z.object({ status: z.literal('ok') }) } },
        handler: async () => ({ status: 'ok' as const })
      });
      await api.register(inventoryRoutes(db));
      await api.register(stayRoutes(db));
      await api.register(availabilityRoutes(db, notModified));
      await api.register(referralRoutes(db));
      await api.register(protocolRoutes(db));
      await api.register(missionRoutes(db));
      await api.register(householdRoutes(db));
      await api.register(residenceApplicationRoutes(db));
      await api.register(residenceContractRoutes(db));
      await api.register(reportRoutes(db));
      api.setNotFoundHandler((_req, reply) => sendProblem(reply, 404, 'not_found', 'no such API route'));
    },
    { prefix: '/api/v1' }
  );

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  if (options.web) {
    const { mountSvelteKit } = await import('./sveltekit.ts');
    await app.register(mountSvelteKit, { handler: options.web });
  } else {
    app.setNotFoundHandler((_req, reply) => sendProblem(reply, 404, 'not_found', 'no such route'));
  }
  return app;
}
