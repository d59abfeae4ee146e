// The 30 operations of the platform's API (linkcard-api.md section 3), by Action. Each file under
// ops/ says how its operations map onto the twin and what was decided where the platform is unclear.
import type { RpcOperation } from './context.ts';
import {
  addTagsToCard,
  forceActivation,
  rebindResumeSingleCard,
  renew,
  resumeSingleCard,
  setCardStopRule,
  stopSingleCard,
  updateAutoRechargeSwitch,
} from './ops/card-ops.ts';
import { getCardDetail } from './ops/card-detail.ts';
import {
  addCardToDirectionalGroup,
  addDirectionalAddress,
  addDirectionalCard,
  addDirectionalGroup,
  batchAddDirectionalAddress,
  deleteDirectionalAddress,
  deleteDirectionalGroup,
  listDirectionalAddress,
  listDirectionalDetail,
} from './ops/directional.ts';
import { getCardFlowInfo, getCardLatestFlow, getCardRealStatus } from './ops/flow.ts';
import { listCardInfo } from './ops/list-cards.ts';
import { listOrder } from './ops/orders.ts';
import { getOperateResult, getRealNameStatus, sendMessage, verifyIotCard } from './ops/other.ts';
import {
  getCardStatusStatistics,
  getCredentialPoolStatistics,
  getSimCardStateDistribution,
} from './ops/stats.ts';

export const RPC_OPERATIONS: ReadonlyMap<string, RpcOperation> = new Map(
  [
    addCardToDirectionalGroup,
    addDirectionalAddress,
    addDirectionalCard,
    addDirectionalGroup,
    addTagsToCard,
    batchAddDirectionalAddress,
    deleteDirectionalAddress,
    deleteDirectionalGroup,
    forceActivation,
    getCardDetail,
    getCardFlowInfo,
    getCardLatestFlow,
    getCardRealStatus,
    getCardStatusStatistics,
    getCredentialPoolStatistics,
    getOperateResult,
    getRealNameStatus,
    getSimCardStateDistribution,
    listCardInfo,
    listDirectionalAddress,
    listDirectionalDetail,
    listOrder,
    rebindResumeSingleCard,
    renew,
    resumeSingleCard,
    sendMessage,
    setCardStopRule,
    stopSingleCard,
    updateAutoRechargeSwitch,
    verifyIotCard,
  ].map((operation) => [operation.action, operation]),
);

export const API_VERSION = '2021-05-20';
