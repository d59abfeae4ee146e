// The world: one simulated clock, one seed, one event log, and the cards that live on them.
// Every change of a card goes through `sendToCard`, which asks the card's machine, applies, and
// emits what changed (S2) with an operation record (C9).
import { createActor, type Actor, type AnyActorRef } from 'xstate';
import type { Observable } from 'rxjs';
import type { Refusal } from './errors.ts';
import { NETWORK_CARRIERS, type NetworkCarrier } from './ids/carrier.ts';
import { IdentityFactory } from './ids/identities.ts';
import type { CardEvent, SystemCause } from './machines/card-events.ts';
import { cardMachine, type CardMachine } from './machines/card-machine.ts';
import { explainRefusal } from './machines/refusal.ts';
import { smartCardMachine, type SubCardIdentity } from './machines/smart-card.ts';
import { cardStatusView, type StatusView } from './machines/status-view.ts';
import { voucherPeriodMonths } from './plans/voucher.ts';
import type { CanonicalValue } from './record/canonical.ts';
import type { Actor as Who, SimEvent } from './record/event.ts';
import { reusablePayload } from './record/event-bytes.ts';
import { EventLog, type EventLogState } from './record/event-log.ts';
import { Randomness } from './random.ts';
import { formatMonth, monthIndex, startOfNextMonth } from './time/calendar.ts';
import { forcedActivationAt, testPeriodEnd } from './time/rule-dates.ts';
import { Phase, Scheduler, type TimerId } from './time/scheduler.ts';
import { taskRunner, type Task, type WorldTask } from './snapshot/tasks.ts';
import { buyFleetEntry, insertDevices } from './ops/buy.ts';
import {
  computeView,
  hasCause,
  machinesOf,
  primarySnapshot,
  subCardOf,
  type Card,
  type SubCard,
} from './cards/card.ts';
import { actionOf, causeOf } from './cards/describe-event.ts';
import { defaultPeriods, type FleetEntry } from './cards/fleet.ts';
import { LifecycleTimers } from './cards/lifecycle-timers.ts';
import { createCardRoot } from './cards/card-system.ts';
import { HeldCauses } from './cards/held-causes.ts';
import { cardPrototype, OperationRecords } from './cards/operation-records.ts';
import { runKeyOf } from './devices/counter-rng.ts';
import { FleetDevices } from './devices/fleet-devices.ts';
import { Billing } from './ledger/billing.ts';
import { TopUpOrders } from './plans/top-up.ts';
import { AutomationRules } from './rules/automation.ts';
import { Carriers } from './ops/carrier-behaviour.ts';
import { ExportedFiles } from './exports/exported-files.ts';
import type { ExportSink } from './exports/export-job.ts';
import { MemorySink } from './exports/memory-sink.ts';
import { PendingOperations } from './ops/perform.ts';
import { TwinError } from './errors.ts';
import { TrafficEngine } from './traffic/engine.ts';
import { DataPool, SameTierPool, type Pool } from './traffic/pools.ts';

export interface WorldOptions {
  readonly name: string;
  readonly seed: number;
  readonly start: number;
  /** Where exported files are written: memory by default; a folder in cli/ and server/. */
  readonly exportSink?: ExportSink;
}

export interface SendOptions {
  readonly by: Who;
  /** Smart cards: the sub-cards to act on (carrier or MSISDN); default all (M3). */
  readonly subCards?: readonly string[];
}

/** A main card's status change as its event carries it (S2). */
type StatusChangePayload = Readonly<{
  from: string;
  to: string;
  fromStatus: string;
  status: string;
  cause: string;
  by: Who;
  pendingCancellation: boolean;
}>;

/** Per kind of change: not pending cancellation, then pending. */
type PayloadPair = [StatusChangePayload | undefined, StatusChangePayload | undefined];

/** The map under `key`, made if missing. */
function branch<Value>(map: Map<string, Map<string, Value>>, key: string): Map<string, Value> {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = new Map()));
  return value;
}

export class World {
  readonly name: string;
  /** The seed the world draws from now (a fork goes on with another: `reseed`). */
  seed: number;
  readonly clock: Scheduler<Task>;
  readonly random: Randomness;
  readonly ids: IdentityFactory;
  readonly cards: Card[] = [];
  readonly groups = new Map<string, Card[]>();
  private readonly byIccid = new Map<string, Card>();
  private readonly byMsisdn = new Map<string, Card>();
  private readonly log = new EventLog();
  private statusChanges = 0;
  /** Status-change payloads by from, to, cause, who, then pending cancellation (statusPayload). */
  private readonly statusPayloads = new Map<string, Map<string, Map<string, Map<string, PayloadPair>>>>();
  /** The parent of every card actor: one XState system for all of them (sim/cards/card-system.ts). */
  readonly cardRoot: AnyActorRef;
  readonly timers: LifecycleTimers;
  readonly traffic: TrafficEngine;
  readonly devices: FleetDevices;
  readonly billing: Billing;
  readonly orders: TopUpOrders;
  readonly rules: AutomationRules;
  readonly carriers: Carriers;
  readonly pendingOperations: PendingOperations;
  /** C8: export jobs and the files they made (Exported Files). */
  readonly exportedFiles: ExportedFiles;
  /** C3: the tag catalogue: tags defined, attached or not. */
  readonly tagCatalogue = new Set<string>();
  /** C6: usage-limit settings of whole vouchers, by voucher code (a card's own setting wins). */
  readonly voucherUsageLimits = new Map<string, { bytes: number; autoRestore: boolean }>();
  /** Pools by ID: same-tier pools by voucher code (P1), pooled data plans by pool ID (P2). */
  readonly pools = new Map<string, Pool>();
  private readonly dayClosedListeners: ((world: World) => void)[] = [];
  /** The causes each card's machines hold, kept after every event: where the monthly rollover looks. */
  readonly heldCauses = new HeldCauses();
  /** C9: every card's operation records, as columns; `card.records` reads them. */
  readonly operationRecords = new OperationRecords();
  /** What every card of this world is made from: its `records` read the columns above. */
  private readonly cardPrototype = cardPrototype(this.operationRecords);

  constructor(options: WorldOptions) {
    this.name = options.name;
    this.seed = options.seed;
    this.clock = new Scheduler<Task>(options.start);
    this.cardRoot = createCardRoot(this.clock);
    this.random = new Randomness(options.seed);
    this.ids = new IdentityFactory(this.random);
    this.timers = new LifecycleTimers(this);
    this.emit('run.started', 'run', { name: options.name, seed: options.seed });
    this.traffic = new TrafficEngine(this, runKeyOf(options.seed));
    this.devices = new FleetDevices(this);
    this.billing = new Billing(this);
    this.orders = new TopUpOrders(this);
    this.rules = new AutomationRules(this);
    this.carriers = new Carriers(this);
    this.pendingOperations = new PendingOperations(this);
    this.exportedFiles = new ExportedFiles(options.exportSink ?? new MemorySink());
    this.scheduleMonthStart();
  }

  /**
   * A fork (server/live-run.ts): from now on the world draws from another seed, every random stream
   * and every device's traffic. What happened so far stays; the event says so, so the hash parts.
   */
  reseed(seed: number): void {
    this.seed = seed;
    this.random.reseed(seed);
    this.traffic.reseed(runKeyOf(seed));
    this.emit('run.reseeded', 'run', { seed });
  }

  /** Every event of the world as it happens. */
  get events$(): Observable<SimEvent> {
    return this.log.events$;
  }

  /**
   * `card.status` events this World object emitted (a restored world starts again at 0): what the
   * benchmark counts, without subscribing to every event to count them.
   */
  get statusChangeCount(): number {
    return this.statusChanges;
  }

  get eventCount(): number {
    return this.log.count;
  }

  now(): number {
    return this.clock.now();
  }

  /** The run hash so far (hex): same scenario, seed and inputs give the same hash. */
  hash(): string {
    return this.log.hashHex();
  }

  /**
   * Called at 24:00 each day right after the day is settled: the moment a snapshot can be taken
   * (sim/snapshot). Returns a function that stops the calls.
   */
  onDayClosed(listener: (world: World) => void): () => void {
    this.dayClosedListeners.push(listener);
    return () => {
      const i = this.dayClosedListeners.indexOf(listener);
      if (i >= 0) this.dayClosedListeners.splice(i, 1);
    };
  }

  /** The traffic engine's word that a day was settled. */
  dayClosed(): void {
    for (const listener of this.dayClosedListeners.slice()) listener(this);
  }

  /** A card object of this world (its `records` read the world's columns), with these fields. */
  newCard(fields: Omit<Card, 'records'>): Card {
    return Object.assign(Object.create(this.cardPrototype) as Card, fields);
  }

  /** For snapshots: the event log's numbering and hash. */
  saveLog(): EventLogState {
    return this.log.save();
  }

  /**
   * For restoring a snapshot (sim/snapshot): the log continues from the saved state, and the cards
   * come back in index order with their lookups and groups.
   */
  restoreLogAndCards(log: EventLogState, cards: readonly Card[], groups: readonly string[]): void {
    this.log.restore(log);
    this.cards.length = 0;
    for (const card of cards) this.cards.push(card);
    this.byIccid.clear();
    this.byMsisdn.clear();
    this.groups.clear();
    for (const name of groups) this.groups.set(name, []);
    for (const card of cards) {
      this.byIccid.set(card.iccid, card);
      if (card.msisdn) this.byMsisdn.set(card.msisdn, card);
      for (const sub of card.subCards) {
        this.byIccid.set(sub.iccid, card);
        this.byMsisdn.set(sub.msisdn, card);
      }
      const group = this.groups.get(card.group);
      if (!group)
        throw new RangeError(`card ${card.iccid} names group ${card.group}, which the snapshot lacks`);
      group.push(card);
      this.heldCauses.note(card);
    }
  }

  /** Set a timer: the task says what it does (sim/snapshot/tasks.ts), so snapshots can keep it. */
  at(time: number, task: Task, phase: Phase = Phase.lifecycle): TimerId {
    return this.clock.schedule(time, taskRunner(this, task), phase, task);
  }

  /** The world's own timers (see WorldTask). */
  runTask(task: WorldTask): void {
    if (task.kind === 'monthStart') this.startMonth(task.closing);
    else if (task.kind === 'fleetBuy') buyFleetEntry(this, task.entry);
    else insertDevices(this, this.cards.slice(task.first, task.first + task.count), task.profile);
  }

  /** Run every clock event due at or before t, then stand at t. */
  runUntil(t: number): void {
    this.clock.runUntil(t);
  }

  emit(type: string, subject: string, payload: CanonicalValue): SimEvent {
    return this.log.append(this.clock.now(), type, subject, payload);
  }

  /** A card by ICCID, or by the MSISDN of the card or of one of its sub-cards. */
  findCard(ref: string): Card | undefined {
    return this.byIccid.get(ref) ?? this.byMsisdn.get(ref);
  }

  /** P2: a pooled data plan's pool, bought with a size (and optionally data per activated card). */
  addPool(id: string, sizeBytes: number, perCardBytes = 0): DataPool {
    if (this.pools.has(id)) throw new TwinError('InvalidArgument', `pool ${id} exists already`);
    const pool = new DataPool(id, sizeBytes, perCardBytes);
    this.pools.set(id, pool);
    this.emit('pool.created', id, { sizeBytes, perCardBytes });
    return pool;
  }

  /** P2: a pooled data plan's pool grows now; a pool that had run dry lets its cards carry again. */
  expandPool(pool: DataPool, addedBytes: number, by: Who): void {
    for (const card of pool.cards) this.traffic.beforeCardChange(card);
    pool.boughtBytes += addedBytes;
    this.traffic.poolGrew(pool, addedBytes);
    this.billing.onPoolExpanded(pool, addedBytes);
    this.emit('pool.expanded', pool.id, { addedBytes, sizeBytes: pool.size(), by });
    if (pool.exhausted && pool.remaining() > 0) this.liftPoolCreditControl(pool);
    for (const card of pool.cards) this.traffic.afterCardChange(card);
  }

  /** P2: the pool has data again: every card of it that it had stopped carries again. */
  private liftPoolCreditControl(pool: DataPool): void {
    pool.exhausted = false;
    this.emit('pool.refilled', pool.id, { sizeBytes: pool.size(), usedBytes: pool.monthUsed });
    for (const card of pool.cards) this.liftIfHeld(card, 'creditControl');
  }

  /** Lift a system cause from a card that holds it (by the system); nothing if it does not. */
  liftIfHeld(card: Card, cause: SystemCause): void {
    if (hasCause(card, cause))
      this.sendToCard(card, { type: 'SYSTEM_LIFT', at: this.now(), cause }, { by: 'system' });
  }

  /** The pool a card draws on, if its plan is a pool plan. */
  poolOf(card: Card): Pool | undefined {
    const { planType, poolId, code } = card.voucher;
    if (planType === 'UP' || planType === 'UPG') return this.pools.get(poolId!);
    if (planType === 'SF' || planType === 'SFD') return this.pools.get(code);
    return undefined;
  }

  /** Buy the cards of a fleet entry now (L1: each starts in Silent period). */
  buy(entry: FleetEntry, by: Who = 'user'): Card[] {
    const { voucher } = entry;
    if ((voucher.planType === 'UP' || voucher.planType === 'UPG') && !this.pools.has(voucher.poolId!)) {
      throw new TwinError(
        'InvalidArgument',
        `voucher ${voucher.code} names pool ${voucher.poolId}, which was not bought`,
      );
    }
    if ((voucher.planType === 'SF' || voucher.planType === 'SFD') && !this.pools.has(voucher.code)) {
      this.pools.set(voucher.code, new SameTierPool(voucher.code, voucher.tierBytes ?? 0));
    }
    const orderedAt = entry.orderedAt ?? this.now();
    const months = voucherPeriodMonths(entry.voucher, entry.periods ?? defaultPeriods(entry.voucher));
    const group = this.groups.get(entry.group) ?? [];
    this.groups.set(entry.group, group);
    const bought: Card[] = [];
    for (let i = 0; i < entry.count; i++) {
      const card = this.createCard(entry, orderedAt, months, group.length, by);
      group.push(card);
      this.poolOf(card)?.cards.push(card);
      bought.push(card);
    }
    this.timers.afterPurchase(bought, testPeriodEnd(orderedAt), forcedActivationAt(orderedAt));
    this.billing.onBought(bought, entry.periods ?? defaultPeriods(entry.voucher));
    return bought;
  }

  /**
   * Give a card's machine(s) an event. Refused when no targeted machine takes it (nothing changes);
   * otherwise every machine that takes it moves, and each status change becomes an event and a record.
   */
  sendToCard(card: Card, event: CardEvent, options: SendOptions): Refusal | null {
    const targets = machinesOf(card, options.subCards);
    if (targets.length === 0) {
      return {
        code: 'InvalidArgument',
        message: `card ${card.iccid} has no sub-card ${options.subCards?.join(', ')}`,
      };
    }
    // From inside the traffic engine (a limit reached, a pool run dry), nothing is realized before a
    // change, so the machines need not be asked first (snapshot.can, a fifth of a send): each one that
    // takes the event gives a new snapshot. From anywhere else, the card's traffic so far is carried
    // under its old state first, and only if some machine will take the event; when it has none due
    // (at 00:00, for one), there is nothing to carry and nothing to ask.
    const askFirst = this.traffic.hasTrafficDue(card);
    // A machine that reached its end (Canceled) takes nothing; it is not sent the event either, which
    // XState's development build would warn about.
    const accepting = askFirst
      ? targets.filter((actor) => actor.getSnapshot().can(event))
      : targets.filter((actor) => actor.getSnapshot().status === 'active');
    if (accepting.length === 0) return explainRefusal(targets[0]!.getSnapshot(), event);
    if (askFirst) this.traffic.beforeCardChange(card);
    const before = primarySnapshot(card).context;
    let cause = '';
    let took = false;
    for (const actor of accepting) {
      const taken = this.apply(card, actor, event, options.by);
      if (taken === null) continue;
      cause = taken;
      took = true;
    }
    if (!took) {
      // Carrying the card's traffic up to now changed it so that no machine takes the event any more:
      // refused, but the rest of its day is planned under its state now.
      if (askFirst) this.traffic.afterCardChange(card);
      return explainRefusal(targets[0]!.getSnapshot(), event);
    }
    this.heldCauses.note(card);
    // The main card changes once per event, after all its sub-cards moved (M2).
    const previous = card.view;
    card.view = computeView(card);
    this.noteChange(card, card.iccid, previous, card.view, cause, options.by, actionOf(event));
    const pool = this.poolOf(card);
    pool?.noteStatus(previous, card.view);
    // P2: a card added to a pool that ran dry may bring data to it; then its cards carry again.
    if (pool instanceof DataPool && pool.exhausted && pool.remaining() > 0) this.liftPoolCreditControl(pool);
    if (previous.specificStatus !== card.view.specificStatus)
      this.rules.statusChanged(card, previous, card.view);
    this.timers.afterChange(card, before, event);
    this.traffic.afterCardChange(card);
    return null;
  }

  /** T2, L15: more service months (bought and paid through sim/plans/top-up.ts); a Deactivated card is In use again. */
  renew(card: Card, months: number, by: Who): Refusal | null {
    if (card.view.status === 'Deactivated') {
      card.monthsBought += months;
      const refusal = this.sendToCard(card, { type: 'RENEW', at: this.now() }, { by });
      if (refusal) card.monthsBought -= months;
      return refusal;
    }
    if (card.view.status === 'Canceled')
      return { code: 'CardCanceled', message: `card ${card.iccid} is canceled and refuses every operation` };
    this.timers.addMonths(card, months);
    this.record(card, by, 'Renewed', `${months} month(s)`);
    return null;
  }

  /** Whether sendToCard would refuse the event now; changes nothing. */
  wouldRefuse(card: Card, event: CardEvent, subCards?: readonly string[]): Refusal | null {
    const targets = machinesOf(card, subCards);
    if (targets.length === 0) {
      return {
        code: 'InvalidArgument',
        message: `card ${card.iccid} has no sub-card ${subCards?.join(', ')}`,
      };
    }
    if (targets.some((actor) => actor.getSnapshot().can(event))) return null;
    return explainRefusal(targets[0]!.getSnapshot(), event);
  }

  /** Smart cards: the sub-card whose network carries traffic now (M3). */
  currentNetwork(card: Card): SubCard | undefined {
    return card.subCards[card.networkIndex];
  }

  /**
   * One machine is given the event; a sub-card's own change is emitted here. Returns the cause, or
   * null if the machine did not take it (its snapshot stayed the same: every transition of the card
   * machine assigns or moves, so a taken event always gives a new one).
   */
  private apply(card: Card, actor: Actor<CardMachine>, event: CardEvent, by: Who): string | null {
    const sub = card.subCards.length > 0 ? card.subCards.find((s) => s.actor === actor) : undefined;
    const previousSnapshot = actor.getSnapshot();
    const wasBound = previousSnapshot.context.boundImei;
    actor.send(event);
    const snapshot = actor.getSnapshot();
    if (snapshot === previousSnapshot) return null;
    const deviceChanged =
      event.type === 'TRAFFIC' && wasBound !== null && snapshot.context.lockedByImei === event.imei;
    const cause = causeOf(event, deviceChanged);
    if (event.type === 'TRAFFIC' && wasBound === null && snapshot.context.boundImei === event.imei) {
      this.record(card, by, 'Bound to device', `IMEI ${event.imei}`);
    }
    if (sub) {
      const previous = sub.view;
      sub.view = cardStatusView(snapshot);
      this.noteChange(card, sub.iccid, previous, sub.view, cause, by, actionOf(event), sub.carrier);
    }
    return cause;
  }

  private noteChange(
    card: Card,
    subject: string,
    from: StatusView,
    to: StatusView,
    cause: string,
    by: Who,
    action: string,
    subCard?: NetworkCarrier,
  ): void {
    const changed =
      from.specificStatus !== to.specificStatus || from.pendingCancellation !== to.pendingCancellation;
    if (!changed) return;
    // S2: the old and new values, the cause and who caused it. Two literals rather than a spread
    // first: in Node 20's V8, `{ ...maybe, more }` is slow (about a microsecond) and gives each object
    // a hidden class of its own. Same fields, same order as before. A main card's payload names no
    // card, so one frozen object serves every change alike (statusPayload).
    const payload = subCard
      ? {
          card: card.iccid,
          subCard,
          from: from.specificStatus,
          to: to.specificStatus,
          fromStatus: from.status,
          status: to.status,
          cause,
          by,
          pendingCancellation: to.pendingCancellation,
        }
      : this.statusPayload(from, to, cause, by);
    this.statusChanges++;
    this.emit('card.status', subject, payload);
    if (!subCard) this.record(card, by, action, undefined, from.specificStatus, to.specificStatus);
  }

  /** A main card's status-change payload, one frozen object per kind of change (reusablePayload). */
  private statusPayload(from: StatusView, to: StatusView, cause: string, by: Who): StatusChangePayload {
    // Looked up field by field: the texts are a few constants whose hashes V8 keeps, where one key
    // built from them was a new string to hash on every change (half the cost of the event).
    const byCause = branch(
      branch(branch(this.statusPayloads, from.specificStatus), to.specificStatus),
      cause,
    );
    let pair = byCause.get(by);
    if (pair === undefined) byCause.set(by, (pair = [undefined, undefined]));
    const slot = to.pendingCancellation ? 1 : 0;
    return (pair[slot] ??= reusablePayload({
      from: from.specificStatus,
      to: to.specificStatus,
      fromStatus: from.status,
      status: to.status,
      cause,
      by,
      pendingCancellation: to.pendingCancellation,
    }));
  }

  /** C9: add a line to a card's operation records. */
  record(card: Card, by: Who, action: string, detail?: string, from?: string, to?: string): void {
    this.operationRecords.append(card.index, this.now(), by, action, detail, from, to);
  }

  private createCard(
    entry: FleetEntry,
    orderedAt: number,
    months: number,
    groupIndex: number,
    by: Who,
  ): Card {
    const { voucher } = entry;
    const carrier = voucher.carrier;
    const iccid = this.ids.iccid(carrier);
    const input = {
      iccid,
      planType: voucher.planType,
      orderedAt,
      testPeriodEndsAt: testPeriodEnd(orderedAt),
      idVerification: entry.idVerification ?? false,
    };
    let actor: Card['actor'];
    let subCards: SubCard[] = [];
    let msisdn: string | null = null;
    let imsi: string | null = null;
    if (carrier === 'AL') {
      const identities: SubCardIdentity[] = NETWORK_CARRIERS.map((network) => ({
        carrier: network,
        iccid: this.ids.iccid(network),
        msisdn: this.ids.msisdn(network),
        imsi: this.ids.imsi(network),
      }));
      const smart = createActor(smartCardMachine, {
        input: {
          iccid: input.iccid,
          planType: input.planType,
          orderedAt: input.orderedAt,
          testPeriodEndsAt: input.testPeriodEndsAt,
          idVerification: input.idVerification,
          subCards: identities,
        },
        clock: this.clock,
        parent: this.cardRoot,
      });
      smart.start();
      actor = smart;
      subCards = identities.map((identity) => subCardOf(smart, identity));
    } else {
      msisdn = this.ids.msisdn(carrier);
      imsi = this.ids.imsi(carrier);
      actor = createActor(cardMachine, { input, clock: this.clock, parent: this.cardRoot });
      actor.start();
    }
    const fields: Omit<Card, 'records'> = {
      iccid,
      index: this.cards.length,
      group: entry.group,
      groupIndex,
      voucher,
      carrier,
      msisdn,
      imsi,
      orderedAt,
      idVerification: input.idVerification,
      monthsBought: months,
      serviceEndsAt: null,
      initialServiceEndsAt: null,
      autoRenew: entry.autoRenew ?? false,
      activateOnFirstTraffic: entry.activateOnFirstTraffic ?? false,
      usageLimitAutoRestore: true,
      usageLimitBytes: null,
      tags: [],
      remark: '',
      actor,
      subCards,
      // M3: the network a smart card's device starts on, chosen by coverage (seeded).
      networkIndex: subCards.length ? this.random.stream('coverage').int(0, subCards.length - 1) : 0,
      view: undefined as unknown as StatusView,
    };
    // A literal first, then its prototype: the card keeps fast in-object fields and one hidden class
    // for the whole world (built on an empty object from Object.create, it fell into dictionary mode).
    const card = Object.setPrototypeOf(fields, this.cardPrototype) as Card;
    card.view = computeView(card);
    this.cards.push(card);
    this.byIccid.set(iccid, card);
    if (msisdn) this.byMsisdn.set(msisdn, card);
    for (const sub of subCards) {
      this.byIccid.set(sub.iccid, card);
      this.byMsisdn.set(sub.msisdn, card);
    }
    this.emit('card.created', iccid, {
      group: entry.group,
      voucher: voucher.code,
      carrier,
      orderedAt,
      msisdn,
      subCards: subCards.map((s) => ({ carrier: s.carrier, iccid: s.iccid, msisdn: s.msisdn })),
    });
    // L1: the records start with the account creation at T0.
    this.operationRecords.append(
      card.index,
      orderedAt,
      by,
      'Account created',
      undefined,
      undefined,
      card.view.specificStatus,
    );
    return card;
  }

  // The monthly rollover happens at 00:00 on the 1st (RULES.md L9, L10, F2), for all cards in one
  // pass, after the last day is settled and the lifecycle timers due at that moment have run.
  private scheduleMonthStart(): void {
    const at = startOfNextMonth(this.clock.now());
    this.at(at, { kind: 'monthStart', closing: monthIndex(this.clock.now()) }, Phase.rollover);
  }

  private startMonth(closing: number): void {
    this.emit('month.started', 'clock', { month: formatMonth(this.now()) });
    this.billing.closeMonth();
    this.traffic.monthRollover(closing);
    this.timers.monthlyRollover();
    this.billing.openMonth();
    this.scheduleMonthStart();
  }
}
