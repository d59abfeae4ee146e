// What a card's machine can be told. Every event carries the sim time it happens at (`at`), so the
// machine never asks a clock: time is in the events (STYLE.md, from XState).
import type { ActivationType, SuspensionCause } from './status.ts';

/** Causes set and lifted by the system or a carrier; device change and ID verification have their own events. */
export type SystemCause = Extract<SuspensionCause, 'usageLimit' | 'creditControl' | 'abnormal'>;

export type CardEvent =
  /** L2: the user asks for the test period. */
  | { type: 'REQUEST_TEST_PERIOD'; at: number }
  /** L2: the test period ends, at T0 + 3 months or when its 6 MB are used up. */
  | { type: 'TEST_PERIOD_ENDED'; at: number; reason: 'expired' | 'dataUsedUp' }
  /** L3 manual (`manage`), L3 first traffic (`first_data_record`), L4 forced (`silence_expire`). */
  | { type: 'ACTIVATE'; at: number; activationType: ActivationType }
  /** L14: manual forced activation of an inactive same-tier pool card. */
  | { type: 'FORCE_ACTIVATE'; at: number }
  /** L5: individual identity verification completed. */
  | { type: 'VERIFY_IDENTITY'; at: number }
  /** L3, L6: traffic from a device was offered; binding, device change, first-traffic activation. */
  | { type: 'TRAFFIC'; at: number; imei: string }
  /** L7: the user suspends. */
  | { type: 'SUSPEND'; at: number }
  /** L7, L10: the user resumes; lifts a manual suspension and a usage-limit suspension. */
  | { type: 'RESUME'; at: number }
  /** L6: "Resume Use": bind to the device that caused the lock. */
  | { type: 'REBIND'; at: number }
  /** L8, L9, L10: a cause set by the system or the carrier. */
  | { type: 'SYSTEM_SUSPEND'; at: number; cause: SystemCause }
  /** L8, L9, L10: that cause lifted. */
  | { type: 'SYSTEM_LIFT'; at: number; cause: SystemCause }
  /** L11: the last purchased period ended without renewal. */
  | { type: 'PLAN_EXPIRED'; at: number }
  /** L15, T2: periods bought; a Deactivated card is In use again. */
  | { type: 'RENEW'; at: number }
  /** L13: the user requests cancellation. */
  | { type: 'REQUEST_CANCELLATION'; at: number; completesAt: number }
  /** L13: a requested cancellation completes; L12: three months Deactivated. */
  | { type: 'CANCEL'; at: number; reason: 'requested' | 'autoCancel' };

export type CardEventType = CardEvent['type'];
