// C6: a monthly usage-limit threshold, for one card or for a whole voucher (a card's own setting
// wins), with automatic restore on the 1st on or off (L10). A threshold the month has already
// reached suspends the card at once (decision: it is reached). Removing or raising a threshold does
// not resume a card already suspended for it: resume does, or the 1st (L10).
import type { Card } from '../cards/card.ts';
import type { Refusal } from '../errors.ts';
import type { Actor as Who } from '../record/event.ts';
import type { World } from '../world.ts';
import type { CardOperation, WorldOperation } from './types.ts';

export interface UsageLimitSetting {
  readonly bytes: number;
  readonly autoRestore: boolean;
  readonly source: 'card' | 'voucher';
}

/** The setting in force for a card: its own, else its voucher's, else none. */
export function effectiveUsageLimit(world: World, card: Card): UsageLimitSetting | null {
  if (card.usageLimitBytes !== null) {
    return { bytes: card.usageLimitBytes, autoRestore: card.usageLimitAutoRestore, source: 'card' };
  }
  const voucher = world.voucherUsageLimits.get(card.voucher.code);
  return voucher ? { ...voucher, source: 'voucher' } : null;
}

/** Put a card's setting in force in the traffic engine, suspending it if already reached. */
export function applyUsageLimit(world: World, card: Card): void {
  const setting = effectiveUsageLimit(world, card);
  world.traffic.change(card, () => world.traffic.usageLimit.set(card.index, setting?.bytes ?? 0));
  if (
    setting &&
    world.traffic.liveMonthCarried(card) >= setting.bytes &&
    world.traffic.mode(card) === 'active'
  ) {
    world.sendToCard(
      card,
      { type: 'SYSTEM_SUSPEND', at: world.now(), cause: 'usageLimit' },
      { by: 'system' },
    );
  }
}

function describe(bytes: number | null, autoRestore: boolean): string {
  return bytes === null
    ? 'removed'
    : `${Math.round((bytes / 1_048_576) * 100) / 100} MB a month, automatic restore ${autoRestore ? 'on' : 'off'}`;
}

function setOnCard(
  world: World,
  card: Card,
  bytes: number | null,
  autoRestore: boolean,
  by: Who,
): Refusal | null {
  if (card.view.status === 'Canceled')
    return { code: 'CardCanceled', message: `card ${card.iccid} is canceled and refuses every operation` };
  card.usageLimitBytes = bytes;
  card.usageLimitAutoRestore = autoRestore;
  world.record(card, by, 'Usage-limit suspension setting', describe(bytes, autoRestore));
  world.emit('card.settings', card.iccid, { usageLimitBytes: bytes, autoRestore, by });
  applyUsageLimit(world, card);
  return null;
}

/** On the selected cards (the card's own setting). */
export const setUsageLimit: CardOperation<'setUsageLimit'> = {
  name: 'setUsageLimit',
  kind: 'card',
  performer: 'user',
  reachesCarrier: false,
  apply(world, card, args, by) {
    return setOnCard(world, card, args.limitBytes, args.autoRestore, by);
  },
};

/** On a whole voucher: every card of it without a setting of its own follows. */
export const setVoucherUsageLimit: WorldOperation<'setUsageLimit'> = {
  name: 'setUsageLimit',
  kind: 'world',
  performer: 'user',
  apply(world, args, by) {
    const voucher = args.voucher;
    if (!voucher) return { code: 'InvalidArgument', message: 'setUsageLimit needs cards or a voucher' };
    if (args.limitBytes === null) world.voucherUsageLimits.delete(voucher.code);
    else
      world.voucherUsageLimits.set(voucher.code, { bytes: args.limitBytes, autoRestore: args.autoRestore });
    world.emit('voucher.settings', voucher.code, {
      usageLimitBytes: args.limitBytes,
      autoRestore: args.autoRestore,
      by,
    });
    const cards = world.cards.filter(
      (card) => card.voucher.code === voucher.code && card.view.status !== 'Canceled',
    );
    for (const card of cards) {
      if (card.usageLimitBytes !== null) continue;
      world.record(
        card,
        by,
        'Usage-limit suspension setting (voucher)',
        describe(args.limitBytes, args.autoRestore),
      );
      applyUsageLimit(world, card);
    }
    return { cards, detail: `${voucher.code}: ${describe(args.limitBytes, args.autoRestore)}` };
  },
};
