// Every error code the platform RPC API answers with, its HTTP status and its message, and how the
// twin's own codes (sim/errors.ts) become them: the one table of the RPC API's errors.
//
// Sources: codes marked `ref` are documented in linkcard-api.md / linkcard-enums.md with that HTTP
// status and message. Codes marked `gateway` are those of Alibaba Cloud's API gateway (signature,
// access key, timestamp, nonce, throttling, unknown action), which the reference does not list.
// Codes marked `twin` are the twin's own choice where the platform documents none; they follow the
// platform's `linkcard.check.` naming and say so in this comment, nowhere else.
import type { ErrorCode } from '../../sim/errors.ts';

export const RPC_ERRORS = {
  // gateway
  MissingParameter: {
    status: 400,
    message: 'A parameter that is mandatory for this request is not supplied.',
  },
  'InvalidAction.NotFound': {
    status: 404,
    message: 'Specified api is not found, please check your url and method.',
  },
  InvalidVersion: { status: 400, message: 'Specified parameter Version is not valid.' },
  'InvalidAccessKeyId.NotFound': { status: 404, message: 'Specified access key is not found.' },
  SignatureDoesNotMatch: { status: 400, message: 'Specified signature is not matched with our calculation.' },
  IncompleteSignature: {
    status: 400,
    message: 'The request signature does not conform to Aliyun standards.',
  },
  SignatureNonceUsed: { status: 400, message: 'Specified signature nonce was used already.' },
  'InvalidTimeStamp.Expired': { status: 400, message: 'Specified time stamp or date value is expired.' },
  'InvalidTimeStamp.Format': {
    status: 400,
    message: 'Specified time stamp or date value is not well formatted.',
  },
  'Throttling.User': { status: 400, message: 'Request was denied due to user flow control.' },
  // ref
  IllegalParameter: { status: 400, message: 'The request parameter is invalid.' },
  'linkcard.system.IllegalRequest': { status: 400, message: 'The request parameter is invalid.' },
  'linkcard.check.IccidCanNotEmpty': { status: 400, message: 'Iccid cannot be empty.' },
  'linkcard.check.InstanceIdCanNotEmpty': { status: 400, message: 'InstanceId cannot be empty.' },
  'linkcard.common.CardDestroy': { status: 400, message: 'The card do not exist or destroy.' },
  'linkcard.common.CardNotExist': { status: 400, message: 'The card does not exist.' },
  'linkcard.common.IccidNotExist': { status: 400, message: 'IccId does not exist.' },
  'linkcard.common.IccidFormatError': { status: 400, message: 'Iccid format error.' },
  'linkcard.common.VnoCardNotSupported': { status: 400, message: 'This function does not support vno card.' },
  'linkcard.check.TimeFormatError': { status: 400, message: 'Time format error.' },
  'linkcard.common.CredentialNoNotExist': { status: 400, message: 'The credentialNo does not exist' },
  'linkcard.check.ForceActivationSameFlowCard': {
    status: 400,
    message: 'Only cards in the same flow support forced activation.',
  },
  'linkcard.check.OnlyUnusedCanForceActivation': {
    status: 400,
    message: 'Only unused cards support forced activation.',
  },
  'linkcard.check.RuleMustBePositiveInteger': {
    status: 400,
    message: 'The valid values of Rule are positive integers and zero.',
  },
  'linkcard.check.RuleMaxValueLimit': {
    status: 400,
    message: 'The maximum value of Rule must be less than 9007199254740991.',
  },
  'linkcard.directional.notExist': { status: 400, message: 'Can not find direction group.' },
  'linkcard.common.BusinessProcessError': {
    status: 500,
    message: 'A business processing exception occurred.',
  },
  'Service.InternalError': {
    status: 500,
    message: 'The request processing has failed due to some unknown error.',
  },
  // twin: a card's status does not allow the change (stop a silent card, resume an abnormal stop).
  'linkcard.check.CardStatusNotAllowed': {
    status: 400,
    message: "The operation is not allowed in the card's status.",
  },
  // twin: the card's plan type does not allow the change (renew a unified-payment pool card).
  'linkcard.check.PlanTypeNotSupported': {
    status: 400,
    message: "The operation is not supported by the card's plan type.",
  },
} as const;

export type RpcCode = keyof typeof RPC_ERRORS;

/**
 * The twin's codes (sim/errors.ts) as platform codes, for every operation unless the operation names
 * its own (`refusals` in server/rpc/operations.ts, e.g. ForceActivation's documented codes).
 * CardNotFound becomes the not-found code the operation documents (`cardMissing`).
 */
export const TWIN_TO_RPC: Readonly<Record<ErrorCode, RpcCode>> = {
  CardNotFound: 'linkcard.common.CardNotExist',
  CardCanceled: 'linkcard.common.CardDestroy',
  StatusNotAllowed: 'linkcard.check.CardStatusNotAllowed',
  TestPeriodUnavailable: 'linkcard.check.CardStatusNotAllowed',
  CarrierOnly: 'linkcard.check.CardStatusNotAllowed',
  PlanTypeNotSupported: 'linkcard.check.PlanTypeNotSupported',
  TagLimitExceeded: 'IllegalParameter',
  InvalidArgument: 'IllegalParameter',
  ExportTooLarge: 'IllegalParameter',
  InvalidFileName: 'IllegalParameter',
};

/** An RPC answer that is an error: a code of the table and a sentence saying what was wrong. */
export class RpcError extends Error {
  override name = 'RpcError';
  constructor(
    readonly code: RpcCode,
    message: string = RPC_ERRORS[code].message,
  ) {
    super(message);
  }

  get status(): number {
    return RPC_ERRORS[this.code].status;
  }
}

/** The code's own sentence followed by the twin's account of this case. */
export const rpcError = (code: RpcCode, detail: string): RpcError =>
  new RpcError(code, `${RPC_ERRORS[code].message} (${detail})`);

/** `IllegalParameter` as the platform writes it ("The request parameter %s is invalid."), with why. */
export const illegal = (name: string, problem: string): RpcError =>
  new RpcError('IllegalParameter', `The request parameter ${name} is invalid: ${problem}.`);
