// The lifecycle of one card, or of one sub-card of a smart card (RULES.md sections 3 and 4).
// This machine is the single place that says which status follows which. Its context is kept flat
// and small (causes as a bitmask) because a world holds up to a million of them.
//
// Timers are not `after` delays inside the machine: the world schedules each deadline (test period
// end, forced activation, plan expiry, auto-cancel, cancellation completion) on the sim clock and
// sends the event above at that time. A card's deadlines are then plain numbers in its context,
// a persisted snapshot restores them exactly, and many cards can share one timer.
import { and, assign, setup } from 'xstate';
import type { PlanType } from '../plans/plan-type.ts';
import type { CardEvent } from './card-events.ts';
import { causeBit, type ActivationType } from './status.ts';

export interface CardInput {
  readonly iccid: string;
  readonly planType: PlanType;
  /** T0, the order date. */
  readonly orderedAt: number;
  /** L2: the test period ends at T0 + 3 months. */
  readonly testPeriodEndsAt: number;
  /** L5: bought with individual identity verification. */
  readonly idVerification: boolean;
}

export interface CardContext extends CardInput {
  identityVerified: boolean;
  testPeriodUsed: boolean;
  activationType: ActivationType | null;
  activatedAt: number | null;
  /** S1: the set of suspension causes, one bit each (status.ts). */
  causes: number;
  /** L6: the IMEI the card is bound to. */
  boundImei: string | null;
  /** L6: the IMEI whose traffic locked the card; Resume Use binds to it. */
  lockedByImei: string | null;
  deactivatedAt: number | null;
  /** L13: set while a requested cancellation is pending. */
  cancellationCompletesAt: number | null;
  canceledAt: number | null;
}

const MANUAL = causeBit('manual');
const USAGE_LIMIT = causeBit('usageLimit');
const CREDIT_CONTROL = causeBit('creditControl');
const DEVICE_CHANGE = causeBit('deviceChange');
const ID_VERIFICATION = causeBit('idVerification');
const SAME_TIER_POOL: readonly PlanType[] = ['SF', 'SFD'];

const bitOf = (cause: 'usageLimit' | 'creditControl' | 'abnormal') => causeBit(cause);

/** What a card on the network (in the test period or activated) takes in either state. */
const LIVE = {
  // L6: the card binds to the first device whose traffic it carries (none while suspended).
  TRAFFIC: [
    { guard: and(['unbound', 'noCauses']), actions: 'bindDevice' },
    { guard: 'otherDevice', actions: 'lockDevice' },
  ],
  REBIND: { guard: 'deviceLocked', actions: 'rebind' },
  SYSTEM_SUSPEND: { guard: 'causeAbsent', actions: 'addSystemCause' },
  SYSTEM_LIFT: { guard: 'causePresent', actions: 'liftSystemCause' },
  // L5: completing verification removes that cause at once (automatic resume).
  VERIFY_IDENTITY: { guard: 'idVerificationPending', actions: 'verify' },
} as const;

export const cardMachine = setup({
  types: {
    context: {} as CardContext,
    events: {} as CardEvent,
    input: {} as CardInput,
  },
  guards: {
    testPeriodAvailable: ({ context, event }) =>
      event.type === 'REQUEST_TEST_PERIOD' && !context.testPeriodUsed && event.at < context.testPeriodEndsAt,
    sameTierPool: ({ context }) => SAME_TIER_POOL.includes(context.planType),
    unbound: ({ context }) => context.boundImei === null,
    // L6: traffic from a device other than the bound one; the device that already locked the card
    // changes nothing more.
    otherDevice: ({ context, event }) =>
      event.type === 'TRAFFIC' &&
      context.boundImei !== null &&
      event.imei !== context.boundImei &&
      !(event.imei === context.lockedByImei && (context.causes & DEVICE_CHANGE) !== 0),
    noCauses: ({ context }) => context.causes === 0,
    hasCauses: ({ context }) => context.causes !== 0,
    userResumable: ({ context }) =>
      context.cancellationCompletesAt === null && (context.causes & (MANUAL | USAGE_LIMIT)) !== 0,
    deviceLocked: ({ context }) => (context.causes & DEVICE_CHANGE) !== 0,
    causeAbsent: ({ context, event }) =>
      event.type === 'SYSTEM_SUSPEND' && (context.causes & bitOf(event.cause)) === 0,
    causePresent: ({ context, event }) =>
      event.type === 'SYSTEM_LIFT' && (context.causes & bitOf(event.cause)) !== 0,
    idVerificationPending: ({ context }) => context.idVerification && !context.identityVerified,
    // L13: cancellation only from Manually suspended (manual is the only cause, so it is what shows).
    onlyManuallySuspended: ({ context }) =>
      context.causes === MANUAL && context.cancellationCompletesAt === null,
    noPendingCancellation: ({ context }) => context.cancellationCompletesAt === null,
  },
  actions: {
    startTestPeriod: assign({ testPeriodUsed: true }),
    activate: assign(({ context, event }) => {
      const activationType: ActivationType =
        event.type === 'ACTIVATE'
          ? event.activationType
          : event.type === 'TRAFFIC'
            ? 'first_data_record'
            : 'manage';
      // L5: activated before verification, the card is Suspended (ID verification), still charged.
      const unverified = context.idVerification && !context.identityVerified;
      return {
        activationType,
        activatedAt: event.at,
        causes: context.causes | (unverified ? ID_VERIFICATION : 0),
      };
    }),
    bindDevice: assign({ boundImei: ({ event }) => (event.type === 'TRAFFIC' ? event.imei : null) }),
    lockDevice: assign(({ context, event }) => ({
      causes: context.causes | DEVICE_CHANGE,
      lockedByImei: event.type === 'TRAFFIC' ? event.imei : context.lockedByImei,
    })),
    rebind: assign(({ context }) => ({
      causes: context.causes & ~DEVICE_CHANGE,
      boundImei: context.lockedByImei ?? context.boundImei,
      lockedByImei: null,
    })),
    verify: assign(({ context }) => ({ identityVerified: true, causes: context.causes & ~ID_VERIFICATION })),
    suspendManually: assign(({ context }) => ({ causes: context.causes | MANUAL })),
    resumeByUser: assign(({ context }) => ({ causes: context.causes & ~(MANUAL | USAGE_LIMIT) })),
    addSystemCause: assign(({ context, event }) => ({
      causes: event.type === 'SYSTEM_SUSPEND' ? context.causes | bitOf(event.cause) : context.causes,
    })),
    liftSystemCause: assign(({ context, event }) => ({
      causes: event.type === 'SYSTEM_LIFT' ? context.causes & ~bitOf(event.cause) : context.causes,
    })),
    // Leaving the test period drops its suspensions: a Silent card is simply not in use (decision).
    clearCauses: assign({ causes: 0, lockedByImei: null }),
    deactivate: assign(({ event }) => ({ deactivatedAt: event.at })),
    // L15: renewed, the card is In use again; the new period brings allowance, so credit control goes.
    reactivate: assign(({ context }) => ({ deactivatedAt: null, causes: context.causes & ~CREDIT_CONTROL })),
    requestCancellation: assign({
      cancellationCompletesAt: ({ event }) =>
        event.type === 'REQUEST_CANCELLATION' ? event.completesAt : null,
    }),
    cancel: assign(({ event }) => ({ canceledAt: event.at, cancellationCompletesAt: null })),
  },
}).createMachine({
  id: 'card',
  // The input's fields written out rather than spread in: in Node 20's V8, `{ ...input, more }` took
  // microseconds and gave every card's context a hidden class of its own.
  context: ({ input }) => ({
    iccid: input.iccid,
    planType: input.planType,
    orderedAt: input.orderedAt,
    testPeriodEndsAt: input.testPeriodEndsAt,
    idVerification: input.idVerification,
    identityVerified: false,
    testPeriodUsed: false,
    activationType: null,
    activatedAt: null,
    causes: 0,
    boundImei: null,
    lockedByImei: null,
    deactivatedAt: null,
    cancellationCompletesAt: null,
    canceledAt: null,
  }),
  // L1: a new card is in Silent period.
  initial: 'silent',
  states: {
    silent: {
      on: {
        // L5: verifying before activation is allowed and leaves nothing to resume.
        VERIFY_IDENTITY: { guard: 'idVerificationPending', actions: 'verify' },
        REQUEST_TEST_PERIOD: {
          guard: 'testPeriodAvailable',
          target: 'test',
          actions: 'startTestPeriod',
        },
        ACTIVATE: { target: 'active', actions: 'activate' },
        FORCE_ACTIVATE: { guard: 'sameTierPool', target: 'active', actions: 'activate' },
        // L3: first traffic during the silent period activates the card; L6: and binds it.
        TRAFFIC: [
          { guard: 'unbound', target: 'active', actions: ['activate', 'bindDevice'] },
          { guard: 'otherDevice', target: 'active', actions: ['activate', 'lockDevice'] },
        ],
      },
    },
    // On the network: in the test period or activated; devices and carriers act on both alike (LIVE).
    // Suspended or not is the cause set (S1), not a state of its own: status-view.ts shows it from
    // the causes. Both are top-level states rather than children of a `live` parent, and suspension
    // needs no sub-states with `always` transitions: each level of nesting and each eventless check
    // is work on every event a card takes (measured: a suspend or lift cost 8.9 µs with sub-states,
    // 4.9 µs without, 4.3 µs without the parent).
    test: {
      on: {
        ...LIVE,
        TEST_PERIOD_ENDED: { target: 'silent', actions: 'clearCauses' },
        ACTIVATE: { target: 'active', actions: 'activate' },
        FORCE_ACTIVATE: { guard: 'sameTierPool', target: 'active', actions: 'activate' },
      },
    },
    active: {
      on: {
        ...LIVE,
        // L7: only a card In use (no cause at all) can be suspended manually.
        SUSPEND: { guard: and(['noCauses', 'noPendingCancellation']), actions: 'suspendManually' },
        RESUME: { guard: 'userResumable', actions: 'resumeByUser' },
        REQUEST_CANCELLATION: { guard: 'onlyManuallySuspended', actions: 'requestCancellation' },
        PLAN_EXPIRED: { target: 'deactivated', actions: 'deactivate' },
        CANCEL: { target: 'canceled', actions: 'cancel' },
      },
    },
    deactivated: {
      on: {
        VERIFY_IDENTITY: { guard: 'idVerificationPending', actions: 'verify' },
        RENEW: { guard: 'noPendingCancellation', target: 'active', actions: 'reactivate' },
        REQUEST_CANCELLATION: { guard: 'noPendingCancellation', actions: 'requestCancellation' },
        CANCEL: { target: 'canceled', actions: 'cancel' },
        // A carrier fault can still land on a Deactivated card; it shows once the card is renewed.
        SYSTEM_SUSPEND: { guard: 'causeAbsent', actions: 'addSystemCause' },
        SYSTEM_LIFT: { guard: 'causePresent', actions: 'liftSystemCause' },
      },
    },
    // L13: irreversible; a canceled card refuses every operation.
    canceled: { type: 'final' },
  },
});

export type CardMachine = typeof cardMachine;
