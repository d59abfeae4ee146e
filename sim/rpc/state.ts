// What the platform's API (linkcard-api.md) knows and the rest of the twin does not model yet:
// directional groups with their whitelisted addresses and cards, platform SMS messages sent to cards,
// and the results of API operations that take a serial number (GetOperateResult). One state per
// world, so a new run starts empty; it changes only through the functions below, which the server
// calls from journaled console actions (server/rpc/actions.ts), so a restarted twin replays it.
//
// Decisions:
// - Directional groups are recorded, not enforced: what a directional card's traffic may reach is the
//   twin's V6 whitelisted share of each session (the device profile), not these addresses.
// - Group IDs count from 10000000001 in creation order (deterministic; the reference shows
//   10000002595); a deleted group's ID is never given again.
// - Address changes take effect at once: every address shows State 500 (added).
// - Nothing here emits world events, so the run hash does not depend on API-only state.
import type { Card } from '../cards/card.ts';
import type { SimTime } from '../time/calendar.ts';
import type { World } from '../world.ts';

export type AddressType = 'Ip' | 'Domain';
export type AddressSource = 'user_defined' | 'aliyun_defined';

export interface DirectionalAddress {
  readonly address: string;
  readonly addressType: AddressType;
  readonly source: AddressSource;
  /** linkcard-enums.md State: 500 added (changes take effect at once in the twin). */
  readonly state: 500;
}

export interface DirectionalGroup {
  readonly id: number;
  readonly name: string;
  readonly createdAt: SimTime;
  /** By address text, in the order added. */
  readonly addresses: Map<string, DirectionalAddress>;
  /** ICCIDs, in the order added. */
  readonly cards: Set<string>;
}

/** An API operation with a serial number, for GetOperateResult (applied at once in the twin). */
export interface OperateRecord {
  readonly serialNo: string;
  readonly operateType: string;
  readonly result: boolean;
  readonly executeResult: string;
  readonly t: SimTime;
}

/** A platform SMS (SendMessage) to one or more cards. */
export interface MessageTask {
  /** The task number SendMessage returns as Data. */
  readonly id: number;
  readonly taskName: string;
  readonly templateId: number;
  readonly variables: string;
  /** When it is (or was) delivered: the send time, or the request time when that was in the past. */
  readonly sendAt: SimTime;
  readonly acceptedAt: SimTime;
  readonly iccids: readonly string[];
}

export interface RpcState {
  readonly groups: Map<number, DirectionalGroup>;
  readonly groupOfCard: Map<string, number>;
  readonly operations: Map<string, OperateRecord>;
  readonly messages: MessageTask[];
  readonly messagesOfCard: Map<string, number[]>;
  nextGroupId: number;
}

export const FIRST_GROUP_ID = 10_000_000_001;

const states = new WeakMap<World, RpcState>();

export function rpcStateOf(world: World): RpcState {
  let state = states.get(world);
  if (!state) {
    state = {
      groups: new Map(),
      groupOfCard: new Map(),
      operations: new Map(),
      messages: [],
      messagesOfCard: new Map(),
      nextGroupId: FIRST_GROUP_ID,
    };
    states.set(world, state);
  }
  return state;
}

/** A copy of the world's API state (for snapshots): nothing in it is shared with the world. */
export function saveRpcState(world: World): RpcState | undefined {
  const state = states.get(world);
  return state && copyRpcState(state);
}

export function restoreRpcState(world: World, saved: RpcState | undefined): void {
  if (saved) states.set(world, copyRpcState(saved));
  else states.delete(world);
}

function copyRpcState(state: RpcState): RpcState {
  const groups = new Map<number, DirectionalGroup>();
  for (const [id, group] of state.groups)
    groups.set(id, { ...group, addresses: new Map(group.addresses), cards: new Set(group.cards) });
  return {
    groups,
    groupOfCard: new Map(state.groupOfCard),
    operations: new Map(state.operations),
    messages: state.messages.slice(),
    messagesOfCard: new Map([...state.messagesOfCard].map(([iccid, ids]) => [iccid, ids.slice()])),
    nextGroupId: state.nextGroupId,
  };
}

export function addGroup(world: World, name: string): DirectionalGroup {
  const state = rpcStateOf(world);
  const group: DirectionalGroup = {
    id: state.nextGroupId++,
    name,
    createdAt: world.now(),
    addresses: new Map(),
    cards: new Set(),
  };
  state.groups.set(group.id, group);
  return group;
}

/** The group goes; its cards are in no group afterwards. */
export function deleteGroup(world: World, id: number): void {
  const state = rpcStateOf(world);
  const group = state.groups.get(id);
  if (!group) return;
  for (const iccid of group.cards) {
    state.groupOfCard.delete(iccid);
    const card = world.findCard(iccid);
    if (card) world.record(card, 'user', 'Removed from directional group', `${group.name} (group deleted)`);
  }
  state.groups.delete(id);
}

/** Adds the addresses not there yet; returns how many were new. */
export function addAddresses(
  world: World,
  id: number,
  addressType: AddressType,
  source: AddressSource,
  addresses: readonly string[],
): number {
  const group = rpcStateOf(world).groups.get(id);
  if (!group) return 0;
  let added = 0;
  for (const address of addresses) {
    if (group.addresses.has(address)) continue;
    group.addresses.set(address, { address, addressType, source, state: 500 });
    added++;
  }
  return added;
}

export function deleteAddress(world: World, id: number, address: string): boolean {
  return rpcStateOf(world).groups.get(id)?.addresses.delete(address) ?? false;
}

/** Cards join the group (leaving any other); each change is an operation record of the card (C9). */
export function addCardsToGroup(world: World, id: number, cards: readonly Card[]): number {
  const state = rpcStateOf(world);
  const group = state.groups.get(id);
  if (!group) return 0;
  let moved = 0;
  for (const card of cards) {
    const from = state.groupOfCard.get(card.iccid);
    if (from === id) continue;
    if (from !== undefined) state.groups.get(from)?.cards.delete(card.iccid);
    state.groupOfCard.set(card.iccid, id);
    group.cards.add(card.iccid);
    world.record(card, 'user', 'Added to directional group', group.name);
    moved++;
  }
  return moved;
}

export function groupOf(world: World, card: Card): DirectionalGroup | undefined {
  const state = rpcStateOf(world);
  const id = state.groupOfCard.get(card.iccid);
  return id === undefined ? undefined : state.groups.get(id);
}

export function recordOperation(world: World, record: Omit<OperateRecord, 't'>): OperateRecord {
  const stored = { ...record, t: world.now() };
  rpcStateOf(world).operations.set(record.serialNo, stored);
  return stored;
}

/** Records a message task and, on each card, an operation record (C9) saying it was sent or scheduled. */
export function sendMessage(world: World, task: Omit<MessageTask, 'id' | 'acceptedAt'>): MessageTask {
  const state = rpcStateOf(world);
  const now = world.now();
  const stored: MessageTask = { ...task, id: state.messages.length + 1, acceptedAt: now };
  state.messages.push(stored);
  for (const iccid of task.iccids) {
    const list = state.messagesOfCard.get(iccid) ?? [];
    list.push(stored.id);
    state.messagesOfCard.set(iccid, list);
    const card = world.findCard(iccid);
    if (!card) continue;
    const detail = `task ${stored.id} "${task.taskName}", template ${task.templateId}`;
    world.record(card, 'user', task.sendAt <= now ? 'Message sent' : 'Message scheduled', detail);
  }
  return stored;
}

/** The messages of a card delivered in [from, to). */
export function messagesDelivered(world: World, iccid: string, from: SimTime, to: SimTime): MessageTask[] {
  const state = rpcStateOf(world);
  const ids = state.messagesOfCard.get(iccid) ?? [];
  return ids
    .map((id) => state.messages[id - 1])
    .filter((task): task is MessageTask => task !== undefined && task.sendAt >= from && task.sendAt < to);
}
