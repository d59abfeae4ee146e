// Errors as INTERFACES.md says: `{ error: { code, message, details? } }` with the statuses of the
// codes of sim/errors.ts (400 bad input, 404 no such card, 409 not allowed in the status, 422 refused
// by a rule). Nothing a user sends gets a stack trace back.
import type { FastifyError, FastifyInstance } from 'fastify';
import { ERROR_CODES, TwinError, type ErrorCode } from '../sim/errors.ts';

export function errorBody(code: string, message: string, details?: unknown) {
  return { error: { code, message, ...(details === undefined ? {} : { details }) } };
}

export function statusOf(code: ErrorCode): number {
  return ERROR_CODES[code].status;
}

export function registerErrors(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | TwinError, request, reply) => {
    if (error instanceof TwinError) {
      return reply.status(error.httpStatus).send(errorBody(error.code, error.message));
    }
    const fastifyError = error as FastifyError;
    if (fastifyError.validation) {
      return reply
        .status(400)
        .send(
          errorBody(
            'InvalidArgument',
            `${fastifyError.validationContext ?? 'request'} ${fastifyError.message.replace(/^(body|querystring|params)\/?/, '')}`.trim(),
          ),
        );
    }
    const status = fastifyError.statusCode ?? 500;
    if (status < 500)
      return reply
        .status(status)
        .send(errorBody(fastifyError.code ?? 'InvalidArgument', fastifyError.message));
    request.log.error(error);
    return reply
      .status(500)
      .send(errorBody('Internal', 'the twin failed on this request; the log has the details'));
  });
  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send(errorBody('NotFound', `no route ${request.method} ${request.url.split('?')[0]}`));
  });
}
