// The platform's card and fleet queries through the real SDK client: field names and wire types of the
// reference (numbers that are strings stay strings), the platform's page sizes, filters, refusals.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rpcTestApp, STARTED_AT, type RpcTestApp, expectFailure } from './test-helpers.ts';

let t: RpcTestApp;
beforeAll(async () => {
  t = await rpcTestApp();
  await t.advance(STARTED_AT);
});
afterAll(() => t.close());

const iccidsOf = (body: { Data: { List: { Iccid: string }[] } }) => body.Data.List.map((row) => row.Iccid);

describe('ListCardInfo', () => {
  test('pages with the platform page sizes, rows typed as the reference says', async () => {
    const body = await t.call('ListCardInfo', { PageNo: 2, PageSize: 10 });
    expect(body.Data).toMatchObject({ PageNo: 2, PageSize: 10, Total: 18, PageCount: 2 });
    expect(body.Data.List).toHaveLength(8);
    const first = (await t.call('ListCardInfo', { PageNo: 1, PageSize: 15 })).Data.List[0];
    expect(first).toMatchObject({
      Iccid: t.group('meters')[0],
      Status: '30',
      OsStatus: '100',
      ActiveType: 'manage',
      ActiveTime: '2026-03-01 08:00:00',
      DataType: 'singlecard',
      Vendor: 'CMCC',
      Period: '1101',
      CredentialNo: 'CM-SC-M-1-100M',
      DataLevel: '100MB',
      IsAutoRecharge: false,
      VsimInstanceId: expect.any(Number),
      Msisdn: [expect.stringMatching(/^\d{13}$/)],
      Imsi: [expect.stringMatching(/^460\d{12}$/)],
      PeriodAddFlow: expect.stringMatching(/^(0KB|\d+\.\d\dKB)$/),
      PeriodSmsUse: '0',
    });
  });
  test('C2 filters: Vendor, DataType, Status, OsStatus, CredentialNo, PoolId, activation time', async () => {
    const ids = async (params: Record<string, unknown>) =>
      iccidsOf(await t.call('ListCardInfo', { PageNo: 1, PageSize: 40, ...params }));
    expect(await ids({ Vendor: 'VNO' })).toEqual(t.group('smart'));
    expect(await ids({ DataType: 'directionalcard' })).toEqual(t.group('direct'));
    expect(await ids({ Status: '50' })).toEqual(t.group('gone'));
    expect(await ids({ OsStatus: '20', Vendor: 'CTCC' })).toEqual(t.group('delayed'));
    expect(await ids({ CredentialNo: 'CU-UP-M-1-P1' })).toEqual(t.group('pooled'));
    expect(await ids({ PoolId: 'P1' })).toEqual(t.group('pooled'));
    expect(
      await ids({ ActiveTimeStart: '2026-03-01 08:00:00', ActiveTimeEnd: '2026-03-01 08:00:00' }),
    ).toEqual([t.group('meters')[0], ...t.group('direct')]);
    expect(await ids({ Iccid: t.group('smart')[1], CertifyType: 'enterprise', NetworkType: '4G' })).toEqual([
      t.group('smart')[1],
    ]);
  });
  test('a page size the platform does not offer, or an unknown status, is a bad parameter', async () => {
    expectFailure(await t.fail('ListCardInfo', { PageNo: 1, PageSize: 20 }), 'IllegalParameter');
    expectFailure(await t.fail('ListCardInfo', { PageNo: 0, PageSize: 10 }), 'IllegalParameter');
    expectFailure(
      await t.fail('ListCardInfo', { PageNo: 1, PageSize: 10, Status: '99' }),
      'IllegalParameter',
    );
    expectFailure(
      await t.fail('ListCardInfo', { PageNo: 1, PageSize: 10, CredentialNo: 'CM-XX' }),
      'IllegalParameter',
    );
  });
});

describe('GetCardDetail', () => {
  test('M1 the card, and with ShowPsim its sub-cards', async () => {
    const [iccid] = t.group('smart');
    const body = await t.call('GetCardDetail', { Iccid: iccid, ShowPsim: true });
    expect(body.Data.VsimCardInfo).toMatchObject({
      Iccid: iccid,
      Vendor: 'VNO',
      Status: '20',
      CertifyStatus: '2',
      FlowThresholdUnit: 'KB',
    });
    expect(body.Data.ListPsimCards.map((s: { Vendor: string }) => s.Vendor)).toEqual([
      'CMCC',
      'CUCC',
      'CTCC',
    ]);
    expect(body.Data.ListPsimCards[0]).toMatchObject({
      OsStatus: '20',
      Status: '20',
      Msisdn: [expect.any(String)],
    });
    expect((await t.call('GetCardDetail', { Iccid: iccid })).Data.ListPsimCards).toEqual([]);
  });
  test('L13 a canceled card needs DestroyCard and its InstanceId', async () => {
    const [iccid] = t.group('gone');
    expectFailure(await t.fail('GetCardDetail', { Iccid: iccid }), 'linkcard.common.CardDestroy');
    expectFailure(
      await t.fail('GetCardDetail', { Iccid: iccid, DestroyCard: true }),
      'linkcard.check.InstanceIdCanNotEmpty',
    );
    const instance = t.live.world.findCard(iccid!)!.index + 100_000;
    const body = await t.call('GetCardDetail', {
      Iccid: iccid,
      DestroyCard: true,
      InstanceId: String(instance),
    });
    expect(body.Data.VsimCardInfo).toMatchObject({ Status: '50', OsStatus: '50' });
  });
  test('no card, or a bad ShowPsim, is refused', async () => {
    expectFailure(
      await t.fail('GetCardDetail', { Iccid: '89860000000000000000' }),
      'linkcard.common.CardNotExist',
    );
    expectFailure(
      await t.fail('GetCardDetail', { Iccid: t.group('meters')[0], ShowPsim: 'maybe' }),
      'IllegalParameter',
    );
  });
});

describe('GetCardFlowInfo and GetCardLatestFlow', () => {
  test('C5 usage by month and day (DateList.1 …), packages and networks', async () => {
    const iccid = t.group('meters')[0]!;
    t.perform('traffic', [iccid], { mb: 3 });
    const body = await t.call('GetCardFlowInfo', { Iccid: iccid, DateList: ['202603'] });
    expect(body.Data.ListCardMonthFlow).toHaveLength(1);
    expect(body.Data.ListCardMonthFlow[0]).toMatchObject({
      Month: '202603',
      FlowCount: expect.stringMatching(/MB$/),
    });
    expect(body.Data.ListCardMonthFlow[0].ListDayFlow[0]).toEqual({
      Day: '20260301',
      Flow: expect.any(String),
    });
    expect(body.Data.ListPackageDTO[0]).toMatchObject({
      EffectiveTime: '2026-03-01 08:00:00',
      ExpireTime: '2027-02-28 23:59:59',
    });
    expect(body.Data.ListVendorDetail).toEqual([expect.objectContaining({ Vendor: 'CMCC', Ratio: '100%' })]);
    const both = await t.call('GetCardFlowInfo', { Iccid: iccid });
    expect(both.Data.ListCardMonthFlow.map((m: { Month: string }) => m.Month)).toEqual(['202602', '202603']);
    const latest = await t.call('GetCardLatestFlow', { Iccid: iccid });
    expect(latest.Data).toMatch(/^3\.\d\dMB$/);
  });
  test('no card is refused with each operation own code; a month not yyyyMM is a bad parameter', async () => {
    expectFailure(
      await t.fail('GetCardFlowInfo', { Iccid: '89860000000000000000' }),
      'linkcard.common.CardNotExist',
    );
    expectFailure(
      await t.fail('GetCardLatestFlow', { Iccid: '89860000000000000000' }),
      'linkcard.common.IccidNotExist',
    );
    expectFailure(
      await t.fail('GetCardFlowInfo', { Iccid: t.group('meters')[0], DateList: ['2026-03'] }),
      'IllegalParameter',
    );
    expectFailure(
      await t.fail('GetCardFlowInfo', { Iccid: t.group('meters')[0], DateList: '202603' }),
      'IllegalParameter',
    );
    expectFailure(await t.fail('GetCardLatestFlow', {}), 'linkcard.check.IccidCanNotEmpty');
  });
});

describe('GetCardRealStatus', () => {
  test('a card in use is online with data service', async () => {
    const body = await t.call('GetCardRealStatus', { Iccid: t.group('meters')[0] });
    expect(body.Data).toEqual([
      {
        Iccid: t.group('meters')[0],
        Gprs: true,
        Online: true,
        SerialNo: expect.any(String),
        Status: 'SUCCESS',
      },
    ]);
    const smart = await t.call('GetCardRealStatus', {
      Msisdn: t.live.world.findCard(t.group('smart')[1]!)!.subCards[2]!.msisdn,
    });
    expect(smart.Data).toHaveLength(1);
  });
  test('a carrier with an operation delay answers PROCESSING until the SerialNo has waited it out', async () => {
    const [iccid] = t.group('delayed');
    const first = await t.call('GetCardRealStatus', { Iccid: iccid });
    expect(first.Data[0]).toMatchObject({ Status: 'PROCESSING', Gprs: false });
    const serial = first.Data[0].SerialNo;
    await t.advance('2026-03-02T00:10');
    const done = await t.call('GetCardRealStatus', { Iccid: iccid, SerialNo: JSON.stringify([serial]) });
    expect(done.Data[0]).toMatchObject({ Status: 'SUCCESS', Gprs: false, Online: false, SerialNo: serial });
  });
  test('neither Iccid nor Msisdn, or a SerialNo it did not give, is a bad parameter', async () => {
    expectFailure(await t.fail('GetCardRealStatus', {}), 'IllegalParameter');
    expectFailure(
      await t.fail('GetCardRealStatus', { Iccid: t.group('meters')[0], SerialNo: '["x"]' }),
      'IllegalParameter',
    );
    expectFailure(
      await t.fail('GetCardRealStatus', { Msisdn: '1440000000000' }),
      'linkcard.common.CardNotExist',
    );
  });
});
