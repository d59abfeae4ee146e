// Traffic: devices offer sessions, cards carry or refuse them, limits are crossed at the sim time of
// the session that crosses them (RULES.md D1-D3, L2, L3, L6, L9, L10, P1-P4, V6, M3).
//
// Why it is shaped like this: a million cards for a year is 365 million card-days, so a card-day
// must usually cost a few arithmetic steps. Each day at 00:00 the engine asks every device only
// for its day's totals and checks whether anything can happen to its card today (a first session,
// a device change, a limit reached). Only those few cards, and cards that an operation touches
// mid-day, have their day expanded into sessions; a timer is set at the first session that changes
// something. Everything else is settled in bulk at the end of the day, and because a card that
// nothing touched kept one state all day, the bulk result equals the session-by-session one.
import type { Card } from '../cards/card.ts';
import { DayTotalsTable, dayTotals, daySessions, type DaySessions } from '../devices/day-traffic.ts';
import { SessionArena } from '../devices/session-arena.ts';
import type { NetworkCarrier } from '../ids/carrier.ts';
import { phaseOf, type CardPhase, type CardSnapshot } from '../machines/status-view.ts';
import { causeBit } from '../machines/status.ts';
import { DAY_MS, dayIndex as dayIndexOf, startOfDay } from '../time/calendar.ts';
import { Phase, type TimerId } from '../time/scheduler.ts';
import type { World } from '../world.ts';
import { ACTIVATES_ON_FIRST_TRAFFIC, CardPlans, DIRECTIONAL_PLAN, SINGLE_CARD_PLAN } from './card-plans.ts';
import { Float64Column, Int32Column, Uint8Column } from './columns.ts';
import { ExpandedDays, type ExpandedDay } from './expanded-days.ts';
import type { Device } from './devices.ts';
import { PoolCrossing } from './pool-crossing.ts';
import { DataPool } from './pools.ts';
import { UsageColumns, type UsageState } from './usage.ts';

/** L2: the test period includes 6 MB. */
export const TEST_DATA_BYTES = 6 * 1_048_576;

const DIRECTIONAL = new Set(['SCD', 'SFD', 'UPG']);
const SINGLE_CARD = new Set(['SC', 'SCD']);
const CREDIT_CONTROL = causeBit('creditControl');
const DEVICE_CHANGE = causeBit('deviceChange');

// A card's carry code (TrafficEngine.carryCode): its mode, and whether a session from its device
// would tell its machine something (L3, L6), kept with its network state.
const MODE_NONE = 0;
const MODE_TEST = 1;
const MODE_ACTIVE = 2;
const MODE_MASK = 3;
const DEVICE_NEWS = 4;
/** The network machine is in its Silent period. */
const SILENT = 8;
const CODE_UNKNOWN = 255;
const MODE_CODE = { none: MODE_NONE, test: MODE_TEST, active: MODE_ACTIVE } as const;

/** L9, P2: the machine is In use and holds credit control (the month's start lifts it). */
function heldInUse(snapshot: CardSnapshot): boolean {
  return (snapshot.context.causes & CREDIT_CONTROL) !== 0 && phaseOf(snapshot) === 'active';
}

/** The part of a network machine's state that traffic depends on. */
interface NetworkState {
  readonly phase: CardPhase;
  readonly causes: number;
  readonly boundImei: string | null;
  readonly lockedByImei: string | null;
}

/** One session as offered to a card. */
export interface Session {
  readonly t: number;
  readonly bytes: number;
  readonly whitelisted: boolean;
}

/** The engine's timers as data (sim/snapshot/tasks.ts): cards by index, pools by ID. */
export type TrafficTask =
  | { readonly kind: 'dayEnd' }
  | { readonly kind: 'dayPlan' }
  | { readonly kind: 'outageEnd'; readonly carrier: NetworkCarrier; readonly cards: readonly number[] }
  | { readonly kind: 'notableSession'; readonly card: number; readonly at: number }
  | { readonly kind: 'poolReplan'; readonly pool: string }
  | { readonly kind: 'poolCrossing'; readonly pool: string; readonly at: number };

/** A test hook: every session offered, with what happened to it. */
export type SessionObserver = (card: Card, session: Session, carried: number) => void;

/** The engine between two days (sim/snapshot): what carries over from one day to the next. */
export interface TrafficState {
  readonly usage: UsageState;
  readonly devices: readonly Device[];
  readonly cardDevice: Int32Array;
  readonly usageLimit: Float64Array;
  readonly ruleThreshold: Float64Array;
  readonly dayTotal: Float64Array;
  readonly dayWhite: Float64Array;
  readonly inPoolBound: Int32Array;
  readonly poolMargin: readonly (readonly [string, number])[];
  readonly dirtyPools: readonly string[];
  readonly outageUntil: readonly (readonly [NetworkCarrier, number])[];
  readonly today: number;
  readonly dayStartMs: number;
}

export class TrafficEngine {
  readonly usage = new UsageColumns();
  readonly devices: Device[] = [];
  /** Observers of every session (tests): empty in ordinary runs, so it costs nothing. */
  readonly sessionObservers: SessionObserver[] = [];
  /**
   * Follow every card session by session, never in bulk (tests): a run must come out the same,
   * to the hash, either way; that is what proves the bulk path right.
   */
  alwaysBySession = false;
  /** Device of each card, by card index; -1 for none. */
  private readonly cardDevice = new Int32Column(1024, -1);
  /**
   * The profile slot (dayTotalsTable) of each card's device while it is powered, -1 otherwise: what
   * the day's planning reads instead of the device. Kept by change(), through which every change of
   * a card's device, power or profile goes, and rebuilt by restore().
   */
  private readonly cardProfileSlot = new Int32Column(1024, -1);
  private readonly dayTotalsTable = new DayTotalsTable();
  /** Usage limit (C6) per card, bytes; 0 for none. */
  readonly usageLimit = new Float64Column();
  /** C7: the month usage at which the card's next usage rule fires, bytes; 0 for none. */
  private readonly ruleThreshold = new Float64Column();
  /** Today's totals per card, from the day's planning. */
  private readonly dayTotal = new Float64Column();
  private readonly dayWhite = new Float64Column();
  /** Cards whose day is expanded into sessions, with how many of them are realized. */
  private readonly expanded = new ExpandedDays();
  private readonly notable = new Map<number, TimerId>();
  private readonly poolTimers = new Map<DataPool, TimerId>();
  private readonly dirtyPools = new Set<DataPool>();
  /** Where expanded days' sessions live until the day ends (reset with `expanded`). */
  private readonly sessionArena = new SessionArena();
  /** Scratch space of planPool: finds when a pool runs dry without an object per session. */
  private readonly poolCrossing = new PoolCrossing();
  /**
   * P2: how many bytes a pool could still take today beyond everything its cards may send, if all of
   * them carried all day. While it stays >= 0 the pool cannot run dry today, whatever its cards do,
   * so their changes need no re-planning of the pool (the usual case, and O(1)).
   */
  private readonly poolMargin = new Map<DataPool, number>();
  /** Cards whose whole day is in their pool's margin (1), or not yet (0). */
  private readonly inPoolBound = new Int32Column();
  private readonly outageUntil = new Map<NetworkCarrier, number>();
  private dayStartMs: number;
  private today: number;
  private nextRunKey: number | undefined;
  /** Set while the engine itself sends events to cards, so it does not re-enter. */
  private busy = false;
  private readonly totals = { totalBytes: 0, whitelistedBytes: 0 };
  /** Scratch: the carried and refused bytes bookAt() books (settleUntouchedAt says why not arguments). */
  private readonly bytesNow = new Float64Array(2);
  /**
   * What traffic needs of each card's network machine (phase, causes, binding), by card index, kept
   * as the machines change (afterCardChange): the daily loops read it for every card every day, and
   * a plain object is far cheaper to read than an actor's snapshot.
   */
  private readonly network: (NetworkState | undefined)[] = [];
  /**
   * The same, boiled down for the daily loops: MODE_* | DEVICE_NEWS by card index, set with
   * `network` (and when a card's device changes); CODE_UNKNOWN until the card's state is first read.
   */
  private readonly carryCode = new Uint8Column(1024, CODE_UNKNOWN);
  /** What each card's plan says about its traffic (directional, single-card, tier, pool). */
  private readonly plans = new CardPlans();
  /** Cards whose day is expanded (1): the keys of `expanded`, as the daily loops read them. */
  private readonly isExpanded = new Uint8Column();

  constructor(
    private readonly world: World,
    private runKey: number,
  ) {
    this.today = dayIndexOf(world.now());
    this.dayStartMs = startOfDay(world.now());
    this.scheduleDayEnd();
  }

  /**
   * The engine's state, copied. Only between days (right after a day is settled): then no card's
   * day is expanded into sessions and no session timer is set, so the rest is plain columns.
   */
  save(): TrafficState {
    if (this.expanded.size > 0 || this.notable.size > 0 || this.poolTimers.size > 0 || this.busy) {
      throw new RangeError('the traffic engine is saved only between days, right after a day is settled');
    }
    return {
      usage: this.usage.save(),
      devices: this.devices.map((device) => ({ ...device })),
      cardDevice: this.cardDevice.save(),
      usageLimit: this.usageLimit.save(),
      ruleThreshold: this.ruleThreshold.save(),
      dayTotal: this.dayTotal.save(),
      dayWhite: this.dayWhite.save(),
      inPoolBound: this.inPoolBound.save(),
      poolMargin: [...this.poolMargin].map(([pool, margin]) => [pool.id, margin] as const),
      dirtyPools: [...this.dirtyPools].map((pool) => pool.id),
      outageUntil: [...this.outageUntil],
      today: this.today,
      dayStartMs: this.dayStartMs,
    };
  }

  /** Puts back what save() returned; pools and cards must be restored in the world first. */
  restore(state: TrafficState): void {
    const pool = (id: string) => {
      const found = this.world.pools.get(id);
      if (!(found instanceof DataPool))
        throw new RangeError(`traffic state names pool ${id}, which is not a data pool`);
      return found;
    };
    this.usage.restore(state.usage);
    this.devices.length = 0;
    for (const device of state.devices) this.devices.push({ ...device });
    this.cardDevice.restore(state.cardDevice);
    this.cardProfileSlot.restore(new Int32Array(state.cardDevice.length).fill(-1));
    for (let i = 0; i < state.cardDevice.length; i++) this.noteProfileSlot(i);
    this.usageLimit.restore(state.usageLimit);
    this.ruleThreshold.restore(state.ruleThreshold);
    this.dayTotal.restore(state.dayTotal);
    this.dayWhite.restore(state.dayWhite);
    this.inPoolBound.restore(state.inPoolBound);
    this.poolMargin.clear();
    for (const [id, margin] of state.poolMargin) this.poolMargin.set(pool(id), margin);
    this.dirtyPools.clear();
    for (const id of state.dirtyPools) this.dirtyPools.add(pool(id));
    this.outageUntil.clear();
    for (const [carrier, until] of state.outageUntil) this.outageUntil.set(carrier, until);
    this.expanded.clear();
    this.sessionArena.reset();
    this.notable.clear();
    this.poolTimers.clear();
    this.network.length = 0;
    this.today = state.today;
    this.dayStartMs = state.dayStartMs;
  }

  /**
   * A fork: devices' traffic comes from another seed (World.reseed) from the next day on. Not at
   * once: today's totals were drawn with the old seed, and a day's sessions must add up to them.
   */
  reseed(runKey: number): void {
    this.nextRunKey = runKey;
  }

  // ---- devices ---------------------------------------------------------------------------

  addDevice(device: Omit<Device, 'index'>): Device {
    // Written out field by field: a spread here gave every device its own hidden class, and the
    // daily loop, reading every device every day, went megamorphic (about 4x slower).
    const created: Device = {
      index: this.devices.length,
      imei: device.imei,
      profile: device.profile,
      powered: device.powered,
      cardIndex: device.cardIndex,
    };
    this.devices.push(created);
    return created;
  }

  deviceOf(card: Card): Device | undefined {
    const index = this.cardDevice.get(card.index);
    return index >= 0 ? this.devices[index] : undefined;
  }

  /** D2: put a card into a device (taking it out of any other), from now on. */
  insert(card: Card, device: Device): void {
    this.change(card, () => {
      const old = this.deviceOf(card);
      if (old) old.cardIndex = -1;
      if (device.cardIndex >= 0 && device.cardIndex !== card.index) {
        const other = this.world.cards[device.cardIndex];
        if (other) this.change(other, () => this.cardDevice.set(other.index, -1));
      }
      device.cardIndex = card.index;
      this.cardDevice.set(card.index, device.index);
    });
  }

  /** D2: take the card out of its device. */
  remove(card: Card): void {
    this.change(card, () => {
      const old = this.deviceOf(card);
      if (old) old.cardIndex = -1;
      this.cardDevice.set(card.index, -1);
    });
  }

  /** Change something about a card's traffic now: realize its day so far, change, plan the rest. */
  change(card: Card, apply: () => void): void {
    this.realizeUntilNow(card);
    apply();
    this.noteProfileSlot(card.index);
    // The device may be another now: whether its sessions tell the machine something, too.
    this.noteCarryCode(card, this.networkState(card));
    this.restartDay(card);
    this.plan(card);
    const pool = this.world.poolOf(card);
    if (pool instanceof DataPool) this.markPoolDirty(pool, this.remainingTotal(card));
  }

  /** A carrier outage (SCENARIOS.md carrier.outage): its devices carry nothing until `until`. */
  outage(carrier: NetworkCarrier, until: number): void {
    const affected = this.world.cards.filter((card) => this.networkCarrier(card) === carrier);
    for (const card of affected) this.realizeUntilNow(card);
    this.outageUntil.set(carrier, Math.max(until, this.outageUntil.get(carrier) ?? 0));
    for (const card of affected) this.plan(card);
    this.world.at(until, { kind: 'outageEnd', carrier, cards: affected.map((card) => card.index) });
  }

  runTask(task: TrafficTask): void {
    switch (task.kind) {
      case 'dayEnd':
        return this.endDay();
      case 'dayPlan':
        return this.planDay();
      case 'outageEnd': {
        if ((this.outageUntil.get(task.carrier) ?? 0) > this.world.now()) return;
        this.outageUntil.delete(task.carrier);
        for (const index of task.cards) this.change(this.world.cards[index]!, () => {});
        return;
      }
      case 'notableSession': {
        const card = this.world.cards[task.card]!;
        this.notable.delete(card.index);
        // Sessions before the notable one carry as before; it and any after it at this moment meet
        // whatever it changes.
        this.realizeTo(card, task.at);
        this.plan(card);
        return;
      }
      case 'poolReplan': {
        const pool = this.world.pools.get(task.pool) as DataPool;
        this.dirtyPools.delete(pool);
        this.planPool(pool);
        return;
      }
      case 'poolCrossing': {
        const pool = this.world.pools.get(task.pool) as DataPool;
        const at = task.at;
        this.poolTimers.delete(pool);
        // Everything before the crossing moment, on every card of the pool, then the moment itself.
        for (const card of pool.cards) this.realizeTo(card, at - 1);
        for (const card of pool.cards) {
          if (!pool.exhausted) this.realizeTo(card, at);
        }
        if (!pool.exhausted) this.planPool(pool);
        return;
      }
    }
  }

  // ---- world hooks -----------------------------------------------------------------------

  /** Whether the engine itself is sending cards events now (then beforeCardChange does nothing). */
  isBusy(): boolean {
    return this.busy;
  }

  /**
   * Whether beforeCardChange would carry anything for the card now: a session of its expanded day
   * due by now, or an untouched day to expand. When not, it is a no-op, so the world need not ask
   * the card's machines first whether they take an event (sim/world.ts sendToCard).
   */
  hasTrafficDue(card: Card): boolean {
    if (this.busy) return false;
    const open = this.expanded.get(card.index);
    if (open !== undefined)
      return (
        open.next < open.sessions.count &&
        this.dayStartMs + open.sessions.offsetMs[open.next]! <= this.world.now()
      );
    const device = this.deviceOf(card);
    return device !== undefined && device.powered && this.dayTotal.get(card.index) !== 0;
  }

  /** Before a card's machines take an event from outside the engine: realize its day up to now. */
  beforeCardChange(card: Card): void {
    if (!this.busy) this.realizeUntilNow(card);
  }

  /** After a card's machines took an event: plan the rest of its day under its new state. */
  afterCardChange(card: Card): void {
    const state = this.readNetwork(card);
    this.network[card.index] = state;
    this.noteCarryCode(card, state);
    if (!this.busy) this.plan(card);
    const pool = this.world.poolOf(card);
    // Only a card that starts carrying can bring the pool's running dry nearer; one that stops
    // carrying leaves it later, and the crossing's own timer re-plans when it finds the pool not dry.
    if (pool instanceof DataPool && this.inPoolBound.get(card.index) === 0 && this.mode(card) === 'active') {
      this.inPoolBound.set(card.index, 1);
      this.markPoolDirty(pool, this.remainingTotal(card));
    }
  }

  /** C7: where the card's next usage rule fires (Infinity: none); re-plans the card's day. */
  setRuleThreshold(card: Card, bytes: number): void {
    const value = Number.isFinite(bytes) ? bytes : 0;
    if (this.ruleThreshold.get(card.index) === value) return;
    // Inside the engine's own work, or before the day's planning has looked at the card, setting it
    // is enough; otherwise the rest of the card's day is planned anew.
    if (this.busy || (!this.expanded.has(card.index) && this.dayTotal.get(card.index) === 0)) {
      this.ruleThreshold.set(card.index, value);
      return;
    }
    this.change(card, () => this.ruleThreshold.set(card.index, value));
  }

  /** P2: the pool grew (an expansion): it may take that much more today. */
  poolGrew(pool: DataPool, addedBytes: number): void {
    this.poolMargin.set(pool, (this.poolMargin.get(pool) ?? -1) + addedBytes);
  }

  /** The live usage this month, with today's sessions up to now (thresholds act on this, P4). */
  liveMonthCarried(card: Card): number {
    this.realizeUntilNow(card);
    return this.usage.monthCarried.get(card.index);
  }

  /** P4: the console's cycle usage: up to 24:00 of the previous day. */
  consoleMonthCarried(card: Card): number {
    this.realizeUntilNow(card);
    return this.usage.monthCarried.get(card.index) - this.usage.todayCarried.get(card.index);
  }

  /** One session now, exactly as given (SCENARIOS.md `traffic`). */
  offerNow(card: Card, bytes: number, whitelisted: boolean): number {
    this.realizeUntilNow(card);
    const pool = this.world.poolOf(card);
    if (pool instanceof DataPool) this.poolMargin.set(pool, (this.poolMargin.get(pool) ?? -1) - bytes);
    const carried = this.carry(card, this.world.now(), bytes, whitelisted);
    this.plan(card);
    if (pool instanceof DataPool) this.markPoolDirty(pool);
    return carried;
  }

  /**
   * 00:00 on the 1st, after the last day is settled: the month closes and every card starts the new
   * one with its full allowance (T5). L9, P2: credit control is lifted where the plan is still valid.
   */
  monthRollover(closedMonthIndex: number): void {
    const cards = this.world.cards;
    this.usage.ensure(cards.length);
    this.usage.closeMonth(closedMonthIndex, cards.length);
    for (const pool of this.world.pools.values()) {
      pool.monthUsed = 0;
      if (pool instanceof DataPool) pool.exhausted = false;
    }
    for (let i = 0; i < cards.length; i++) {
      // Only cards that hold the cause can be limited; the compact copy says which.
      if ((this.world.heldCauses.of(i) & CREDIT_CONTROL) === 0) continue;
      const card = cards[i]!;
      // A loop rather than machinesOf(card).some(...): no array and no closure per card.
      let limited = false;
      if (card.subCards.length === 0) limited = heldInUse(card.actor.getSnapshot() as CardSnapshot);
      else for (const sub of card.subCards) limited ||= heldInUse(sub.actor.getSnapshot());
      if (limited)
        this.world.sendToCard(
          card,
          { type: 'SYSTEM_LIFT', at: this.world.now(), cause: 'creditControl' },
          { by: 'system' },
        );
    }
    // C7: usage rules may fire again this month.
    if (this.world.rules.hasUsageRules()) this.world.rules.refreshUsageThresholds();
  }

  // ---- the day ---------------------------------------------------------------------------

  /** 00:00: every card's day is planned from its device's totals. */
  private planDay(): void {
    this.world.rules.dayStarted();
    this.world.carriers.dayStarted();
    const cards = this.world.cards;
    this.ensureColumns(cards.length);
    // The loops every card goes through every day: plain arrays, no allocation.
    const dayTotal = this.dayTotal.array;
    const cardDevice = this.cardDevice.array;
    this.dayTotalsTable.fill(
      this.runKey,
      this.today,
      this.cardProfileSlot.array,
      cardDevice,
      cards.length,
      dayTotal,
      this.dayWhite.array,
    );
    const anyOutage = this.outageUntil.size > 0;
    for (let i = 0; i < cards.length; i++) {
      // An outage today, or anything that may happen to the card: follow it session by session.
      if (
        dayTotal[i]! > 0 &&
        (this.alwaysBySession || (anyOutage && this.outageToday(cards[i]!)) || this.mayChangeTodayAt(i))
      ) {
        const card = cards[i]!;
        this.expand(card, this.devices[cardDevice[i]!]!, 0);
        this.plan(card);
      }
    }
    const firstTraffic = this.plans.flags;
    for (const pool of this.world.pools.values()) {
      if (!(pool instanceof DataPool)) continue;
      // Only cards that carry, or would start to on their first session, count; a card that starts
      // carrying later in the day adds its remaining traffic then (afterCardChange).
      let upperBound = 0;
      for (const card of pool.cards) {
        const i = card.index;
        const code = this.carryCodeAt(i);
        const counted =
          (code & MODE_MASK) === MODE_ACTIVE ||
          ((firstTraffic[i]! & ACTIVATES_ON_FIRST_TRAFFIC) !== 0 && (code & SILENT) !== 0);
        this.inPoolBound.set(i, counted ? 1 : 0);
        if (counted) upperBound += this.dayTotal.get(i);
      }
      this.poolMargin.set(pool, pool.remaining() - upperBound);
      if (upperBound >= pool.remaining()) this.markPoolDirty(pool);
    }
  }

  /** 24:00: settle every card's day, keep it in the history, and plan the next. */
  private endDay(): void {
    const cards = this.world.cards;
    this.ensureColumns(cards.length);
    this.learnCards();
    let carried = 0;
    let refused = 0;
    const dayEnd = this.dayStartMs + DAY_MS - 1;
    const u = this.usage;
    // Plain arrays again; none of them grows during the loop (no card is bought in it).
    const isExpanded = this.isExpanded.array;
    const dayTotal = this.dayTotal.array;
    const todayCarried = u.todayCarried.array;
    const todayRefused = u.todayRefused.array;
    for (let i = 0; i < cards.length; i++) {
      if (isExpanded[i] === 1) this.realizeTo(cards[i]!, dayEnd);
      else if (dayTotal[i]! > 0) this.settleUntouchedAt(i);
      carried += todayCarried[i]!;
      refused += todayRefused[i]!;
    }
    for (const id of this.notable.values()) this.world.clock.cancel(id);
    for (const id of this.poolTimers.values()) this.world.clock.cancel(id);
    this.notable.clear();
    this.poolTimers.clear();
    this.expanded.clear();
    this.sessionArena.reset();
    this.isExpanded.array.fill(0);
    for (const pool of this.world.pools.values()) pool.sample(this.dayStartMs + DAY_MS);
    this.world.emit('day.closed', 'traffic', {
      day: this.today,
      carriedBytes: carried,
      refusedBytes: refused,
    });
    this.usage.closeDay(this.today, cards.length);
    this.dayTotal.array.fill(0);
    this.dayWhite.array.fill(0);
    this.today++;
    this.dayStartMs += DAY_MS;
    if (this.nextRunKey !== undefined) this.runKey = this.nextRunKey;
    this.nextRunKey = undefined;
    this.scheduleDayEnd();
    // Between two days: the one moment a world can be saved (sim/snapshot).
    this.world.dayClosed();
  }

  private scheduleDayEnd(): void {
    const next = this.dayStartMs + DAY_MS;
    this.world.at(next, { kind: 'dayEnd' }, Phase.settle);
    this.world.at(next, { kind: 'dayPlan' }, Phase.plan);
  }

  /**
   * A card nothing touched today kept one state all day: carry or refuse its totals in bulk. Only the
   * card's index is passed, and the byte counts go to bookAt() through a scratch array: called
   * with byte counts, V8 boxed each one (an allocation per card-day).
   */
  private settleUntouchedAt(i: number): void {
    const total = this.dayTotal.array[i]!;
    const mode = this.carryCodeAt(i) & MODE_MASK;
    const carried =
      mode === MODE_NONE
        ? 0
        : (this.plans.flags[i]! & DIRECTIONAL_PLAN) !== 0
          ? this.dayWhite.array[i]!
          : total;
    this.bytesNow[0] = carried;
    this.bytesNow[1] = total - carried;
    this.bookAt(i, mode);
  }

  /** Every per-card column the daily loops read holds `cards` cards. */
  private ensureColumns(cards: number): void {
    this.learnCards();
    this.dayTotal.ensure(cards);
    this.dayWhite.ensure(cards);
    this.cardDevice.ensure(cards);
    this.cardProfileSlot.ensure(cards);
    this.usage.ensure(cards);
    this.usageLimit.ensure(cards);
    this.ruleThreshold.ensure(cards);
    this.carryCode.ensure(cards);
    this.isExpanded.ensure(cards);
  }

  // ---- sessions --------------------------------------------------------------------------

  /**
   * L3, L6: does a session from this IMEI tell the card's machine something (first traffic, a
   * binding, a device change)? The device that already locked the card tells it nothing more.
   */
  private deviceNews(card: Card, state: NetworkState, imei: string): boolean {
    const phase = state.phase;
    if (phase === 'silent') return card.activateOnFirstTraffic;
    if (phase !== 'test' && phase !== 'active') return false;
    const { boundImei, causes, lockedByImei } = state;
    if (boundImei === imei) return false;
    if (boundImei === null) return causes === 0;
    return !(lockedByImei === imei && (causes & DEVICE_CHANGE) !== 0);
  }

  /**
   * mayChangeToday for the day's planning, from the compact columns alone (ensureColumns first):
   * the same arithmetic in the same order, so the same answer.
   */
  private mayChangeTodayAt(i: number): boolean {
    const code = this.carryCodeAt(i);
    if ((code & DEVICE_NEWS) !== 0) return true;
    const mode = code & MODE_MASK;
    if (mode === MODE_NONE) return false;
    const flags = this.plans.flags[i]!;
    const carriable = (flags & DIRECTIONAL_PLAN) !== 0 ? this.dayWhite.array[i]! : this.dayTotal.array[i]!;
    return carriable >= this.notableRoomAt(i, mode);
  }

  /** Could anything happen to this card today under its state now? Cheap; no sessions made. */
  private mayChangeToday(card: Card, device: Device): boolean {
    const state = this.networkState(card);
    if (this.deviceNews(card, state, device.imei)) return true;
    const phase = state.phase;
    if (phase !== 'test' && phase !== 'active') return false;
    if (state.causes !== 0) return false;
    const carriable = DIRECTIONAL.has(card.voucher.planType)
      ? this.dayWhite.get(card.index)
      : this.dayTotal.get(card.index);
    return carriable >= this.notableRoom(card, phase);
  }

  private expand(card: Card, device: Device, fromMs: number): void {
    const sessions = daySessions(this.runKey, device.index, this.today, device.profile, this.sessionArena);
    let next = 0;
    while (next < sessions.count && this.dayStartMs + sessions.offsetMs[next]! < fromMs) next++;
    this.expanded.set(card.index, { sessions, next });
    this.isExpanded.set(card.index, 1);
  }

  /** Realize a card's sessions up to now, expanding an untouched day first. */
  private realizeUntilNow(card: Card): void {
    const now = this.world.now();
    if (!this.expanded.has(card.index)) {
      const device = this.deviceOf(card);
      if (!device || !device.powered || this.dayTotal.get(card.index) === 0) return;
      this.expand(card, device, 0);
    }
    this.realizeTo(card, now);
  }

  /** After a change of device, power or profile: the rest of today comes from the device as it is now. */
  private restartDay(card: Card): void {
    const device = this.deviceOf(card);
    const now = this.world.now();
    this.expanded.delete(card.index);
    this.isExpanded.set(card.index, 0);
    this.dayTotal.set(card.index, 0);
    this.dayWhite.set(card.index, 0);
    if (!device || !device.powered) return;
    if (now === this.dayStartMs) {
      // At 00:00 the whole day lies ahead: plan it as the day's planning does, from its totals
      // alone, and follow it session by session only if something can happen in it.
      dayTotals(this.runKey, device.index, this.today, device.profile, this.totals);
      this.dayTotal.set(card.index, this.totals.totalBytes);
      this.dayWhite.set(card.index, this.totals.whitelistedBytes);
      if (this.alwaysBySession || this.outageToday(card) || this.mayChangeToday(card, device))
        this.expand(card, device, now);
      return;
    }
    // Sessions strictly after now: those at this very moment belonged to the state before.
    this.expand(card, device, now + 1);
  }

  /** Carry every session of the card's day with a time at or before `until`, in order. */
  private realizeTo(card: Card, until: number): void {
    const open = this.expanded.get(card.index);
    if (!open) return;
    const { sessions } = open;
    if (!this.alwaysBySession && this.sessionObservers.length === 0)
      this.realizeQuietSessions(card, open, until);
    while (open.next < sessions.count) {
      const t = this.dayStartMs + sessions.offsetMs[open.next]!;
      if (t > until) break;
      const i = open.next++;
      this.carry(card, t, sessions.bytes[i]!, sessions.whitelisted[i] === 1);
    }
  }

  /**
   * The sessions due by `until` that cannot change anything, carried in one step: the same bytes
   * booked the same way as session by session, because nothing happens in between. Nothing can
   * while the card's machine hears nothing from them (no first traffic, no binding or device change)
   * and their carriable bytes stay below the card's room before a stop or a usage rule (each session
   * then carries whole, and the room shrinks by exactly what it carries). Stops at the first session
   * that might change something; realizeTo takes it and the rest one by one.
   */
  private realizeQuietSessions(card: Card, open: ExpandedDay, until: number): void {
    const { sessions } = open;
    const from = open.next;
    let end = from;
    while (end < sessions.count && this.dayStartMs + sessions.offsetMs[end]! <= until) end++;
    if (end - from < 2) return;
    let mode: 'none' | 'test' | 'active' = 'none';
    let room = Infinity;
    // In an outage every session is refused, whatever the card's state (carry()).
    if (!this.inOutage(card)) {
      const device = this.deviceOf(card);
      if (!device || this.deviceNews(card, this.networkState(card), device.imei)) return;
      mode = this.mode(card);
      if (mode !== 'none') room = this.notableRoom(card, mode);
    }
    const directional = mode !== 'none' && this.isDirectional(card);
    let total = 0;
    let carriable = 0;
    let next = from;
    for (; next < end; next++) {
      const bytes = sessions.bytes[next]!;
      if (mode !== 'none' && (!directional || sessions.whitelisted[next] === 1)) {
        if (carriable + bytes >= room) break;
        carriable += bytes;
      }
      total += bytes;
    }
    if (next === from) return;
    this.account(card, mode, carriable, total - carriable);
    open.next = next;
  }

  /** Plan the rest of a card's day: a timer at the first session that changes something. */
  private plan(card: Card): void {
    const previous = this.notable.get(card.index);
    if (previous !== undefined) this.world.clock.cancel(previous);
    this.notable.delete(card.index);
    const open = this.expanded.get(card.index);
    const device = this.deviceOf(card);
    if (!open || !device || !device.powered) return;
    const index = this.firstNotable(card, device, open.sessions, open.next);
    if (index < 0) return;
    const at = Math.max(this.world.now(), this.dayStartMs + open.sessions.offsetMs[index]!);
    this.notable.set(card.index, this.world.at(at, { kind: 'notableSession', card: card.index, at }));
  }

  private firstNotable(card: Card, device: Device, sessions: DaySessions, from: number): number {
    if (from >= sessions.count || this.inOutage(card)) return -1;
    const state = this.networkState(card);
    if (this.deviceNews(card, state, device.imei)) return from;
    const phase = state.phase;
    if (phase !== 'test' && phase !== 'active') return -1;
    if (state.causes !== 0) return -1;
    const directional = DIRECTIONAL.has(card.voucher.planType);
    const headroom = this.notableRoom(card, phase);
    let carried = 0;
    for (let i = from; i < sessions.count; i++) {
      if (directional && sessions.whitelisted[i] !== 1) continue;
      carried += sessions.bytes[i]!;
      if (carried >= headroom) return i;
    }
    return -1;
  }

  /**
   * Offer one session to a card (D3): the machine hears of first traffic and device changes, the
   * allowance in force carries what it can, and a limit reached is acted on at the session's time.
   * The session comes as plain numbers: an object per session was 16 million a year at 100,000 cards.
   */
  private carry(card: Card, t: number, bytes: number, whitelisted: boolean): number {
    const device = this.deviceOf(card);
    const imei = device?.imei ?? '';
    let carried = 0;
    this.busy = true;
    try {
      if (this.inOutage(card)) {
        this.account(card, 'none', 0, bytes);
      } else {
        const state = this.networkState(card);
        // L3 first traffic, L6 binding or device change: the machine decides. A session offered with
        // no device in the card (a scenario's `traffic`) has no IMEI: it activates, binds nothing.
        if (!device) {
          if (state.phase === 'silent' && card.activateOnFirstTraffic) this.sendActivation(card);
        } else if (this.deviceNews(card, state, imei)) {
          this.sendTraffic(card, imei);
        }
        const mode = this.mode(card);
        if (mode === 'none' || (this.isDirectional(card) && !whitelisted)) {
          this.account(card, mode, 0, bytes);
        } else {
          const headroom = this.headroom(card, mode);
          const ruleMark = mode === 'active' ? this.ruleThreshold.get(card.index) : 0;
          carried = Math.min(bytes, Math.max(0, headroom));
          this.account(card, mode, carried, bytes - carried);
          // C7: a usage rule's threshold reached notifies (or suspends); traffic goes on either way.
          if (ruleMark > 0 && this.usage.monthCarried.get(card.index) >= ruleMark) {
            this.world.rules.usageReached(card, this.usage.monthCarried.get(card.index));
            this.setRuleThreshold(card, this.world.rules.usageThreshold(card));
          }
          if (carried >= headroom) this.limitReached(card, mode);
        }
      }
    } finally {
      this.busy = false;
    }
    if (this.sessionObservers.length > 0) {
      const session: Session = { t, bytes, whitelisted };
      for (const observer of this.sessionObservers) observer(card, session, carried);
    }
    return carried;
  }

  /** Book carried and refused bytes where they belong. */
  private account(card: Card, mode: 'none' | 'test' | 'active', carried: number, refused: number): void {
    this.learnCards();
    this.ensureUsage(card.index);
    this.accountAt(card.index, MODE_CODE[mode], carried, refused);
  }

  /** account() by card index and mode code; the usage columns must hold the card. */
  private accountAt(i: number, mode: number, carried: number, refused: number): void {
    this.bytesNow[0] = carried;
    this.bytesNow[1] = refused;
    this.bookAt(i, mode);
  }

  /**
   * Books bytesNow (carried, refused) for card i in the mode: the day's and month's counters, then
   * what was carried against its test data, plan or pool.
   */
  private bookAt(i: number, mode: number): void {
    const u = this.usage;
    const carried = this.bytesNow[0]!;
    const refused = this.bytesNow[1]!;
    u.monthCarried.array[i]! += carried;
    u.todayCarried.array[i]! += carried;
    u.monthRefused.array[i]! += refused;
    u.todayRefused.array[i]! += refused;
    if (carried === 0) return;
    if (mode === MODE_TEST) {
      u.testUsed.array[i]! += carried;
      return;
    }
    const plans = this.plans;
    if ((plans.flags[i]! & SINGLE_CARD_PLAN) !== 0) {
      // T3: add-on data is used after the month's own allowance.
      const planUsed = u.planUsed.array;
      const fromTier = Math.min(carried, Math.max(0, plans.tierBytes[i]! - planUsed[i]!));
      planUsed[i]! += carried;
      u.addOnRemaining.array[i]! += -(carried - fromTier);
      return;
    }
    u.planUsed.array[i]! += carried;
    const pool = plans.pools[i];
    if (pool) pool.monthUsed += carried;
  }

  /** The usage columns hold card i (and every card before it). */
  private ensureUsage(i: number): void {
    this.usage.ensure(i + 1);
  }

  /** What the card may still carry before something must happen, bytes. */
  private headroom(card: Card, mode: 'none' | 'test' | 'active' | string): number {
    this.learnCards();
    return this.headroomAt(card.index, mode === 'test' ? MODE_TEST : MODE_ACTIVE);
  }

  /** headroom() by card index and mode code (test or active). */
  private headroomAt(i: number, mode: number): number {
    const u = this.usage;
    if (mode === MODE_TEST) return TEST_DATA_BYTES - u.testUsed.get(i);
    const limit = this.usageLimit.get(i) || Infinity;
    let room = limit - u.monthCarried.get(i);
    const plans = this.plans;
    if ((plans.flags[i]! & SINGLE_CARD_PLAN) !== 0) {
      room = Math.min(room, Math.max(0, plans.tierBytes[i]! - u.planUsed.get(i)) + u.addOnRemaining.get(i));
    } else {
      const pool = plans.pools[i];
      if (pool instanceof DataPool) room = Math.min(room, pool.remaining());
    }
    return room;
  }

  /** Bytes the card may carry before anything happens: a stop, or a usage rule's threshold. */
  private notableRoom(card: Card, mode: string): number {
    this.learnCards();
    return this.notableRoomAt(card.index, mode === 'test' ? MODE_TEST : MODE_ACTIVE);
  }

  private notableRoomAt(i: number, mode: number): number {
    const room = this.headroomAt(i, mode);
    const mark = mode === MODE_ACTIVE ? this.ruleThreshold.get(i) : 0;
    return mark > 0 ? Math.min(room, mark - this.usage.monthCarried.get(i)) : room;
  }

  /** The limit that `headroom` found reached: act on it now, at the session's time. */
  private limitReached(card: Card, mode: 'test' | 'active'): void {
    const at = this.world.now();
    const u = this.usage;
    const i = card.index;
    if (mode === 'test') {
      // L2: the test period ends as soon as its data is used up.
      this.send(card, { type: 'TEST_PERIOD_ENDED', at, reason: 'dataUsedUp' });
      return;
    }
    const limit = this.usageLimit.get(i) || Infinity;
    if (u.monthCarried.get(i) >= limit) {
      // L10: the month's traffic reached the suspension threshold.
      this.send(card, { type: 'SYSTEM_SUSPEND', at, cause: 'usageLimit' });
    }
    if (SINGLE_CARD.has(card.voucher.planType)) {
      const tier = card.voucher.tierBytes ?? 0;
      if (u.planUsed.get(i) >= tier && u.addOnRemaining.get(i) <= 0) {
        // L9, P3: a single-card plan stops when its data is used up.
        this.send(card, { type: 'SYSTEM_SUSPEND', at, cause: 'creditControl' });
      }
      return;
    }
    const pool = this.world.poolOf(card);
    if (pool instanceof DataPool && pool.remaining() <= 0) this.exhaustPool(pool);
  }

  // ---- pooled data plans (P2) --------------------------------------------------------------

  /** Something about a pool's cards changed, and they may send up to `moreBytes` more today. */
  private markPoolDirty(pool: DataPool, moreBytes = 0): void {
    // Before the first day's planning (cards bought and put into devices mid-day), bound the rest of
    // today by everything every card of the pool may still send.
    if (!this.poolMargin.has(pool)) {
      let upperBound = 0;
      for (const card of pool.cards) {
        this.inPoolBound.set(card.index, 1);
        upperBound += this.remainingTotal(card);
      }
      this.poolMargin.set(pool, pool.remaining() - upperBound);
      moreBytes = 0;
    }
    const margin = this.poolMargin.get(pool)! - moreBytes;
    this.poolMargin.set(pool, margin);
    if (margin >= 0 || this.dirtyPools.has(pool)) return;
    this.dirtyPools.add(pool);
    // Re-planned once at the end of this instant, however many of its cards changed in it.
    this.world.at(this.world.now(), { kind: 'poolReplan', pool: pool.id });
  }

  /** P2: when will the pool run dry today, if its cards go on as planned? */
  private planPool(pool: DataPool): void {
    const previous = this.poolTimers.get(pool);
    if (previous !== undefined) this.world.clock.cancel(previous);
    this.poolTimers.delete(pool);
    if (pool.exhausted) return;
    const remaining = pool.remaining();
    const carrying = pool.cards.filter((card) => this.mode(card) === 'active' && !this.inOutage(card));
    let expected = 0;
    for (const card of carrying) expected += this.remainingCarriable(card);
    if (expected < remaining) return;
    // Rare: expand every carrying card's day and find when their sessions, in time order, reach it.
    const crossing = this.poolCrossing;
    crossing.clear();
    const now = this.world.now();
    for (const card of carrying) {
      if (!this.expanded.has(card.index)) {
        const device = this.deviceOf(card);
        if (!device || !device.powered || this.dayTotal.get(card.index) === 0) continue;
        this.expand(card, device, 0);
        this.realizeTo(card, now);
      }
      const open = this.expanded.get(card.index)!;
      crossing.add(open.sessions, open.next, DIRECTIONAL.has(card.voucher.planType));
    }
    const offsetMs = crossing.crossingOffsetMs(remaining);
    crossing.clear();
    if (offsetMs < 0) return;
    const at = Math.max(now, this.dayStartMs + offsetMs);
    this.poolTimers.set(pool, this.world.at(at, { kind: 'poolCrossing', pool: pool.id, at }));
  }

  /** Every byte the card's device may still send today, whitelisted or not. */
  private remainingTotal(card: Card): number {
    const open = this.expanded.get(card.index);
    if (!open) return this.dayTotal.get(card.index);
    let sum = 0;
    for (let i = open.next; i < open.sessions.count; i++) sum += open.sessions.bytes[i]!;
    return sum;
  }

  private remainingCarriable(card: Card): number {
    const open = this.expanded.get(card.index);
    const directional = DIRECTIONAL.has(card.voucher.planType);
    if (!open) return directional ? this.dayWhite.get(card.index) : this.dayTotal.get(card.index);
    let sum = 0;
    for (let i = open.next; i < open.sessions.count; i++) {
      if (!directional || open.sessions.whitelisted[i] === 1) sum += open.sessions.bytes[i]!;
    }
    return sum;
  }

  /** P2: the pool is used up: every card of it is Suspended (credit control). */
  private exhaustPool(pool: DataPool): void {
    if (pool.exhausted) return;
    pool.exhausted = true;
    this.world.emit('pool.exhausted', pool.id, { sizeBytes: pool.size(), usedBytes: pool.monthUsed });
    for (const card of pool.cards) {
      if (this.mode(card) === 'active' || this.networkState(card).phase === 'active') {
        this.realizeTo(card, this.world.now());
        this.send(card, { type: 'SYSTEM_SUSPEND', at: this.world.now(), cause: 'creditControl' });
        this.plan(card);
      }
    }
  }

  // ---- card state --------------------------------------------------------------------------

  /** How the card carries traffic now: not at all, against its test data, or against its plan. */
  mode(card: Card): 'none' | 'test' | 'active' {
    const state = this.networkState(card);
    if (state.causes !== 0) return 'none';
    const phase = state.phase;
    return phase === 'test' ? 'test' : phase === 'active' ? 'active' : 'none';
  }

  /** M3: a smart card carries on the sub-card of its current network; others on themselves. */
  private networkState(card: Card): NetworkState {
    const known = this.network[card.index];
    if (known) return known;
    const state = this.readNetwork(card);
    this.network[card.index] = state;
    this.noteCarryCode(card, state);
    return state;
  }

  private noteCarryCode(card: Card, state: NetworkState): void {
    const phase = state.phase;
    const mode =
      state.causes !== 0
        ? MODE_NONE
        : phase === 'test'
          ? MODE_TEST
          : phase === 'active'
            ? MODE_ACTIVE
            : MODE_NONE;
    const device = this.deviceOf(card);
    const news = device !== undefined && this.deviceNews(card, state, device.imei);
    this.carryCode.set(card.index, mode | (news ? DEVICE_NEWS : 0) | (phase === 'silent' ? SILENT : 0));
  }

  /** Card i's profile slot for the day's planning, from its device as it is now. */
  private noteProfileSlot(i: number): void {
    const deviceIndex = this.cardDevice.get(i);
    const device = deviceIndex >= 0 ? this.devices[deviceIndex] : undefined;
    this.cardProfileSlot.set(i, device?.powered ? this.dayTotalsTable.slotOf(device.profile) : -1);
  }

  /** The card's carry code; the array must hold it (carryCode.ensure). */
  private carryCodeAt(i: number): number {
    const code = this.carryCode.array[i]!;
    if (code !== CODE_UNKNOWN) return code;
    this.networkState(this.world.cards[i]!);
    return this.carryCode.array[i]!;
  }

  private isDirectional(card: Card): boolean {
    return (this.learnCards().flags[card.index]! & DIRECTIONAL_PLAN) !== 0;
  }

  /** Plan facts of every card bought since the engine last looked. */
  private learnCards(): CardPlans {
    this.plans.learn(this.world.cards, (card) => this.world.poolOf(card));
    return this.plans;
  }

  private readNetwork(card: Card): NetworkState {
    const sub = card.subCards[card.networkIndex];
    const snapshot = (sub ? sub.actor : (card.actor as { getSnapshot(): CardSnapshot })).getSnapshot();
    const { causes, boundImei, lockedByImei } = snapshot.context;
    return { phase: phaseOf(snapshot), causes, boundImei, lockedByImei };
  }

  private networkCarrier(card: Card): NetworkCarrier | undefined {
    const sub = card.subCards[card.networkIndex];
    if (sub) return sub.carrier;
    return card.carrier === 'AL' ? undefined : card.carrier;
  }

  private outageToday(card: Card): boolean {
    const carrier = this.networkCarrier(card);
    return carrier !== undefined && (this.outageUntil.get(carrier) ?? 0) > this.dayStartMs;
  }

  private inOutage(card: Card): boolean {
    const carrier = this.networkCarrier(card);
    return carrier !== undefined && (this.outageUntil.get(carrier) ?? 0) > this.world.now();
  }

  private sendTraffic(card: Card, imei: string): void {
    const sub = card.subCards[card.networkIndex];
    this.world.sendToCard(
      card,
      { type: 'TRAFFIC', at: this.world.now(), imei },
      {
        by: 'world',
        ...(sub ? { subCards: [sub.carrier] } : {}),
      },
    );
  }

  private sendActivation(card: Card): void {
    const sub = card.subCards[card.networkIndex];
    this.world.sendToCard(
      card,
      { type: 'ACTIVATE', at: this.world.now(), activationType: 'first_data_record' },
      {
        by: 'world',
        ...(sub ? { subCards: [sub.carrier] } : {}),
      },
    );
  }

  private send(card: Card, event: Parameters<World['sendToCard']>[1]): void {
    const wasBusy = this.busy;
    this.busy = true;
    try {
      this.world.sendToCard(card, event, { by: 'system' });
    } finally {
      this.busy = wasBusy;
    }
  }
}
