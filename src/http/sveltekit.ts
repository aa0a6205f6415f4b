import type { IncomingMessage, ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { settings } from '#services/config.ts';

/** The request handler that @sveltejs/adapter-node writes to build/handler.js. */
export type SvelteKitHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  next?: (err?: unknown) => void
) => void;

export interface MountSvelteKitOptions {
  handler: SvelteKitHandler;
}

/**
 * Where the caller's address, as Fastify sees it (`request.ip`: the socket's address, or the
 * X-Forwarded-For client when TRUST_PROXY is set), is left on the raw request for the pages'
 * hook to read (src/lib/server/client-address.ts), so that the API and the pages agree on it.
 * A global symbol: the SvelteKit bundle has its own copy of every module.
 */
export const CLIENT_ADDRESS = Symbol.for('hebergement.clientAddress');

const apiNotFound = {
  type: '/problems/not_found',
  title: 'Not Found',
  status: 404,
  detail: 'no such API route',
  code: 'not_found'
} as const;

function isApiPath(url: string): boolean {
  const path = url.split('?', 1)[0] ?? '';
  return path === '/api' || path.startsWith('/api/');
}

/**
 * Hands every request that no other Fastify route claims to the SvelteKit build, except under
 * /api where an unknown route is a problem+json 404 (never an HTML page).
 *
 * Works both as `app.register(mountSvelteKit, { handler })` and as `await mountSvelteKit(app, { handler })`:
 * the catch-all lives in its own encapsulated child either way, so removing the body parsers
 * there leaves the JSON API's parsers untouched.
 */
export async function mountSvelteKit(app: FastifyInstance, opts: MountSvelteKitOptions): Promise<void> {
  const { handler } = opts;

  app.register(async function svelteKitCatchAll(child) {
    // SvelteKit reads the body itself (form actions). Fastify must not consume the stream, and must
    // not refuse content types it does not know (a catch-all without this answers 415 to form posts).
    child.removeAllContentTypeParsers();
    child.addContentTypeParser('*', (_request, _payload, done) => {
      done(null);
    });

    const serve = async (request: FastifyRequest, reply: FastifyReply) => {
      if (isApiPath(request.url)) {
        return reply.code(404).type('application/problem+json').send(apiNotFound);
      }
      // From here on SvelteKit owns the raw response; Fastify must neither write nor wait for it.
      reply.hijack();
      (request.raw as IncomingMessage & { [CLIENT_ADDRESS]?: string })[CLIENT_ADDRESS] = request.ip;
      handler(request.raw, reply.raw);
    };

    child.all('/', serve);
    child.all('/*', serve);
  });
}

/**
 * Imports the adapter-node handler from build/, lazily so that typechecking and the API tests do
 * not need a build. ORIGIN is read by the handler when it is imported: without it every browser
 * form post is refused as cross-site (403).
 */
export async function loadSvelteKitHandler(): Promise<SvelteKitHandler> {
  process.env.ORIGIN = settings.origin();

  const handlerUrl = new URL('../../build/handler.js', import.meta.url);
  if (!existsSync(fileURLToPath(handlerUrl))) {
    throw new Error(`The web app is not built (${fileURLToPath(handlerUrl)} is missing): run \`npm run build\`.`);
  }
  const mod = (await import(/* @vite-ignore */ handlerUrl.href)) as { handler: SvelteKitHandler };
  return mod.handler;
}
