// Real-name status, platform SMS and operation results through the real SDK client; and a session
// driven by the SDK, journaled from rpc and replayed by a restarted twin to the same state and hash.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { call, tempDir } from '../test/helpers.ts';
import { rpcTestApp, STARTED_AT, type RpcTestApp, expectFailure } from './test-helpers.ts';

let t: RpcTestApp;
beforeAll(async () => {
  t = await rpcTestApp();
  await t.advance(STARTED_AT);
});
afterAll(() => t.close());

const card = (iccid: string) => t.card(iccid);

describe('GetRealNameStatus', () => {
  test('L5 a card bought with identity verification is NOT_CERTIFIED until verified', async () => {
    const [iccid] = t.group('verify');
    expect((await t.call('GetRealNameStatus', { Iccid: iccid })).Data).toEqual({
      Desc: '未认证',
      RealNameStatus: 'NOT_CERTIFIED',
    });
    t.perform('verifyIdentity', [iccid!]);
    expect((await t.call('GetRealNameStatus', { Iccid: iccid })).Data).toEqual({
      Desc: '已认证',
      RealNameStatus: 'CERTIFIED',
    });
    expect((await t.call('GetRealNameStatus', { Iccid: t.group('meters')[0] })).Data.RealNameStatus).toBe(
      'CERTIFIED',
    );
  });
  test('M1 a multi-network card without ListMsisdns, or a canceled card, is refused', async () => {
    const [smart] = t.group('smart');
    expectFailure(await t.fail('GetRealNameStatus', { Iccid: smart }), 'linkcard.common.VnoCardNotSupported');
    const sub = card(smart!).subCards[0]!.msisdn;
    expect(
      (await t.call('GetRealNameStatus', { Iccid: smart, ListMsisdns: JSON.stringify([sub]) })).Data
        .RealNameStatus,
    ).toBe('CERTIFIED');
    expectFailure(
      await t.fail('GetRealNameStatus', { Iccid: t.group('gone')[0] }),
      'linkcard.common.CardDestroy',
    );
  });
  test('an ICCID of the wrong shape or a ListMsisdns of another card is a bad parameter', async () => {
    expectFailure(
      await t.fail('GetRealNameStatus', { Iccid: '8986-abc' }),
      'linkcard.common.IccidFormatError',
    );
    expectFailure(
      await t.fail('GetRealNameStatus', { Iccid: t.group('smart')[0], ListMsisdns: '["1440000000000"]' }),
      'IllegalParameter',
    );
  });
});

describe('SendMessage', () => {
  test('C9 a message sent now shows on the card and counts in PeriodSmsUse', async () => {
    const [iccid] = t.group('meters');
    const msisdn = card(iccid!).msisdn;
    const body = await t.call('SendMessage', {
      TaskName: '任务0912',
      MessageTemplateId: 14,
      MessageVariableParam: '{a}{b}',
      MessageSendTime: 1_694_401_634,
      Msisdns: JSON.stringify([msisdn]),
    });
    expect(body).toMatchObject({ Code: '200', Data: 1, DynamicCode: '', DynamicMessage: '' });
    expect(card(iccid!).records.at(-1)).toMatchObject({
      action: 'Message sent',
      detail: 'task 1 "任务0912", template 14',
    });
    const records = await call(t.app, 'GET', `/api/cards/${iccid}/records`);
    expect(records.body.items[0].action).toBe('Message sent');
    expect((await t.call('GetCardDetail', { Iccid: iccid })).Data.VsimCardInfo.PeriodSmsUse).toBe('1');
    expect(t.live.journal().at(-1)).toMatchObject({ operation: 'rpc.message.send', source: 'rpc' });
  });
  test('a message for later is scheduled and counts once it is due', async () => {
    const [iccid] = t.group('direct');
    const inAnHour = Math.floor(t.live.world.now() / 1000) + 3600;
    await t.call('SendMessage', {
      TaskName: 'later',
      MessageTemplateId: 2,
      MessageSendTime: inAnHour,
      Msisdns: JSON.stringify([card(iccid!).msisdn]),
    });
    expect(card(iccid!).records.at(-1)?.action).toBe('Message scheduled');
    expect((await t.call('GetCardDetail', { Iccid: iccid })).Data.VsimCardInfo.PeriodSmsUse).toBe('0');
    await t.advance('2026-03-02T02:00');
    expect((await t.call('GetCardDetail', { Iccid: iccid })).Data.VsimCardInfo.PeriodSmsUse).toBe('1');
  });
  test('an unknown MSISDN or a canceled card is refused, with DynamicCode', async () => {
    const failure = await t.fail('SendMessage', {
      TaskName: 'x',
      MessageTemplateId: 1,
      MessageSendTime: 0,
      Msisdns: '["1440000000000"]',
    });
    expectFailure(failure, 'linkcard.common.CardNotExist');
    expect(failure.data.DynamicCode).toBe('linkcard.common.CardNotExist');
    const gone = card(t.group('gone')[0]!).msisdn;
    expectFailure(
      await t.fail('SendMessage', {
        TaskName: 'x',
        MessageTemplateId: 1,
        MessageSendTime: 0,
        Msisdns: JSON.stringify([gone]),
      }),
      'linkcard.common.CardDestroy',
    );
  });
  test('a task name with special characters, no Msisdns, or a send time over a month ahead is a bad parameter', async () => {
    const msisdns = JSON.stringify([card(t.group('meters')[0]!).msisdn]);
    expectFailure(
      await t.fail('SendMessage', {
        TaskName: 'a!b',
        MessageTemplateId: 1,
        MessageSendTime: 0,
        Msisdns: msisdns,
      }),
      'IllegalParameter',
    );
    expectFailure(
      await t.fail('SendMessage', { TaskName: 'a', MessageTemplateId: 1, MessageSendTime: 0 }),
      'IllegalParameter',
    );
    const far = Math.floor(t.live.world.now() / 1000) + 40 * 86_400;
    expectFailure(
      await t.fail('SendMessage', {
        TaskName: 'a',
        MessageTemplateId: 1,
        MessageSendTime: far,
        Msisdns: msisdns,
      }),
      'IllegalParameter',
    );
  });
});

describe('GetOperateResult', () => {
  test('an operation a carrier delays is PROCESSING, then SUCCESS', async () => {
    const [iccid] = t.group('delayed');
    t.perform('activate', [iccid!]);
    await t.advance('2026-03-02T03:00');
    const stop = await t.call('StopSingleCard', { Iccid: iccid });
    expect(stop).toMatchObject({ Data: true, SerialNo: expect.stringMatching(/^OP\d{8}$/) });
    const processing = await t.call('GetOperateResult', { SerialNo: stop.SerialNo });
    expect(processing.Data).toEqual({
      ExecuteResult: '',
      OperateType: 'StopSingleCard',
      Result: false,
      Status: 'PROCESSING',
    });
    expect(card(iccid!).view.specificStatus).toBe('In use');
    await t.advance('2026-03-02T03:10');
    const done = await t.call('GetOperateResult', { SerialNo: stop.SerialNo, ResId: iccid });
    expect(done.Data).toMatchObject({ Result: true, Status: 'SUCCESS' });
    expect(card(iccid!).view.specificStatus).toBe('Manually suspended');
  });
  test('a delayed operation the card no longer takes ends in FAILURE', async () => {
    const [iccid] = t.group('delayed');
    const first = await t.call('ResumeSingleCard', { Iccid: iccid });
    const second = await t.call('ResumeSingleCard', { Iccid: iccid });
    await t.advance('2026-03-02T03:30');
    expect((await t.call('GetOperateResult', { SerialNo: first.SerialNo })).Data.Status).toBe('SUCCESS');
    const failed = await t.call('GetOperateResult', { ResId: iccid });
    expect(failed.Data).toMatchObject({ Status: 'FAILURE', Result: false, OperateType: 'ResumeSingleCard' });
    expect(failed.Data.ExecuteResult).toMatch(/^linkcard\.check\.CardStatusNotAllowed: /);
    expect((await t.call('GetOperateResult', { SerialNo: second.SerialNo })).Data.Status).toBe('FAILURE');
  });
  test('an unknown SerialNo, or neither SerialNo nor ResId, is a bad parameter', async () => {
    expectFailure(await t.fail('GetOperateResult', { SerialNo: 'OP99999999' }), 'IllegalParameter');
    expectFailure(await t.fail('GetOperateResult', {}), 'IllegalParameter');
    expectFailure(
      await t.fail('GetOperateResult', { ResId: '89860000000000000000' }),
      'linkcard.common.CardNotExist',
    );
  });
});

describe('replay', () => {
  test('a session driven by the SDK is journaled from rpc and replayed by a restarted twin', async () => {
    const dir = tempDir('cardtwin-rpc-');
    try {
      const first = await rpcTestApp({ dataDir: dir.path });
      await first.advance(STARTED_AT);
      const [a, b] = first.group('meters');
      const msisdn = first.live.world.findCard(a!)!.msisdn;
      await first.call('StopSingleCard', { Iccid: a });
      await first.call('Renew', { Iccid: a, RechargeType: 'STANDARD', BuyNum: 6, SerialNo: 'S-1' });
      await first.call('UpdateAutoRechargeSwitch', { Iccid: b, Open: true });
      await first.call('AddTagsToCard', { Iccid: b, TagNameList: '["north"]' });
      await first.call('SetCardStopRule', { Iccid: a, FlowLimit: 20, AutoRestore: false });
      const group = await first.call('AddDirectionalGroup', { GroupName: 'replayed' });
      await first.call('AddDirectionalAddress', {
        GroupId: group.Data,
        Source: 'user_defined',
        AddressType: 'Domain',
        Address: 'iot.example.com',
      });
      await first.call('AddCardToDirectionalGroup', {
        GroupId: group.Data,
        IccidList: JSON.stringify(first.group('direct')),
        SerialNo: 'S-2',
        AddType: 'NEW',
      });
      await first.call('SendMessage', {
        TaskName: 'replay',
        MessageTemplateId: 3,
        MessageSendTime: 0,
        Msisdns: JSON.stringify([msisdn]),
      });
      await first.call('ResumeSingleCard', { Iccid: a });
      const rpc = first.live.journal().filter((entry) => entry.source === 'rpc');
      expect(rpc.map((entry) => entry.operation)).toEqual([
        'suspend',
        'topUp',
        'setAutoRenew',
        'addTags',
        'setUsageLimit',
        'rpc.directionalGroup.add',
        'rpc.directionalAddress.add',
        'rpc.directionalCards.add',
        'rpc.message.send',
        'resume',
      ]);
      const hash = first.live.world.hash();
      const cards = (await first.call('ListCardInfo', { PageNo: 1, PageSize: 40 })).Data.List;
      const detail = (
        await first.call('ListDirectionalDetail', {
          Iccid: first.group('direct')[0],
          PageNo: 1,
          PageSize: 10,
        })
      ).Data;
      await first.close();

      const second = await rpcTestApp({ dataDir: dir.path });
      try {
        expect(second.resumed).toBe(true);
        expect(second.live.world.hash()).toBe(hash);
        expect((await second.call('ListCardInfo', { PageNo: 1, PageSize: 40 })).Data.List).toEqual(cards);
        expect(
          (
            await second.call('ListDirectionalDetail', {
              Iccid: second.group('direct')[0],
              PageNo: 1,
              PageSize: 10,
            })
          ).Data,
        ).toEqual(detail);
        expect(second.live.world.findCard(a!)!.records.some((r) => r.action === 'Message sent')).toBe(true);
      } finally {
        await second.close();
      }
    } finally {
      dir.remove();
    }
  });
});
