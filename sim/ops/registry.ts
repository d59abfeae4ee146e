// Every operation of SCENARIOS.md, by name: the one table the scenario runner, the REST API, the
// platform RPC API and the viewer all go through.
import { activate } from './activate.ts';
import { buy } from './buy.ts';
import { carrierOutage, carrierResumeAbnormal, carrierSuspendAbnormal } from './carrier.ts';
import { insertDevice, powerOff, powerOn, removeDevice, setProfile, swapDevice, traffic } from './devices.ts';
import { expandPool } from './expand-pool.ts';
import { exportCards } from './export.ts';
import { forceActivate } from './force-activate.ts';
import { rebind } from './rebind.ts';
import { requestCancellation } from './request-cancellation.ts';
import { requestTestPeriod } from './request-test-period.ts';
import { resume } from './resume.ts';
import { addRule, removeRule } from './rules.ts';
import { setAutoRenew } from './set-auto-renew.ts';
import { setRemark } from './set-remark.ts';
import { setUsageLimit, setVoucherUsageLimit } from './set-usage-limit.ts';
import { suspend } from './suspend.ts';
import { addTags, removeTags } from './tags.ts';
import { topUp } from './top-up.ts';
import type { CardOperation, OperationName, WorldOperation } from './types.ts';
import { verifyIdentity } from './verify-identity.ts';

type AnyCardOperation = CardOperation<OperationName>;
type AnyWorldOperation = WorldOperation<OperationName>;

/** Operations on cards, by name. */
export const CARD_OPERATIONS: Readonly<Record<string, AnyCardOperation>> = Object.fromEntries(
  [
    activate,
    requestTestPeriod,
    suspend,
    resume,
    rebind,
    forceActivate,
    verifyIdentity,
    topUp,
    setAutoRenew,
    requestCancellation,
    addTags,
    removeTags,
    setRemark,
    setUsageLimit,
    insertDevice,
    swapDevice,
    removeDevice,
    powerOff,
    powerOn,
    setProfile,
    traffic,
    carrierSuspendAbnormal,
    carrierResumeAbnormal,
  ].map((op) => [op.name, op as unknown as AnyCardOperation]),
);

/** Operations on the world, by name (setUsageLimit here is its voucher form). */
export const WORLD_OPERATIONS: Readonly<Record<string, AnyWorldOperation>> = Object.fromEntries(
  [addRule, removeRule, exportCards, expandPool, buy, carrierOutage, setVoucherUsageLimit].map((op) => [
    op.name,
    op as unknown as AnyWorldOperation,
  ]),
);

export const ALL_OPERATION_NAMES: readonly string[] = [
  ...new Set([...Object.keys(CARD_OPERATIONS), ...Object.keys(WORLD_OPERATIONS)]),
];
