// Automation rules (RULES.md C7): a name, a scope (a voucher, a tag, all cards), a trigger (usage,
// status change, plan expiry ahead) and an action (notify, or beyond the platform, suspend). Each
// firing is a trigger record of the rule and the card. A usage rule fires at most once per card per
// month, at the session that reaches its threshold (the traffic engine asks `usageThreshold`).
//
// Decisions: a usage rule's share is of the card's own monthly tier (single-card and same-tier
// plans); pooled data plans (UP, UPG) have no tier per card, so only amount rules apply to them.
// A plan-expiry rule fires once per card and plan end, at 00:00 of the first day within `daysAhead`
// days of the end. `suspend` suspends the card manually (L7), by the system.
import type { Card } from '../cards/card.ts';
import type { Refusal } from '../errors.ts';
import type { StatusView } from '../machines/status-view.ts';
import type { RuleSpec, RuleTrigger } from '../scenario/types-operations.ts';
import type { StatusRef } from '../scenario/types.ts';
import { DAY_MS, monthIndex } from '../time/calendar.ts';
import type { World } from '../world.ts';

export interface Rule extends RuleSpec {
  readonly id: number;
  readonly createdAt: number;
}

export interface TriggerRecord {
  readonly rule: string;
  readonly card: string;
  readonly t: number;
  readonly detail: string;
  readonly action: 'notify' | 'suspend';
  /** For suspend: whether the card could be suspended. */
  readonly acted: boolean;
}

export interface AutomationState {
  readonly rules: readonly Rule[];
  readonly nextId: number;
  readonly triggers: readonly TriggerRecord[];
  readonly firedThisMonth: readonly string[];
  readonly firedMonth: number;
  readonly expiryFired: readonly string[];
}

const NAME = /^[\p{L}\p{N} _-]{1,30}$/u;

export class AutomationRules {
  private readonly rules = new Map<string, Rule>();
  private nextId = 1;
  readonly triggers: TriggerRecord[] = [];
  /** Usage rules fired this month, as `rule\u0000iccid`. */
  private firedThisMonth = new Set<string>();
  private firedMonth = -1;
  /** Plan-expiry firings, as `rule\u0000iccid\u0000serviceEndsAt`. */
  private readonly expiryFired = new Set<string>();

  constructor(private readonly world: World) {}

  list(): Rule[] {
    return [...this.rules.values()];
  }

  get(nameOrId: string): Rule | undefined {
    return this.rules.get(nameOrId) ?? this.list().find((r) => String(r.id) === nameOrId);
  }

  add(spec: RuleSpec): Refusal | Rule {
    if (!NAME.test(spec.name)) {
      return {
        code: 'InvalidArgument',
        message: `rule name "${spec.name}": 1-30 letters, digits, spaces, _ or - (C7)`,
      };
    }
    if (this.rules.has(spec.name))
      return { code: 'InvalidArgument', message: `a rule named "${spec.name}" exists already` };
    const rule: Rule = { ...spec, id: this.nextId++, createdAt: this.world.now() };
    this.rules.set(rule.name, rule);
    this.world.emit('rule.added', rule.name, {
      id: rule.id,
      trigger: rule.trigger.type,
      action: rule.action,
    });
    if (rule.trigger.type === 'usage') this.refreshUsageThresholds();
    return rule;
  }

  remove(name: string): Refusal | null {
    if (!this.rules.delete(name)) return { code: 'InvalidArgument', message: `no rule named "${name}"` };
    this.world.emit('rule.removed', name, {});
    this.refreshUsageThresholds();
    return null;
  }

  hasUsageRules(): boolean {
    for (const rule of this.rules.values()) if (rule.trigger.type === 'usage') return true;
    return false;
  }

  /** A card's tags changed: its usage rules may be others now. */
  cardChanged(card: Card): void {
    if (this.hasUsageRules()) this.refreshUsageThresholds([card]);
  }

  triggersOf(name: string): TriggerRecord[] {
    return this.triggers.filter((t) => t.rule === name);
  }

  inScope(rule: Rule, card: Card): boolean {
    const scope = rule.scope;
    if (scope.kind === 'all') return true;
    if (scope.kind === 'tag') return card.tags.includes(scope.tag);
    return scope.voucher.code === card.voucher.code;
  }

  /** The month's usage, bytes, at which the next usage rule not yet fired this month fires; Infinity for none. */
  usageThreshold(card: Card): number {
    this.rollMonth();
    let threshold = Infinity;
    for (const rule of this.rules.values()) {
      if (rule.trigger.type !== 'usage' || this.firedThisMonth.has(`${rule.name}\u0000${card.iccid}`))
        continue;
      if (!this.inScope(rule, card)) continue;
      const bytes = this.ruleBytes(rule.trigger, card);
      if (bytes !== undefined) threshold = Math.min(threshold, bytes);
    }
    return threshold;
  }

  /** The traffic engine: the card's month usage reached a usage rule's threshold. */
  usageReached(card: Card, monthBytes: number): void {
    this.rollMonth();
    for (const rule of this.rules.values()) {
      if (rule.trigger.type !== 'usage' || !this.inScope(rule, card)) continue;
      const key = `${rule.name}\u0000${card.iccid}`;
      const bytes = this.ruleBytes(rule.trigger, card);
      if (bytes === undefined || monthBytes < bytes || this.firedThisMonth.has(key)) continue;
      this.firedThisMonth.add(key);
      this.fire(rule, card, `month usage reached ${Math.round((bytes / 1_048_576) * 100) / 100} MB`);
    }
  }

  /** The world: a main card's status changed. */
  statusChanged(card: Card, from: StatusView, to: StatusView): void {
    // Called on every status change of every card: no iterator when there are no rules.
    if (this.rules.size === 0) return;
    for (const rule of this.rules.values()) {
      const trigger = rule.trigger;
      if (trigger.type !== 'statusChange' || !this.inScope(rule, card)) continue;
      if (trigger.to && !matches(trigger.to, to)) continue;
      if (trigger.from && !matches(trigger.from, from)) continue;
      this.fire(rule, card, `${from.specificStatus} -> ${to.specificStatus}`);
    }
  }

  /** 00:00 each day: plan-expiry rules. */
  dayStarted(): void {
    const expiryRules = this.list().filter((r) => r.trigger.type === 'planExpiry');
    if (expiryRules.length === 0) return;
    const now = this.world.now();
    for (const card of this.world.cards) {
      const endsAt = card.serviceEndsAt;
      if (endsAt === null || endsAt <= now || card.autoRenew) continue;
      for (const rule of expiryRules) {
        const daysAhead = (rule.trigger as Extract<RuleTrigger, { type: 'planExpiry' }>).daysAhead;
        if (endsAt - now > daysAhead * DAY_MS || !this.inScope(rule, card)) continue;
        const key = `${rule.name}\u0000${card.iccid}\u0000${endsAt}`;
        if (this.expiryFired.has(key)) continue;
        this.expiryFired.add(key);
        this.fire(rule, card, `plan ends in ${Math.ceil((endsAt - now) / DAY_MS)} day(s)`);
      }
    }
  }

  /** Tags or rules changed: every card's next usage threshold may have moved. */
  refreshUsageThresholds(cards: readonly Card[] = this.world.cards): void {
    for (const card of cards) this.world.traffic.setRuleThreshold(card, this.usageThreshold(card));
  }

  private fire(rule: Rule, card: Card, detail: string): void {
    let acted = true;
    if (rule.action === 'suspend') {
      acted =
        this.world.sendToCard(card, { type: 'SUSPEND', at: this.world.now() }, { by: 'system' }) === null;
    }
    this.triggers.push({
      rule: rule.name,
      card: card.iccid,
      t: this.world.now(),
      detail,
      action: rule.action,
      acted,
    });
    this.world.record(
      card,
      'system',
      `Automation rule "${rule.name}"`,
      `${detail}; ${rule.action}${acted ? '' : ' (not possible now)'}`,
    );
    this.world.emit('rule.triggered', card.iccid, { rule: rule.name, action: rule.action, acted, detail });
  }

  private ruleBytes(trigger: Extract<RuleTrigger, { type: 'usage' }>, card: Card): number | undefined {
    if (trigger.bytes !== undefined) return trigger.bytes;
    const tier = card.voucher.tierBytes;
    return trigger.share !== undefined && tier !== undefined ? Math.ceil(trigger.share * tier) : undefined;
  }

  /** The rules, their trigger records and what fired already (for snapshots; rules and records are immutable). */
  save(): AutomationState {
    return {
      rules: [...this.rules.values()],
      nextId: this.nextId,
      triggers: this.triggers.slice(),
      firedThisMonth: [...this.firedThisMonth],
      firedMonth: this.firedMonth,
      expiryFired: [...this.expiryFired],
    };
  }

  restore(state: AutomationState): void {
    this.rules.clear();
    for (const rule of state.rules) this.rules.set(rule.name, rule);
    this.nextId = state.nextId;
    this.triggers.length = 0;
    for (const record of state.triggers) this.triggers.push(record);
    this.firedThisMonth = new Set(state.firedThisMonth);
    this.firedMonth = state.firedMonth;
    this.expiryFired.clear();
    for (const key of state.expiryFired) this.expiryFired.add(key);
  }

  private rollMonth(): void {
    const month = monthIndex(this.world.now());
    if (month === this.firedMonth) return;
    this.firedMonth = month;
    this.firedThisMonth = new Set();
  }
}

function matches(ref: StatusRef, view: StatusView): boolean {
  return ref.level === 'status' ? view.status === ref.status : view.specificStatus === ref.specific;
}
