// The platform's card-changing operations through the real SDK client: each succeeds on a card in the
// right state and lands in the journal (source rpc), is refused on a card in the wrong one, and refuses
// a bad parameter with the platform's code and HTTP status.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rpcTestApp, STARTED_AT, type RpcTestApp, expectFailureEnvelope } from './test-helpers.ts';

let t: RpcTestApp;
beforeAll(async () => {
  t = await rpcTestApp();
  await t.advance(STARTED_AT);
});
afterAll(() => t.close());

const card = (iccid: string) => t.card(iccid);
const lastJournal = () => t.lastJournal();

describe('StopSingleCard and ResumeSingleCard', () => {
  test('L7 StopSingleCard suspends a card In use, journaled as suspend from rpc', async () => {
    const [iccid] = t.group('meters');
    const body = await t.call('StopSingleCard', { Iccid: iccid });
    expect(body).toMatchObject({ Code: '200', Success: true, Data: true });
    expect(card(iccid!).view.specificStatus).toBe('Manually suspended');
    expect(lastJournal()).toMatchObject({ operation: 'suspend', cards: [iccid], source: 'rpc' });
  });
  test('L7 StopSingleCard on a card in its silent period is refused', async () => {
    const before = t.live.journalLength();
    expectFailureEnvelope(
      await t.fail('StopSingleCard', { Iccid: t.group('meters')[1] }),
      'linkcard.check.CardStatusNotAllowed',
    );
    expect(t.live.journalLength()).toBe(before);
  });
  test('StopSingleCard without Iccid, with a bad OptMsisdns, or on no card', async () => {
    expectFailureEnvelope(await t.fail('StopSingleCard', {}), 'linkcard.check.IccidCanNotEmpty');
    expectFailureEnvelope(
      await t.fail('StopSingleCard', { Iccid: t.group('meters')[0], OptMsisdns: '1440' }),
      'IllegalParameter',
    );
    expectFailureEnvelope(
      await t.fail('StopSingleCard', { Iccid: '89860000000000000000' }),
      'linkcard.common.CardDestroy',
    );
  });
  test('L7 ResumeSingleCard lifts the manual suspension', async () => {
    const [iccid] = t.group('meters');
    expect((await t.call('ResumeSingleCard', { Iccid: iccid })).Data).toBe(true);
    expect(card(iccid!).view.specificStatus).toBe('In use');
    expect(lastJournal()).toMatchObject({ operation: 'resume', source: 'rpc' });
  });
  test('L7 ResumeSingleCard on a card In use is refused; an MSISDN of another card is a bad parameter', async () => {
    const [iccid] = t.group('direct');
    expectFailureEnvelope(
      await t.fail('ResumeSingleCard', { Iccid: iccid }),
      'linkcard.check.CardStatusNotAllowed',
    );
    const other = card(t.group('meters')[0]!).msisdn;
    expectFailureEnvelope(
      await t.fail('ResumeSingleCard', { Iccid: iccid, OptMsisdns: JSON.stringify([other]) }),
      'IllegalParameter',
    );
  });
  test('M3 OptMsisdns acts on the named sub-cards of a multi-network card only', async () => {
    const [iccid] = t.group('smart');
    t.perform('activate', [iccid!]);
    const cu = card(iccid!).subCards.find((s) => s.carrier === 'CU')!;
    await t.call('StopSingleCard', { Iccid: iccid, OptMsisdns: JSON.stringify([cu.msisdn]) });
    expect(cu.view.specificStatus).toBe('Manually suspended');
    expect(card(iccid!).view.specificStatus).toBe('Partially in use');
    expect(lastJournal().args).toEqual({ subCards: [cu.msisdn] });
    expectFailureEnvelope(
      await t.fail('StopSingleCard', { Iccid: iccid, OptMsisdns: '["1440000000000"]' }),
      'IllegalParameter',
    );
  });
});

describe('RebindResumeSingleCard', () => {
  test('L6 a card locked by another device is bound to it again', async () => {
    const iccid = t.group('direct')[1]!;
    t.perform('insertDevice', [iccid], { profile: 'meter' });
    t.perform('traffic', [iccid], { mb: 1 });
    t.perform('swapDevice', [iccid]);
    t.perform('traffic', [iccid], { mb: 1 });
    expect(card(iccid).view.specificStatus).toBe('Suspended (device change)');
    expect((await t.call('RebindResumeSingleCard', { Iccid: iccid })).Data).toBe(true);
    expect(card(iccid).view.specificStatus).toBe('In use');
    expect(lastJournal()).toMatchObject({ operation: 'rebind', source: 'rpc' });
  });
  test('L6 a card not locked is refused; no Iccid is a bad parameter', async () => {
    expectFailureEnvelope(
      await t.fail('RebindResumeSingleCard', { Iccid: t.group('direct')[2] }),
      'linkcard.check.CardStatusNotAllowed',
    );
    expectFailureEnvelope(
      await t.fail('RebindResumeSingleCard', { OptMsisdns: '[]' }),
      'linkcard.check.IccidCanNotEmpty',
    );
  });
});

describe('ForceActivation', () => {
  test('L14 an unused same-tier pool card is forced into use', async () => {
    const iccid = t.group('same')[0]!;
    expect((await t.call('ForceActivation', { Iccid: iccid, DateType: 'sameflowcard' })).Data).toBe(true);
    expect(card(iccid).view).toMatchObject({ specificStatus: 'In use', activationType: 'manage' });
    expect(lastJournal()).toMatchObject({ operation: 'forceActivate', source: 'rpc' });
  });
  test('L14 a card in use, or not on a same-tier plan, is refused with the documented codes', async () => {
    expectFailureEnvelope(
      await t.fail('ForceActivation', { Iccid: t.group('same')[0] }),
      'linkcard.check.OnlyUnusedCanForceActivation',
    );
    expectFailureEnvelope(
      await t.fail('ForceActivation', { Iccid: t.group('meters')[1] }),
      'linkcard.check.ForceActivationSameFlowCard',
    );
  });
  test('ForceActivation with an unknown DateType or another plan type is a bad parameter', async () => {
    expectFailureEnvelope(
      await t.fail('ForceActivation', { Iccid: t.group('same')[1], DateType: 'pool' }),
      'IllegalParameter',
    );
    expectFailureEnvelope(
      await t.fail('ForceActivation', { Iccid: t.group('same')[1], DateType: 'directional_sameflowcard' }),
      'IllegalParameter',
    );
  });
});

describe('Renew', () => {
  test('T2 T4 STANDARD renews the plan once per SerialNo and answers the same OrderNo again', async () => {
    const iccid = t.group('meters')[0]!;
    const ends = card(iccid).serviceEndsAt!;
    const first = await t.call('Renew', {
      Iccid: iccid,
      RechargeType: 'STANDARD',
      BuyNum: 3,
      SerialNo: 'R-1',
    });
    expect(first.Data).toEqual({ OrderNo: expect.stringMatching(/^2\d{14}$/), SerialNo: 'R-1' });
    const again = await t.call('Renew', {
      Iccid: iccid,
      RechargeType: 'STANDARD',
      BuyNum: 3,
      SerialNo: 'R-1',
    });
    expect(again.Data).toEqual(first.Data);
    expect(card(iccid).serviceEndsAt! - ends).toBeGreaterThan(80 * 86_400_000);
    expect(t.live.world.billing.ledger.lines({ card: iccid, reason: 'renewal' })).toHaveLength(1);
    expect(lastJournal()).toMatchObject({
      operation: 'topUp',
      args: { type: 'renew', periods: 3, serial: 'R-1' },
    });
  });
  test('T3 OVERLAY buys add-on packages of the OfferCode size', async () => {
    const body = await t.call('Renew', {
      Iccid: t.group('meters')[0],
      RechargeType: 'OVERLAY',
      OfferCode: '100M',
      BuyNum: 2,
      SerialNo: 'R-2',
    });
    expect(body.Data.SerialNo).toBe('R-2');
    expect(t.live.world.billing.ledger.lines({ reason: 'addOn', card: t.group('meters')[0]! })).toHaveLength(
      1,
    );
  });
  test('T1 a unified-payment pool card is refused; a SerialNo of another card too', async () => {
    expectFailureEnvelope(
      await t.fail('Renew', {
        Iccid: t.group('pooled')[0],
        RechargeType: 'STANDARD',
        BuyNum: 1,
        SerialNo: 'R-3',
      }),
      'linkcard.check.PlanTypeNotSupported',
    );
    expectFailureEnvelope(
      await t.fail('Renew', {
        Iccid: t.group('meters')[1],
        RechargeType: 'STANDARD',
        BuyNum: 3,
        SerialNo: 'R-1',
      }),
      'IllegalParameter',
    );
  });
  test('T2 BuyNum 5, no RechargeType or OVERLAY without OfferCode are bad parameters', async () => {
    const iccid = t.group('meters')[0];
    expectFailureEnvelope(
      await t.fail('Renew', { Iccid: iccid, RechargeType: 'STANDARD', BuyNum: 5, SerialNo: 'R-4' }),
      'IllegalParameter',
    );
    expectFailureEnvelope(
      await t.fail('Renew', { Iccid: iccid, BuyNum: 1, SerialNo: 'R-5' }),
      'IllegalParameter',
    );
    expectFailureEnvelope(
      await t.fail('Renew', { Iccid: iccid, RechargeType: 'OVERLAY', BuyNum: 1, SerialNo: 'R-6' }),
      'IllegalParameter',
    );
  });
});
