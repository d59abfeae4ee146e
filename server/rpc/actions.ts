// The RPC API's changes that are not sim operations (directional groups, addresses and cards, platform
// SMS): console actions in the sense of server/console-actions.ts, so that LiveRun.act checks them,
// journals them (source `rpc`) and applies them, and a restarted twin replays them from the journal.
// Each check refuses before anything changes; each apply changes only sim/rpc/state.ts (and adds
// operation records, C9). The arguments are already normalized by the operation handlers.
//
// These must be known to consoleActionOf before a run is resumed: server/rpc/index.ts adds them to
// CONSOLE_ACTIONS when it is imported (app.ts imports it before buildApp runs). Spreading
// RPC_CONSOLE_ACTIONS into CONSOLE_ACTIONS in console-actions.ts does the same, and the addition then
// does nothing.
import {
  addAddresses,
  addCardsToGroup,
  addGroup,
  deleteAddress,
  deleteGroup,
  recordOperation,
  rpcStateOf,
  sendMessage,
  type AddressSource,
  type AddressType,
} from '../../sim/rpc/state.ts';
import type { Card } from '../../sim/cards/card.ts';
import type { World } from '../../sim/world.ts';
import type { ConsoleAction } from '../console-actions.ts';
import { illegal, rpcError } from './error-codes.ts';

type Args = Record<string, unknown>;

const text = (args: Args, key: string): string => String(args[key] ?? '');
const texts = (args: Args, key: string): string[] =>
  Array.isArray(args[key]) ? (args[key] as unknown[]).map(String) : [];
const groupIdOf = (args: Args): number => Number(args.groupId);

function existingGroup(world: World, args: Args) {
  const group = rpcStateOf(world).groups.get(groupIdOf(args));
  if (!group) throw rpcError('linkcard.directional.notExist', `GroupId ${String(args.groupId)}`);
  return group;
}

function cardsOf(world: World, iccids: readonly string[]): Card[] {
  return iccids.map((iccid) => {
    const card = world.findCard(iccid);
    if (!card) throw illegal('IccidList', `no card ${iccid} in this run`);
    return card;
  });
}

/** An operation with a serial number is recorded for GetOperateResult. */
function record(world: World, args: Args, executeResult: string): void {
  const serialNo = args.serialNo;
  if (typeof serialNo === 'string' && serialNo !== '')
    recordOperation(world, { serialNo, operateType: text(args, 'operateType'), result: true, executeResult });
}

export const RPC_CONSOLE_ACTIONS: Readonly<Record<string, ConsoleAction>> = {
  'rpc.directionalGroup.add': {
    check(world, args) {
      const name = text(args, 'name');
      for (const group of rpcStateOf(world).groups.values())
        if (group.name === name) throw illegal('GroupName', `a directional group is called ${name} already`);
    },
    apply: (world, args) => addGroup(world, text(args, 'name')).id,
  },
  'rpc.directionalGroup.delete': {
    check: (world, args) => void existingGroup(world, args),
    apply: (world, args) => deleteGroup(world, groupIdOf(args)),
  },
  'rpc.directionalAddress.add': {
    check: (world, args) => void existingGroup(world, args),
    apply(world, args) {
      const added = addAddresses(
        world,
        groupIdOf(args),
        text(args, 'addressType') as AddressType,
        text(args, 'source') as AddressSource,
        texts(args, 'addresses'),
      );
      record(world, args, `${added} address(es) added`);
      return added;
    },
  },
  'rpc.directionalAddress.delete': {
    check(world, args) {
      const group = existingGroup(world, args);
      if (!group.addresses.has(text(args, 'address')))
        throw illegal('Address', `${text(args, 'address')} is not an address of group ${group.id}`);
    },
    apply(world, args) {
      deleteAddress(world, groupIdOf(args), text(args, 'address'));
      record(world, args, 'address deleted');
      return true;
    },
  },
  'rpc.directionalCards.add': {
    check(world, args) {
      existingGroup(world, args);
      cardsOf(world, texts(args, 'iccids'));
    },
    apply(world, args) {
      const moved = addCardsToGroup(world, groupIdOf(args), cardsOf(world, texts(args, 'iccids')));
      record(world, args, `${moved} card(s) added`);
      return moved;
    },
  },
  'rpc.message.send': {
    check(world, args) {
      for (const iccid of texts(args, 'iccids'))
        if (!world.findCard(iccid)) throw illegal('Msisdns', `no card ${iccid} in this run`);
    },
    apply: (world, args) =>
      sendMessage(world, {
        taskName: text(args, 'taskName'),
        templateId: Number(args.templateId),
        variables: text(args, 'variables'),
        sendAt: Number(args.sendAt),
        iccids: texts(args, 'iccids'),
      }).id,
  },
};

/** Makes the actions known to LiveRun (see the header); adding them twice changes nothing. */
export function installRpcActions(table: Record<string, ConsoleAction>): void {
  for (const [name, action] of Object.entries(RPC_CONSOLE_ACTIONS))
    if (!Object.hasOwn(table, name)) table[name] = action;
}
