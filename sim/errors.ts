// Every error code an operation can fail with, defined once with its meaning and HTTP status, and
// used by every interface: scenarios (`expectError`), the REST API, the platform RPC API, the viewer.
// The codes are those of SCENARIOS.md; the statuses those of INTERFACES.md.

export const ERROR_CODES = {
  CardNotFound: { status: 404, meaning: 'no card with that ICCID, MSISDN or name in this world' },
  CardCanceled: { status: 409, meaning: 'the card is canceled and refuses every operation (L13)' },
  StatusNotAllowed: { status: 409, meaning: "the operation is not allowed in the card's status" },
  TestPeriodUnavailable: {
    status: 409,
    meaning: 'the test period can no longer be requested: used already, or past T0 + 3 months (L2)',
  },
  PlanTypeNotSupported: {
    status: 422,
    meaning: "the card's plan type does not support the operation (T1, T3, L14)",
  },
  TagLimitExceeded: { status: 422, meaning: 'a card can carry at most 3 tags (C3)' },
  CarrierOnly: { status: 422, meaning: 'only the carrier can do this (L8)' },
  InvalidArgument: { status: 400, meaning: 'an argument is missing or wrong' },
  ExportTooLarge: { status: 422, meaning: 'an export holds at most 500,000 cards (C8)' },
  InvalidFileName: { status: 400, meaning: 'the file name is not allowed (C8)' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export const isErrorCode = (text: unknown): text is ErrorCode =>
  typeof text === 'string' && Object.hasOwn(ERROR_CODES, text);

/** A refused operation: a code from the table and a sentence naming the card and the reason. */
export class TwinError extends Error {
  override name = 'TwinError';
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }

  get httpStatus(): number {
    return ERROR_CODES[this.code].status;
  }
}

export interface Refusal {
  readonly code: ErrorCode;
  readonly message: string;
}
