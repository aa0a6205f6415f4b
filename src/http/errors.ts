// One error handler: service errors and validation failures become application/problem+json;
// anything unexpected is logged without its request and answered without its text.
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, BUSY_RETRY_AFTER_SECONDS, NoAvailabilityError, type FieldError, type PublicCode } from '#domain/errors.ts';

const TITLES: Record<PublicCode, string> = {
  unauthorized: 'Unauthorized',
  forbidden: 'Forbidden',
  not_found: 'Not Found',
  validation: 'Invalid request',
  overlap: 'Overlap',
  no_availability: 'No availability',
  limit_exceeded: 'Stay limit exceeded',
  invalid_transition: 'Invalid transition',
  already_decided: 'Already decided',
  rate_limited: 'Too many requests',
  busy: 'Busy'
};

export function sendProblem(reply: FastifyReply, status: number, code: PublicCode, detail: string, extra: Record<string, unknown> = {}) {
  return reply
    .code(status)
    .type('application/problem+json')
    .serializer(JSON.stringify)
    .send({ type: `/problems/${code}`, title: TITLES[code], status, detail, code, ...extra });
}

function codeForStatus(status: number): PublicCode {
  switch (status) {
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 429:
      return 'rate_limited';
    default:
      return 'validation';
  }
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError, request, reply) => {
    if (err instanceof AppError) {
      const extra: Record<string, unknown> = {};
      if (err.errors) extra.errors = err.errors;
      if (err.conflicts) extra.conflicts = err.conflicts;
      if (err instanceof NoAvailabilityError) extra.alternatives = err.alternatives;
      if (err.code === 'busy') reply.header('retry-after', String(BUSY_RETRY_AFTER_SECONDS));
      return sendProblem(reply, err.status, err.publicCode, err.message, extra);
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = (err as FastifyError).validationContext ?? 'body';
      const errors: FieldError[] = err.validation.map((v) => ({
        path: [where, ...v.instancePath.split('/').filter(Boolean)].join('.'),
        message: v.message ?? 'invalid'
      }));
      return sendProblem(reply, 400, 'validation', `invalid ${where}: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`, { errors });
    }
    const status = (err as FastifyError).statusCode;
    if (status && status >= 400 && status < 500) {
      const detail = status === 429 ? err.message : (err as FastifyError).code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err.name === 'SyntaxError' ? 'the body is not valid JSON' : err.message;
      return sendProblem(reply, status, codeForStatus(status), detail);
    }
    // Unexpected: log the error (no body, no personal data) and say nothing about it.
    request.log.error({ err: { message: err.message, stack: err.stack, code: (err as FastifyError).code } }, 'unexpected error');
    return reply.code(500).type('application/problem+json').send({ type: 'about:blank', title: 'Internal Server Error', status: 500, detail: 'an unexpected error occurred' });
  });
}
