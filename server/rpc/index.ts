// The platform's own API, served by the twin (INTERFACES.md, Platform-compatible RPC API): Alibaba
// Cloud's RPC style at `/`, as the SDKs call it (`POST /` with a form body, or `GET /?Action=…`),
// answering in the platform's envelope. GET / without an Action is left to the viewer: the GET route
// carries a constraint that only a query string with `Action` satisfies, so the viewer's own `/` (or
// its static files) serves everything else. The form body parser is registered in the plugin's own
// scope, so the console REST API keeps refusing form bodies.
import { randomUUID } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { TwinError } from '../../sim/errors.ts';
import { CONSOLE_ACTIONS, type ConsoleAction } from '../console-actions.ts';
import type { LiveRun } from '../live-run.ts';
import { installRpcActions } from './actions.ts';
import { RpcAnswer, type RpcOperation } from './context.ts';
import { RpcError, rpcError, TWIN_TO_RPC } from './error-codes.ts';
import { API_VERSION, RPC_OPERATIONS } from './operations.ts';
import { mergeParams, RpcParams } from './params.ts';
import { Authenticator } from './signature.ts';

export { RPC_CONSOLE_ACTIONS } from './actions.ts';
export { RPC_OPERATIONS } from './operations.ts';
export { RPC_ERRORS, TWIN_TO_RPC } from './error-codes.ts';

// The journal may hold RPC actions: they must be known before any run is resumed (actions.ts).
installRpcActions(CONSOLE_ACTIONS as Record<string, ConsoleAction>);

export interface RpcOptions {
  /** AccessKeyId -> AccessKeySecret (`--access-key id:secret`); none: signatures are not checked. */
  readonly accessKeys?: Readonly<Record<string, string>>;
  /** The platform's per-account limit (20) or another; absent: no throttling. */
  readonly throttlePerSecond?: number;
  /** Where the plugin says things worth saying once (no access keys configured). */
  readonly log?: (message: string) => void;
  /** Wall milliseconds, for the Timestamp window and throttling (tests); default Date.now. */
  readonly wallClock?: () => number;
}

const CONSTRAINT = 'rpcAction';

/** GET / is the RPC API's only when the query string names an Action. */
const actionInQuery = {
  name: CONSTRAINT,
  mustMatchWhenDerived: false,
  storage() {
    const handlers = new Map<string, unknown>();
    return {
      get: (value: string) => (handlers.get(value) ?? null) as never,
      set: (value: string, handler: unknown) => void handlers.set(value, handler),
    };
  },
  deriveConstraint(req: { url?: string }): string {
    const url = req.url ?? '';
    const query = url.indexOf('?');
    return query >= 0 && new URLSearchParams(url.slice(query + 1)).has('Action')
      ? 'yes'
      : (undefined as never);
  },
  validate() {},
};

function toRpcError(error: unknown, operation: RpcOperation | undefined): RpcError {
  if (error instanceof RpcError) return error;
  if (error instanceof TwinError) {
    const code =
      error.code === 'CardNotFound'
        ? (operation?.cardMissing ?? TWIN_TO_RPC.CardNotFound)
        : (operation?.refusals?.[error.code] ?? TWIN_TO_RPC[error.code]);
    return rpcError(code, error.message);
  }
  const status = (error as FastifyError | undefined)?.statusCode;
  if (status !== undefined && status < 500)
    return rpcError('linkcard.system.IllegalRequest', (error as Error).message);
  return new RpcError('Service.InternalError');
}

function errorBody(error: RpcError, requestId: string, host: string, operation: RpcOperation | undefined) {
  return {
    RequestId: requestId,
    HostId: host,
    Code: error.code,
    Message: error.message,
    Success: false,
    ErrorMessage: error.message,
    ...(operation?.localized === false ? {} : { LocalizedMessage: error.message }),
    ...(operation?.action === 'SendMessage'
      ? { DynamicCode: error.code, DynamicMessage: error.message }
      : {}),
  };
}

export function rpcRoutes(app: FastifyInstance, live: LiveRun, options: RpcOptions = {}): void {
  const auth = new Authenticator(options);
  if (!auth.checksSignatures)
    options.log?.(
      'platform RPC API at / (Action=…): no access keys configured, signatures are accepted unchecked',
    );
  if (!app.hasConstraintStrategy(CONSTRAINT)) app.addConstraintStrategy(actionInQuery as never);

  const handle = async (request: FastifyRequest, reply: FastifyReply) => {
    const requestId = randomUUID().toUpperCase();
    let operation: RpcOperation | undefined;
    try {
      const params = new RpcParams(mergeParams(request.url, request.body));
      auth.check(request.method, params.all);
      const action = params.string('Action');
      if (!action)
        throw new RpcError(
          'MissingParameter',
          'The input parameter "Action" that is mandatory for processing this request is not supplied.',
        );
      operation = RPC_OPERATIONS.get(action);
      if (!operation) throw rpcError('InvalidAction.NotFound', `Action ${action}`);
      const version = params.string('Version');
      if (version !== API_VERSION)
        throw rpcError('InvalidVersion', `Version ${version ?? '(none)'}; this API is ${API_VERSION}`);
      const result = operation.handle({ live, params });
      const data = result instanceof RpcAnswer ? result.data : result;
      return reply.status(200).send({
        RequestId: requestId,
        Code: '200',
        Success: true,
        Data: data,
        ErrorMessage: '',
        ...(operation.localized === false ? {} : { LocalizedMessage: '' }),
        ...(result instanceof RpcAnswer ? result.extra : {}),
      });
    } catch (error) {
      const rpc = toRpcError(error, operation);
      if (rpc.status >= 500) request.log.error(error);
      return reply.status(rpc.status).send(errorBody(rpc, requestId, request.hostname, operation));
    }
  };

  void app.register(async (scope) => {
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string' },
      (_request, body, done) => done(null, body),
    );
    scope.setErrorHandler((error, request, reply) => {
      const rpc = toRpcError(error, undefined);
      return reply
        .status(rpc.status)
        .send(errorBody(rpc, randomUUID().toUpperCase(), request.hostname, undefined));
    });
    const route = { url: '/', schema: { hide: true }, handler: handle };
    scope.route({ ...route, method: 'GET', exposeHeadRoute: false, constraints: { [CONSTRAINT]: 'yes' } });
    scope.route({ ...route, method: 'POST' });
  });
}
