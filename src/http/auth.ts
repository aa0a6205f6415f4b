// Bearer tokens and roles. The role is checked in onRequest, before the body is read: a caller
// who may not act gets 403 whatever it sent.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '#domain/errors.ts';
import { ROLES, STAFF_ROLES, type Role } from '#domain/programmes.ts';
import type { Db } from '#db/client.ts';
import { authenticateToken } from '#services/accounts.ts';
import type { Actor } from '#services/actor.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /** Roles allowed on the route; absent: public (no token needed). */
    roles?: readonly Role[];
  }
}

export const STAFF: readonly Role[] = STAFF_ROLES;
export const EVERYONE: readonly Role[] = ROLES;

export function registerAuth(app: FastifyInstance, db: () => Db): void {
  app.decorateRequest('actor', null);
  // Who: on every route that declares roles. The partner rate limit runs next (onRequest, route
  // level), so that a partner's refused requests count against its limit too.
  app.addHook('onRequest', async (request: FastifyRequest) => {
    if (!request.routeOptions.config?.roles) return;
    const token = bearerToken(request.headers.authorization);
    if (token === null) throw new AppError('unauthorized', 'send Authorization: Bearer <token>');
    const actor = authenticateToken(db(), token, request.ip);
    if (!actor) throw new AppError('unauthorized', 'unknown or revoked token');
    request.actor = actor;
  });
  // May they: before the body is read or validated.
  app.addHook('preParsing', async (request: FastifyRequest) => {
    const roles = request.routeOptions.config?.roles;
    if (roles && request.actor && !roles.includes(request.actor.role)) {
      throw new AppError('forbidden', `the role ${request.actor.role} may not do this`);
    }
  });
}

/** The token of an `Authorization: Bearer <token>` header; null without one. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match ? match[1] : null;
}

/** The authenticated actor of a route that declared its roles. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('unauthorized', 'not signed in');
  return request.actor;
}
