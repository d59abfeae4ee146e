// Invariant checkers for cards (STYLE.md, from TigerBeetle): they live beside the core, not in it,
// and tests run them after every step. Each returns the broken invariants as sentences.
import type { Card } from '../cards/card.ts';
import { computeView, machinesOf } from '../cards/card.ts';
import { phaseOf, cardStatusView } from '../machines/status-view.ts';
import { SIM_STATUSES, SPECIFIC_STATUSES, STATUS_OF_SPECIFIC } from '../machines/status.ts';
import type { StatusView } from '../machines/status-view.ts';
import type { World } from '../world.ts';

const CAUSE_FREE = new Set(['In use', 'Test period', 'Silent period', 'Partially in use']);

export function viewProblems(view: StatusView, where: string): string[] {
  const problems: string[] = [];
  if (STATUS_OF_SPECIFIC[view.specificStatus] !== view.status) {
    problems.push(`${where}: status ${view.status} does not go with specific status ${view.specificStatus}`);
  }
  if (SIM_STATUSES[view.status] !== view.statusCode)
    problems.push(`${where}: status code ${view.statusCode} is not ${view.status}'s`);
  if (SPECIFIC_STATUSES[view.specificStatus] !== view.osStatus) {
    problems.push(`${where}: OsStatus ${view.osStatus} is not ${view.specificStatus}'s`);
  }
  if (view.status === 'Suspended' && view.causes.length === 0)
    problems.push(`${where}: Suspended with no cause`);
  return problems;
}

export function cardProblems(card: Card): string[] {
  const problems: string[] = [];
  const fresh = computeView(card);
  if (JSON.stringify(fresh) !== JSON.stringify(card.view)) {
    problems.push(
      `${card.iccid}: the view the world holds (${card.view.specificStatus}) is stale (${fresh.specificStatus})`,
    );
  }
  problems.push(...viewProblems(card.view, card.iccid));
  for (const machine of machinesOf(card)) {
    const snapshot = machine.getSnapshot();
    const view = cardStatusView(snapshot);
    const phase = phaseOf(snapshot);
    const where = `${card.iccid}/${snapshot.context.iccid}`;
    problems.push(...viewProblems(view, where));
    if (!card.subCards.length || card.subCards.some((s) => s.actor === machine)) {
      if (CAUSE_FREE.has(view.specificStatus) && view.causes.length > 0) {
        problems.push(`${where}: ${view.specificStatus} with causes ${view.causes.join(', ')}`);
      }
    }
    if (phase === 'silent' && snapshot.context.causes !== 0)
      problems.push(`${where}: Silent period holding causes`);
    if (phase === 'active' && snapshot.context.activatedAt === null)
      problems.push(`${where}: active with no activation time`);
    if (phase === 'canceled' && snapshot.status !== 'done') problems.push(`${where}: canceled but not final`);
    // L13: requested from Deactivated or Manually suspended; a carrier may add causes meanwhile.
    if (view.pendingCancellation && !['Deactivated', 'Suspended'].includes(view.status)) {
      problems.push(`${where}: pending cancellation while ${view.specificStatus}`);
    }
  }
  return problems;
}

/** The world's compact copy of the causes a card holds (sim/cards/held-causes.ts) agrees with its machines. */
export function heldCausesProblems(world: World, card: Card): string[] {
  let causes = 0;
  for (const machine of machinesOf(card)) causes |= machine.getSnapshot().context.causes;
  const held = world.heldCauses.of(card.index);
  return held === causes ? [] : [`${card.iccid}: the world holds causes ${held}, its machines ${causes}`];
}
