// The directional service (linkcard-api.md 1-4, 6-8, 20, 21): groups of directional cards and the
// addresses they may reach. Kept in sim/rpc/state.ts and changed through journaled console actions
// (server/rpc/actions.ts); see there and in state.ts for what the twin does and does not tie them to.
//
// Decisions:
// - Only directional cards (SCD, SFD, UPG: V6) join a group; AddCardToDirectionalGroup refuses another
//   card with IllegalParameter, AddDirectionalCard leaves them out. Canceled cards never join.
// - AddType NEW leaves out cards already in a group; TRANSFER moves them. Result is true when the call
//   was applied (cards left out do not make it fail). A SerialNo seen before answers the first call's
//   result and changes nothing; the same SerialNo for another kind of call is IllegalParameter.
// - AddDirectionalCard: TAG takes tag IDs (TagList[].Id of GetCardDetail), ORDER the OrderIds of
//   ListOrder; FILE is IllegalParameter (the twin cannot fetch a file). Data is "true" when some card
//   matched, "false" otherwise.
// - Addresses: an Ip is an IPv4 address, optionally with a /prefix; a Domain is a host name, optionally
//   starting with `*.`. Adding an address the group has changes nothing. No domain is flagged high risk,
//   so UrlInsecurityForce changes nothing; MsgNotify is accepted and ignored (no MQ in the twin).
// - Group names must be unique; DeleteDirectionalGroup leaves its cards in no group.
import type { Card } from '../../../sim/cards/card.ts';
import { PLAN_TYPE_FACTS } from '../../../sim/plans/plan-type.ts';
import { purchaseOrderOf, tagId } from '../../../sim/rpc/ids.ts';
import {
  groupOf,
  rpcStateOf,
  type DirectionalAddress,
  type DirectionalGroup,
} from '../../../sim/rpc/state.ts';
import type { World } from '../../../sim/world.ts';
import { act, cardByIccid, type RpcOperation } from '../context.ts';
import { illegal, rpcError } from '../error-codes.ts';
import { pageOfList, type RpcParams } from '../params.ts';
import { allOrders } from './orders.ts';

const SOURCES = ['user_defined', 'aliyun_defined'] as const;
const ADDRESS_TYPES = ['Ip', 'Domain'] as const;
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\/(?:3[0-2]|[12]?\d))?$/;
const DOMAIN = /^(?:\*\.)?(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

const isDirectional = (card: Card): boolean => PLAN_TYPE_FACTS[card.voucher.planType].directional;

function groupParam(world: World, params: RpcParams, name = 'GroupId'): DirectionalGroup {
  const id = params.requiredInteger(name, { min: 1 });
  const group = rpcStateOf(world).groups.get(id);
  if (!group) throw rpcError('linkcard.directional.notExist', `${name} ${id}`);
  return group;
}

function required<T extends string>(params: RpcParams, name: string, values: readonly T[]): T {
  const value = params.oneOf(name, values);
  if (value === undefined) throw illegal(name, `it is required (${values.join(' or ')})`);
  return value;
}

function checkAddress(name: string, type: 'Ip' | 'Domain', address: string): void {
  if (!(type === 'Ip' ? IPV4 : DOMAIN).test(address))
    throw illegal(
      name,
      `${JSON.stringify(address)} is not ${type === 'Ip' ? 'an IPv4 address' : 'a domain name'}`,
    );
}

/** A SerialNo seen before: the earlier call's answer (when it was this kind of call). */
function earlier(world: World, serialNo: string | undefined, operateType: string) {
  if (serialNo === undefined) return undefined;
  const record = rpcStateOf(world).operations.get(serialNo);
  if (record && record.operateType !== operateType)
    throw illegal('SerialNo', `${serialNo} belongs to a ${record.operateType} call`);
  return record;
}

export const addDirectionalGroup: RpcOperation = {
  action: 'AddDirectionalGroup',
  handle({ live, params }) {
    const name = params.required('GroupName');
    if (!/^[\p{Script=Han}A-Za-z0-9_]{1,30}$/u.test(name))
      throw illegal('GroupName', 'Chinese characters, letters, digits and _ only, at most 30 characters');
    return act(live, 'rpc.directionalGroup.add', { name });
  },
};

export const deleteDirectionalGroup: RpcOperation = {
  action: 'DeleteDirectionalGroup',
  handle({ live, params }) {
    const group = groupParam(live.world, params);
    act(live, 'rpc.directionalGroup.delete', { groupId: group.id });
    return true;
  },
};

function addAddresses(operateType: string, listName: string, repeat: boolean): RpcOperation {
  return {
    action: operateType,
    handle({ live, params }) {
      const group = groupParam(live.world, params);
      const source = required(params, 'Source', SOURCES);
      const addressType = required(params, 'AddressType', ADDRESS_TYPES);
      const addresses = repeat ? params.repeatList(listName, 10) : [params.required(listName)];
      if (!addresses) throw illegal(listName, `it is required (${listName}.1=…)`);
      for (const address of addresses) checkAddress(listName, addressType, address);
      params.boolean('MsgNotify');
      params.boolean('UrlInsecurityForce');
      const serialNo = params.string('SerialNo');
      if (earlier(live.world, serialNo, operateType)) return true;
      act(live, 'rpc.directionalAddress.add', {
        groupId: group.id,
        addressType,
        source,
        addresses,
        serialNo,
        operateType,
      });
      return true;
    },
  };
}

export const addDirectionalAddress = addAddresses('AddDirectionalAddress', 'Address', false);
export const batchAddDirectionalAddress = addAddresses('BatchAddDirectionalAddress', 'ListAddress', true);

export const deleteDirectionalAddress: RpcOperation = {
  action: 'DeleteDirectionalAddress',
  handle({ live, params }) {
    const group = groupParam(live.world, params);
    const address = params.required('Address');
    params.boolean('MsgNotify');
    const serialNo = params.string('SerialNo');
    if (earlier(live.world, serialNo, 'DeleteDirectionalAddress')) return true;
    act(live, 'rpc.directionalAddress.delete', {
      groupId: group.id,
      address,
      serialNo,
      operateType: 'DeleteDirectionalAddress',
    });
    return true;
  },
};

export const addCardToDirectionalGroup: RpcOperation = {
  action: 'AddCardToDirectionalGroup',
  handle({ live, params }) {
    const world = live.world;
    const iccids = params.jsonList('IccidList', 200);
    if (!iccids) throw illegal('IccidList', 'it is required: a JSON array of ICCIDs');
    const group = groupParam(world, params);
    const serialNo = params.required('SerialNo');
    const addType = required(params, 'AddType', ['NEW', 'TRANSFER'] as const);
    params.boolean('MsgNotify');
    if (earlier(world, serialNo, 'AddCardToDirectionalGroup')) return { Result: true, SerialNo: serialNo };
    const cards = iccids.map((iccid) => {
      const card = world.findCard(iccid);
      if (!card || (card.iccid !== iccid && !card.subCards.some((s) => s.iccid === iccid)))
        throw illegal('IccidList', `no card with ICCID ${iccid} in this run`);
      if (!isDirectional(card))
        throw illegal('IccidList', `card ${iccid} is not a directional card (SCD, SFD, UPG)`);
      if (card.view.status === 'Canceled') throw illegal('IccidList', `card ${iccid} is canceled`);
      return card;
    });
    const joining = cards.filter((card) => addType === 'TRANSFER' || groupOf(world, card) === undefined);
    act(live, 'rpc.directionalCards.add', {
      groupId: group.id,
      iccids: [...new Set(joining.map((card) => card.iccid))],
      serialNo,
      operateType: 'AddCardToDirectionalGroup',
    });
    return { Result: true, SerialNo: serialNo };
  },
};

export const addDirectionalCard: RpcOperation = {
  action: 'AddDirectionalCard',
  handle({ live, params }) {
    const world = live.world;
    const group = groupParam(world, params);
    const uploadType = required(params, 'UploadType', ['NO_GROUP', 'ALL'] as const);
    const method = required(params, 'UploadMethod', ['TAG', 'ORDER', 'FILE'] as const);
    let matches: (card: Card) => boolean;
    if (method === 'FILE')
      throw illegal('UploadMethod', 'the twin cannot fetch a file (FileUri); use TAG or ORDER');
    if (method === 'TAG') {
      const ids = params.jsonList('TagList', 100);
      if (!ids) throw illegal('TagList', 'UploadMethod TAG needs tag IDs');
      matches = (card) => card.tags.some((tag) => ids.includes(String(tagId(tag))));
    } else {
      const orders = params.jsonList('OrderList', 50);
      if (!orders) throw illegal('OrderList', 'UploadMethod ORDER needs order IDs');
      const topUpCards = new Set(
        allOrders(world)
          .filter((o) => orders.includes(o.id) && o.type !== 'NEW')
          .flatMap((o) => (o.card ? [o.card] : [])),
      );
      matches = (card) => orders.includes(purchaseOrderOf(world, card)) || topUpCards.has(card.iccid);
    }
    const cards = world.cards.filter(
      (card) =>
        isDirectional(card) &&
        card.view.status !== 'Canceled' &&
        matches(card) &&
        (uploadType === 'ALL' || groupOf(world, card) === undefined),
    );
    if (cards.length > 0)
      act(live, 'rpc.directionalCards.add', { groupId: group.id, iccids: cards.map((c) => c.iccid) });
    return cards.length > 0 ? 'true' : 'false';
  },
};

const addressRow = (group: DirectionalGroup, stateAsText: boolean) => (a: DirectionalAddress) => ({
  Address: a.address,
  AddressType: a.addressType,
  GroupId: String(group.id),
  Source: a.source,
  State: stateAsText ? String(a.state) : a.state,
});

export const listDirectionalAddress: RpcOperation = {
  action: 'ListDirectionalAddress',
  handle({ live, params }) {
    const group = groupParam(live.world, params);
    const { pageNo, pageSize } = params.paging({ min: 1, max: 200 });
    return pageOfList([...group.addresses.values()].map(addressRow(group, false)), pageNo, pageSize);
  },
};

export const listDirectionalDetail: RpcOperation = {
  action: 'ListDirectionalDetail',
  handle({ live, params }) {
    const iccid = params.iccid();
    const { pageNo, pageSize } = params.paging();
    const card = cardByIccid(live.world, iccid);
    const group = groupOf(live.world, card);
    if (!group)
      throw rpcError('linkcard.directional.notExist', `card ${card.iccid} is in no directional group`);
    return {
      DirectionalGroupId: group.id,
      DirectionalName: group.name,
      PaginationResult: pageOfList(
        [...group.addresses.values()].map(addressRow(group, true)),
        pageNo,
        pageSize,
      ),
    };
  },
};
