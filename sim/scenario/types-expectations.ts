// Expectations, normalized (SCENARIOS.md, Expectations): six kinds told apart by `kind`, each with
// its index in the step's `expect` list and its path for messages.
import type { ActivationType } from '../machines/status.ts';
import type { SimTime } from '../time/calendar.ts';
import type { CardSelector, Comparison, StatusFilter, StatusRef } from './types.ts';

interface ExpectationPlace {
  readonly index: number;
  readonly path: string;
}

export interface CardFilters extends StatusFilter {
  readonly activationType?: ActivationType;
  readonly tag?: string;
  readonly pendingCancellation?: boolean;
  readonly boundImei?: 'set' | 'unset';
  /** Live usage this month, MB. */
  readonly cycleUsageMB?: Comparison;
  /** Usage as the console shows it (P4: up to the end of yesterday), MB. */
  readonly consoleCycleUsageMB?: Comparison;
}

export interface CardsExpectation extends ExpectationPlace {
  readonly kind: 'cards';
  readonly cards: CardSelector;
  readonly filters: CardFilters;
  /** How many selected cards match every filter; absent: all of them, and at least one is selected. */
  readonly count?: Comparison;
}

export interface PoolExpectation extends ExpectationPlace {
  readonly kind: 'pool';
  readonly pool: string;
  readonly usedMB?: Comparison;
  readonly remainingMB?: Comparison;
  readonly sizeMB?: Comparison;
}

/** F1 reasons. */
export type LedgerReason = 'planFee' | 'addOn' | 'renewal' | 'overage' | 'retention';

export interface LedgerExpectation extends ExpectationPlace {
  readonly kind: 'ledger';
  readonly reason?: LedgerReason;
  /** The service month a line pays for (F1), as calendar's monthIndex: year * 12 + month - 1. */
  readonly month?: number;
  readonly cards?: CardSelector;
  readonly pool?: string;
  /** At least one of count and sum. */
  readonly count?: Comparison;
  /** Sum of the lines' amounts, yuan. */
  readonly sum?: Comparison;
}

export interface EventsExpectation extends ExpectationPlace {
  readonly kind: 'events';
  readonly type: string;
  readonly to?: StatusRef;
  readonly from?: StatusRef;
  readonly cause?: string;
  /** Only events about these cards. */
  readonly cards?: CardSelector;
  /** Only events at or after this time; absent: since start. */
  readonly since?: SimTime;
  readonly count: Comparison;
}

export interface RuleExpectation extends ExpectationPlace {
  readonly kind: 'rule';
  readonly rule: string;
  readonly triggers: Comparison;
}

export type ExportStatus = 'running' | 'done' | 'failed';

export interface ExportExpectation extends ExpectationPlace {
  readonly kind: 'export';
  readonly fileName: string;
  /** At least one of rows and status. */
  readonly rows?: Comparison;
  readonly status?: ExportStatus;
}

export type Expectation =
  | CardsExpectation
  | PoolExpectation
  | LedgerExpectation
  | EventsExpectation
  | RuleExpectation
  | ExportExpectation;
