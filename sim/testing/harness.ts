// A small harness for tests of the world: buy cards, move the clock by dates, send events as users.
import type { Refusal } from '../errors.ts';
import type { CardEvent } from '../machines/card-events.ts';
import { parseVoucher } from '../plans/voucher.ts';
import type { Actor as Who } from '../record/event.ts';
import { formatDateTime, parseDateTime } from '../time/calendar.ts';
import { World } from '../world.ts';
import type { Card } from '../cards/card.ts';
import type { FleetEntry } from '../cards/fleet.ts';
import { makeProfile, type DeviceProfileInput } from '../devices/profiles.ts';

export const MB = 1_048_576;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type EventWithoutTime = DistributiveOmit<CardEvent, 'at'>;

export class Harness {
  readonly world: World;

  constructor(start: string, seed = 1) {
    this.world = new World({ name: 'test', seed, start: parseDateTime(start) });
  }

  buy(
    voucher: string,
    options: Partial<Omit<FleetEntry, 'voucher' | 'orderedAt'>> & { ordered?: string } = {},
  ): Card[] {
    const { ordered, ...rest } = options;
    return this.world.buy({
      group: 'g',
      count: 1,
      ...rest,
      voucher: parseVoucher(voucher),
      ...(ordered ? { orderedAt: parseDateTime(ordered) } : {}),
    });
  }

  one(voucher: string, options: Parameters<Harness['buy']>[1] = {}): Card {
    return this.buy(voucher, options)[0]!;
  }

  /** Move the clock to a Beijing date or date-time, running everything due by then. */
  at(when: string): this {
    this.world.runUntil(parseDateTime(when));
    return this;
  }

  send(card: Card, event: EventWithoutTime, by: Who = 'user', subCards?: string[]): Refusal | null {
    return this.world.sendToCard(card, { ...event, at: this.world.now() } as CardEvent, {
      by,
      ...(subCards ? { subCards } : {}),
    });
  }

  /** Send and insist it was taken. */
  ok(card: Card, event: EventWithoutTime, by: Who = 'user', subCards?: string[]): void {
    const refusal = this.send(card, event, by, subCards);
    if (refusal) throw new Error(`${event.type} refused: ${refusal.code}: ${refusal.message}`);
  }

  /** The sim time of the last status change of a card to a specific status, as Beijing text. */
  whenBecame(card: Card, specificStatus: string): string | undefined {
    const record = [...card.records].reverse().find((r) => r.to === specificStatus);
    return record ? formatDateTime(record.t) : undefined;
  }

  /** Put a card into a new device with a built-in profile, or one made from the given numbers. */
  device(card: Card, profile: string | DeviceProfileInput = 'camera'): void {
    const made =
      typeof profile === 'string' ? this.world.devices.profile(profile) : makeProfile('custom', profile);
    if (!made) throw new Error(`no profile ${String(profile)}`);
    this.world.devices.insert(card, made);
  }

  /** One session now of `mb` MB; returns the MB carried. */
  offer(card: Card, mb: number, whitelisted = true): number {
    return this.world.traffic.offerNow(card, Math.round(mb * MB), whitelisted) / MB;
  }

  /** Live usage this month, MB. */
  usedMB(card: Card): number {
    return this.world.traffic.liveMonthCarried(card) / MB;
  }

  refusedMB(card: Card): number {
    return this.world.traffic.usage.monthRefused.get(card.index) / MB;
  }

  nowText(): string {
    return formatDateTime(this.world.now());
  }
}

export const time = (text: string): number => parseDateTime(text);
