// The directional service through the real SDK client: groups, their addresses and cards, journaled
// as console actions from rpc; and VerifyIotCard.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rpcTestApp, STARTED_AT, type RpcTestApp, expectFailure } from './test-helpers.ts';

let t: RpcTestApp;
let groupId: number;
beforeAll(async () => {
  t = await rpcTestApp();
  await t.advance(STARTED_AT);
});
afterAll(() => t.close());

const lastJournal = () => t.lastJournal();

describe('groups and addresses', () => {
  test('AddDirectionalGroup creates a group and answers its ID', async () => {
    const body = await t.call('AddDirectionalGroup', { GroupName: '测试分组' });
    expect(body.Data).toBe(10_000_000_001);
    groupId = body.Data;
    expect(lastJournal()).toMatchObject({
      operation: 'rpc.directionalGroup.add',
      args: { name: '测试分组' },
      source: 'rpc',
    });
  });
  test('AddDirectionalGroup refuses a name in use and a name with special characters', async () => {
    expectFailure(await t.fail('AddDirectionalGroup', { GroupName: '测试分组' }), 'IllegalParameter');
    expectFailure(await t.fail('AddDirectionalGroup', { GroupName: 'a b!' }), 'IllegalParameter');
  });
  test('AddDirectionalAddress and BatchAddDirectionalAddress (ListAddress.1 …) add addresses', async () => {
    const one = await t.call('AddDirectionalAddress', {
      GroupId: String(groupId),
      Source: 'user_defined',
      AddressType: 'Domain',
      Address: '*.aliyun.com',
      SerialNo: 'A-1',
    });
    expect(one.Data).toBe(true);
    const batch = await t.call('BatchAddDirectionalAddress', {
      GroupId: groupId,
      Source: 'user_defined',
      AddressType: 'Ip',
      ListAddress: ['10.1.2.3', '10.1.2.0/24'],
    });
    expect(batch.Data).toBe(true);
    const list = await t.call('ListDirectionalAddress', { GroupId: String(groupId), PageNo: 1, PageSize: 2 });
    expect(list.Data).toMatchObject({ Total: 3, PageCount: 2, PageSize: 2 });
    expect(list.Data.List[0]).toEqual({
      Address: '*.aliyun.com',
      AddressType: 'Domain',
      GroupId: String(groupId),
      Source: 'user_defined',
      State: 500,
    });
  });
  test('addresses of the wrong type, too many, or for no group are refused', async () => {
    expectFailure(
      await t.fail('AddDirectionalAddress', {
        GroupId: groupId,
        Source: 'user_defined',
        AddressType: 'Ip',
        Address: 'example.com',
      }),
      'IllegalParameter',
    );
    expectFailure(
      await t.fail('AddDirectionalAddress', {
        GroupId: groupId,
        Source: 'mine',
        AddressType: 'Ip',
        Address: '1.2.3.4',
      }),
      'IllegalParameter',
    );
    const eleven = Array.from({ length: 11 }, (_, i) => `10.0.0.${i}`);
    expectFailure(
      await t.fail('BatchAddDirectionalAddress', {
        GroupId: groupId,
        Source: 'user_defined',
        AddressType: 'Ip',
        ListAddress: eleven,
      }),
      'IllegalParameter',
    );
    expectFailure(
      await t.fail('BatchAddDirectionalAddress', {
        GroupId: 99,
        Source: 'user_defined',
        AddressType: 'Ip',
        ListAddress: ['1.1.1.1'],
      }),
      'linkcard.directional.notExist',
    );
    expectFailure(
      await t.fail('ListDirectionalAddress', { GroupId: groupId, PageNo: 1, PageSize: 201 }),
      'IllegalParameter',
    );
  });
  test('DeleteDirectionalAddress removes an address once', async () => {
    expect(
      (await t.call('DeleteDirectionalAddress', { GroupId: groupId, Address: '10.1.2.3', SerialNo: 'D-1' }))
        .Data,
    ).toBe(true);
    expectFailure(
      await t.fail('DeleteDirectionalAddress', { GroupId: groupId, Address: '10.1.2.3' }),
      'IllegalParameter',
    );
    expectFailure(await t.fail('DeleteDirectionalAddress', { GroupId: groupId }), 'IllegalParameter');
    const result = await t.call('GetOperateResult', { SerialNo: 'D-1' });
    expect(result.Data).toEqual({
      ExecuteResult: 'address deleted',
      OperateType: 'DeleteDirectionalAddress',
      Result: true,
      Status: 'SUCCESS',
    });
  });
});

describe('cards in groups', () => {
  test('V6 AddCardToDirectionalGroup puts directional cards in the group, once per SerialNo', async () => {
    const [a, b] = t.group('direct');
    const body = await t.call('AddCardToDirectionalGroup', {
      GroupId: String(groupId),
      IccidList: JSON.stringify([a, b]),
      SerialNo: 'G-1',
      AddType: 'NEW',
    });
    expect(body.Data).toEqual({ Result: true, SerialNo: 'G-1' });
    const length = t.live.journalLength();
    await t.call('AddCardToDirectionalGroup', {
      GroupId: String(groupId),
      IccidList: JSON.stringify([a, b]),
      SerialNo: 'G-1',
      AddType: 'NEW',
    });
    expect(t.live.journalLength()).toBe(length);
    const detail = await t.call('GetCardDetail', { Iccid: a });
    expect(detail.Data.VsimCardInfo).toMatchObject({
      DirectionalGroupId: String(groupId),
      DirectionalGroupName: '测试分组',
    });
    const rows = await t.call('ListCardInfo', {
      PageNo: 1,
      PageSize: 10,
      DirectionalGroupId: String(groupId),
    });
    expect(rows.Data.List.map((r: { DirectionalGroupId: number }) => r.DirectionalGroupId)).toEqual([
      groupId,
      groupId,
    ]);
    expect((await t.call('GetOperateResult', { SerialNo: 'G-1' })).Data).toMatchObject({
      Status: 'SUCCESS',
      Result: true,
    });
    expect(t.live.world.findCard(a!)!.records.at(-1)).toMatchObject({ action: 'Added to directional group' });
  });
  test('V6 a card that is not directional is refused; an IccidList that is not JSON is a bad parameter', async () => {
    const meter = t.group('meters')[0];
    expectFailure(
      await t.fail('AddCardToDirectionalGroup', {
        GroupId: groupId,
        IccidList: JSON.stringify([meter]),
        SerialNo: 'G-2',
        AddType: 'NEW',
      }),
      'IllegalParameter',
    );
    expectFailure(
      await t.fail('AddCardToDirectionalGroup', {
        GroupId: groupId,
        IccidList: 'x',
        SerialNo: 'G-3',
        AddType: 'NEW',
      }),
      'IllegalParameter',
    );
    expectFailure(
      await t.fail('AddCardToDirectionalGroup', {
        GroupId: groupId,
        IccidList: '["1"]',
        SerialNo: 'G-4',
        AddType: 'MOVE',
      }),
      'IllegalParameter',
    );
  });
  test('AddDirectionalCard imports directional cards by tag ID or by order', async () => {
    const third = t.group('direct')[2]!;
    const tags = await t.call('AddTagsToCard', { Iccid: third, TagNameList: '["fleet-b"]' });
    const other = await t.call('AddDirectionalGroup', { GroupName: 'second' });
    const byTag = await t.call('AddDirectionalCard', {
      GroupId: String(other.Data),
      UploadType: 'ALL',
      UploadMethod: 'TAG',
      TagList: JSON.stringify([tags.Data[0].TagId]),
    });
    expect(byTag.Data).toBe('true');
    expect(
      (await t.call('ListDirectionalDetail', { Iccid: third, PageNo: 1, PageSize: 10 })).Data
        .DirectionalGroupId,
    ).toBe(other.Data);
    const order = (await t.call('GetCardDetail', { Iccid: third })).Data.VsimCardInfo.AliyunOrderId;
    const none = await t.call('AddDirectionalCard', {
      GroupId: String(other.Data),
      UploadType: 'NO_GROUP',
      UploadMethod: 'ORDER',
      OrderList: JSON.stringify([order]),
      TagList: '[]',
    });
    expect(none.Data).toBe('false');
  });
  test('AddDirectionalCard from a file, or by tag without tags, is a bad parameter; no group is refused', async () => {
    expectFailure(
      await t.fail('AddDirectionalCard', {
        GroupId: groupId,
        UploadType: 'ALL',
        UploadMethod: 'FILE',
        FileUri: 'https://x/y.csv',
        TagList: '[]',
      }),
      'IllegalParameter',
    );
    expectFailure(
      await t.fail('AddDirectionalCard', { GroupId: groupId, UploadType: 'ALL', UploadMethod: 'TAG' }),
      'IllegalParameter',
    );
    expectFailure(
      await t.fail('AddDirectionalCard', {
        GroupId: 5,
        UploadType: 'ALL',
        UploadMethod: 'TAG',
        TagList: '["5"]',
      }),
      'linkcard.directional.notExist',
    );
  });
  test('ListDirectionalDetail: the card group and its addresses, State as a string', async () => {
    const body = await t.call('ListDirectionalDetail', {
      Iccid: t.group('direct')[0],
      PageNo: 1,
      PageSize: 10,
    });
    expect(body.Data).toMatchObject({ DirectionalGroupId: groupId, DirectionalName: '测试分组' });
    expect(body.Data.PaginationResult).toMatchObject({ Total: 2, PageNo: 1, PageSize: 10, PageCount: 1 });
    expect(body.Data.PaginationResult.List[0].State).toBe('500');
  });
  test('ListDirectionalDetail of a card in no group, of no card, or with a bad page size', async () => {
    expectFailure(
      await t.fail('ListDirectionalDetail', { Iccid: t.group('meters')[0], PageNo: 1, PageSize: 10 }),
      'linkcard.directional.notExist',
    );
    expectFailure(
      await t.fail('ListDirectionalDetail', { Iccid: '89860000000000000000', PageNo: 1, PageSize: 10 }),
      'linkcard.common.CardNotExist',
    );
    expectFailure(
      await t.fail('ListDirectionalDetail', { Iccid: t.group('direct')[0], PageNo: 1, PageSize: 11 }),
      'IllegalParameter',
    );
  });
  test('DeleteDirectionalGroup leaves its cards in no group; a second delete is refused', async () => {
    expect((await t.call('DeleteDirectionalGroup', { GroupId: String(groupId) })).Data).toBe(true);
    expectFailure(
      await t.fail('ListDirectionalDetail', { Iccid: t.group('direct')[0], PageNo: 1, PageSize: 10 }),
      'linkcard.directional.notExist',
    );
    expectFailure(
      await t.fail('DeleteDirectionalGroup', { GroupId: String(groupId) }),
      'linkcard.directional.notExist',
    );
    expectFailure(await t.fail('DeleteDirectionalGroup', { GroupId: 'abc' }), 'IllegalParameter');
  });
});

describe('VerifyIotCard', () => {
  test('V6 tells a directional card from another', async () => {
    expect((await t.call('VerifyIotCard', { Iccid: t.group('direct')[0] })).Data).toBe(true);
    expect((await t.call('VerifyIotCard', { Iccid: t.group('meters')[0] })).Data).toBe(false);
  });
  test('L13 a canceled card is refused; no Iccid is a bad parameter', async () => {
    expectFailure(
      await t.fail('VerifyIotCard', { Iccid: t.group('gone')[0] }),
      'linkcard.common.CardDestroy',
    );
    expectFailure(
      await t.fail('VerifyIotCard', { Iccid: '89860000000000000000' }),
      'linkcard.common.CardNotExist',
    );
    expectFailure(await t.fail('VerifyIotCard', {}), 'linkcard.check.IccidCanNotEmpty');
  });
});
