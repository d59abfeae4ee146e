// Errors as INTERFACES.md says: `{ error: { code, message, details? } }` with the statuses of the
// codes of sim/errors.ts (400 bad input, 404 no such card, 409 not allowed in the status, 422 refused
// by a rule). The server adds a few of its own (NotFound, Unauthorized, BodyTooLarge, Internal).
// Nothing a user sends gets a stack trace back.
import type { FastifyError, FastifyInstance } from 'fastify';
import { ERROR_CODES, TwinError, type ErrorCode } from '../sim/errors.ts';

export function errorBody(code: string, message: string, details?: unknown) {
  return { error: { code, message, ...(details === undefined ? {} : { details }) } };
}

export function statusOf(code: ErrorCode): number {
  return ERROR_CODES[code].status;
}

/** An error of the HTTP layer that is not a rule of the twin: a missing resource, a missing token. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** 404 for a rule, an exported file, a pool, a tag or a pending operation that does not exist. */
export const notFound = (message: string): ApiError => new ApiError(404, 'NotFound', message);

// Fastify's own client errors, under names a user can read (its FST_* codes stay out of the contract).
const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'BodyTooLarge',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UnsupportedMediaType',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'InvalidArgument',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'InvalidArgument',
  FST_ERR_CTP_INVALID_JSON_BODY: 'InvalidArgument',
};

interface ValidationIssue {
  readonly keyword?: string;
  readonly instancePath?: string;
  readonly message?: string;
  readonly params?: Record<string, unknown>;
}

/** A schema failure in words: where, and what (naming an unknown parameter rather than "additional properties"). */
function validationMessage(error: FastifyError): string {
  const where = error.validationContext ?? 'request';
  const issue = (error.validation as ValidationIssue[] | undefined)?.[0];
  if (!issue) return `${where}: ${error.message}`;
  const path = issue.instancePath ? issue.instancePath.slice(1).replaceAll('/', '.') : '';
  if (issue.keyword === 'additionalProperties') {
    const name = String(issue.params?.additionalProperty);
    return `${where}${path ? `.${path}` : ''}: unknown ${where === 'querystring' ? 'parameter' : 'field'} "${name}"`;
  }
  return `${where}${path ? `.${path}` : ''} ${issue.message ?? 'is not valid'}`;
}

export function registerErrors(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | TwinError | ApiError, request, reply) => {
    if (error instanceof TwinError) {
      return reply.status(error.httpStatus).send(errorBody(error.code, error.message));
    }
    if (error instanceof ApiError) {
      return reply.status(error.status).send(errorBody(error.code, error.message));
    }
    const fastifyError = error as FastifyError;
    if (fastifyError.validation) {
      return reply.status(400).send(errorBody('InvalidArgument', validationMessage(fastifyError)));
    }
    const status = fastifyError.statusCode ?? 500;
    if (status < 500) {
      const code = FASTIFY_CODES[fastifyError.code] ?? (status === 404 ? 'NotFound' : 'InvalidArgument');
      return reply.status(status).send(errorBody(code, fastifyError.message));
    }
    request.log.error(error);
    return reply
      .status(500)
      .send(errorBody('Internal', 'the twin failed on this request; the log has the details'));
  });
  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send(errorBody('NotFound', `no route ${request.method} ${request.url.split('?')[0]}`));
  });
}
