// The shapes the twin's REST API and websocket send (INTERFACES.md; server/routes, server/ws.ts),
// as far as the viewer reads them. Times are sim milliseconds (UTC epoch); the console shows them in
// Beijing time.

export interface RunView {
  readonly name: string;
  readonly seed: number;
  readonly start: string;
  readonly until: string;
  readonly now: string;
  readonly cards: number;
  readonly events: number;
  readonly hash: string;
  readonly durable: boolean;
  /** The run's id among the runs the twin keeps; a fork says where it parted from which run. */
  readonly id?: number;
  readonly forkOf?: { readonly run: number; readonly at: string; readonly seed?: number };
}

export type ClockMode = 'paused' | 'running' | 'fast';

export interface ClockView {
  readonly now: number;
  readonly nowText: string;
  readonly mode: ClockMode;
  readonly speedMsPerSecond: number;
  readonly speed: string;
}

export interface TickPool {
  readonly id: string;
  readonly kind: 'pooled' | 'sameTier';
  readonly sizeMB: number;
  readonly usedMB: number;
  readonly remainingMB: number;
  readonly exhausted: boolean;
}

/** What a `tick` carries (and `hello.stats`). */
export interface FleetSummary {
  readonly now: number;
  readonly nowText: string;
  readonly cards: number;
  readonly byStatus: Record<string, number>;
  readonly bySpecific: Record<string, number>;
  readonly pools: readonly TickPool[];
  readonly chargedFen: number;
  readonly events: number;
  readonly hash: string;
  readonly mode?: ClockMode;
}

export interface StreamEvent {
  readonly t: number;
  readonly at: string;
  readonly seq: number;
  readonly type: string;
  readonly subject: string;
  readonly payload: Record<string, unknown>;
}

export type ServerMessage =
  | { readonly type: 'hello'; readonly run: RunView; readonly clock: ClockView; readonly stats: FleetSummary }
  | ({ readonly type: 'tick' } & FleetSummary)
  | { readonly type: 'events'; readonly total: number; readonly events: readonly StreamEvent[] }
  | { readonly type: 'clock'; readonly clock: ClockView }
  | {
      readonly type: 'subscribed';
      readonly events: readonly string[] | 'all';
      readonly cards: readonly string[];
    }
  | { readonly type: 'error'; readonly error: { readonly code: string; readonly message: string } };

export interface StatusView {
  readonly status: string;
  readonly statusCode: number;
  readonly specificStatus: string;
  readonly osStatus: number;
  readonly causes: readonly string[];
  readonly pendingCancellation: boolean;
  readonly activationType: string | null;
  readonly activatedAt: number | null;
}

export interface CardRow {
  readonly iccid: string;
  readonly msisdn: string | null;
  readonly voucher: string;
  readonly carrier: string;
  readonly planType: string;
  readonly status: string;
  readonly statusCode: number;
  readonly specificStatus: string;
  readonly osStatus: number;
  readonly cycleUsageMB: number;
  readonly cycleUsageBytes: number;
  readonly tags: readonly string[];
  readonly remark: string;
  readonly activationType: string | null;
  readonly activatedAt: number | null;
  readonly expiresAt: number | null;
  readonly autoRenew: boolean;
  readonly pendingCancellation: boolean;
  readonly pool: string | null;
}

export interface Page<Item> {
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
  readonly items: Item[];
}

export interface DayUsage {
  readonly day: string;
  readonly carriedBytes: number;
  readonly carriedMB: number;
  readonly partial?: true;
}

export interface MonthUsage {
  readonly month: string;
  readonly carriedMB: number;
  readonly refusedMB: number;
  readonly partial?: true;
}

export interface UsageSeries {
  readonly iccid: string;
  readonly from: number;
  readonly to: number;
  readonly daily: readonly DayUsage[];
  readonly monthly: readonly MonthUsage[];
  readonly cycle: { readonly liveMB: number; readonly consoleMB: number };
}

export interface CardDetails {
  readonly basic: {
    readonly iccid: string;
    readonly imsi: string | null;
    readonly msisdn: string | null;
    readonly voucher: string;
    readonly voucherApi: string;
    readonly carrier: string;
    readonly vendor: string;
    readonly cardType: 'single-network' | 'smart';
    readonly planType: string;
    readonly dataType: string;
    readonly group: string;
    readonly orderedAt: number;
    readonly activationType: string | null;
    readonly activatedAt: number | null;
    readonly expiresAt: number | null;
    readonly boundImei: string | null;
    readonly device: { readonly imei: string; readonly profile: string; readonly powered: boolean } | null;
    readonly view: StatusView;
    readonly tags: readonly string[];
    readonly remark: string;
    readonly cycleUsageMB: number;
  };
  readonly subCards: readonly {
    readonly iccid: string;
    readonly msisdn: string;
    readonly imsi: string;
    readonly carrier: string;
    readonly vendor: string;
    readonly view: StatusView;
    readonly boundImei: string | null;
    readonly currentNetwork: boolean;
  }[];
  readonly traffic: {
    readonly usage: UsageSeries;
    readonly plans: {
      readonly plan: {
        readonly voucher: string;
        readonly name: string;
        readonly state: 'notStarted' | 'inService' | 'ended';
        readonly startsAt: number | null;
        readonly endsAt: number | null;
        readonly monthsNotStarted: number;
        readonly autoRenew: boolean;
      };
      readonly addOn: { readonly remainingMB: number; readonly endsAt: number | null } | null;
      readonly testData: {
        readonly usedMB: number;
        readonly remainingMB: number;
        readonly endsAt: number;
      } | null;
      readonly allowance: {
        readonly kind: string;
        readonly allowanceMB: number;
        readonly usedMB: number;
        readonly remainingMB: number;
        readonly remainingShare: number;
        readonly pool?: string;
      } | null;
    };
  };
  readonly settings: {
    readonly usageLimit: {
      readonly limitMB: number | null;
      readonly source: 'card' | 'voucher' | null;
      readonly autoRestore: boolean;
    };
    readonly autoRenew: boolean;
    readonly idVerification: { readonly required: boolean; readonly status: string };
    readonly rules: readonly {
      readonly name: string;
      readonly trigger: string;
      readonly action: string;
      readonly triggers: readonly { readonly t: number; readonly detail: string; readonly acted: boolean }[];
    }[];
  };
  readonly records: readonly OperationRecord[];
}

export interface OperationRecord {
  readonly t: number;
  readonly by: string;
  readonly action: string;
  readonly detail?: string;
  readonly from?: string;
  readonly to?: string;
}

export type CardResult =
  | { readonly iccid: string; readonly ok: true; readonly pending?: string }
  | { readonly iccid: string; readonly ok: false; readonly code: string; readonly message: string };

export interface OperationResponse {
  readonly operation: string;
  readonly at: string;
  readonly succeeded: number;
  readonly failed: number;
  readonly results: readonly CardResult[];
  readonly refusal?: { readonly code: string; readonly message: string };
  readonly hash: string;
}

export interface PoolRow {
  readonly id: string;
  readonly kind: 'pooled' | 'sameTier';
  readonly voucher: string | null;
  readonly sizeMB: number;
  readonly usedMB: number;
  readonly remainingMB: number;
  readonly overageMB: number;
  readonly cards: number;
  readonly activatedCards: number;
  readonly exhausted: boolean;
}

export interface PoolDetails extends PoolRow {
  readonly levels: readonly { readonly t: number; readonly sizeMB: number; readonly usedMB: number }[];
}

export interface ExportedFile {
  readonly id: string;
  readonly name: string;
  readonly createdAt: number;
  readonly finishedAt: number | null;
  readonly status: 'running' | 'done' | 'failed' | string;
  readonly cards: number;
  readonly rows: number;
  readonly sizeBytes: number;
  readonly months: number;
  readonly daily: boolean;
  readonly error: string | null;
}

export interface LedgerPage {
  readonly total: number;
  readonly sumFen: number;
}
