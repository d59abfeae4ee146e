// The platform's fleet figures and orders through the real SDK client: statistics blocks as GET
// /api/stats has them, pool figures of a plan credential, orders derived from purchases and top-ups.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { call } from '../test/helpers.ts';
import { rpcTestApp, STARTED_AT, type RpcTestApp, expectFailure } from './test-helpers.ts';

let t: RpcTestApp;
beforeAll(async () => {
  t = await rpcTestApp();
  await t.advance(STARTED_AT);
});
afterAll(() => t.close());

describe('statistics', () => {
  test('GetSimCardStateDistribution counts cards by status as GET /api/stats does', async () => {
    const body = await t.call('GetSimCardStateDistribution', { Date: '202603' });
    const stats = await call(t.app, 'GET', '/api/stats');
    expect(body.Data).toEqual(stats.body.distribution);
    expect(body).not.toHaveProperty('LocalizedMessage');
    const pool = await t.call('GetSimCardStateDistribution', {
      Date: '202603',
      CredentialNO: 'CU-UP-M-1-P1',
    });
    expect(pool.Data).toMatchObject({ CardCount: 2, UnusedCount: 2 });
  });
  test('GetSimCardStateDistribution refuses a bad month, a later month and an unknown credential', async () => {
    expectFailure(
      await t.fail('GetSimCardStateDistribution', { Date: '2026-03' }),
      'linkcard.check.TimeFormatError',
    );
    expectFailure(await t.fail('GetSimCardStateDistribution', { Date: '203001' }), 'IllegalParameter');
    expectFailure(
      await t.fail('GetSimCardStateDistribution', { Date: '202603', CredentialNO: 'CT-SC-M-9-1G' }),
      'linkcard.common.CredentialNoNotExist',
    );
  });
  test('GetCardStatusStatistics gives the console overview blocks', async () => {
    t.perform('suspend', [t.group('direct')[2]!]);
    const body = await t.call('GetCardStatusStatistics');
    const stats = (await call(t.app, 'GET', '/api/stats')).body;
    expect(body.Data.ManageStopStatisticsDTO).toEqual(stats.statusStatistics.manageStop);
    expect(body.Data.ManageStopStatisticsDTO.SingleCardCount).toBeGreaterThanOrEqual(1);
    expect(body.Data.ExpireStopStatisticsDTO).toEqual(stats.statusStatistics.expireStop);
    expect(body.Data.SingCardPeriodLeftFlowWarnDTO).toEqual(stats.lowData);
    expect(Object.keys(body.Data.RiskWaringStatisticsDTO).sort()).toEqual([
      'LeftFlowPercentageWarnCount',
      'StopCount',
      'WaringTotalCount',
      'WarningCount',
    ]);
  });
  test('GetCardStatusStatistics with another API version is refused', async () => {
    const old = new (t.client().constructor as new (config: object) => never)({
      accessKeyId: 'LTAI-twin-test',
      accessKeySecret: 'twin-test-secret',
      endpoint: t.endpoint,
      apiVersion: '2020-01-01',
    });
    expectFailure(await t.fail('GetCardStatusStatistics', {}, old), 'InvalidVersion');
  });
  test('P1 P2 GetCredentialPoolStatistics: a same-tier pool and a unified-payment pool', async () => {
    t.perform('forceActivate', [t.group('same')[0]!]);
    const same = await t.call('GetCredentialPoolStatistics', {
      CredentialNO: 'CM-SF-M-1-100M',
      Date: '202603',
    });
    expect(same.Data).toMatchObject({
      CardTotalNum: 3,
      CardActiveNum: 1,
      CredentialNO: 'CM-SF-M-1-100M',
      EffectiveTotalFlow: '100.00MB',
      PoolGrandTotal: '',
    });
    const pooled = await t.call('GetCredentialPoolStatistics', {
      CredentialNO: 'CU_UP_M_1_P1',
      Date: '202603',
    });
    expect(pooled.Data).toMatchObject({
      CardTotalNum: 2,
      PoolGrandTotal: '1.00GB',
      PoolUsed: '0KB',
      MonthUsedAmount: 0,
      EffectiveTotalFlow: '',
    });
    expect(pooled.Data.MonthFeatureFee).toBeGreaterThan(0);
  });
  test('GetCredentialPoolStatistics refuses an unknown credential and a bad month', async () => {
    expectFailure(
      await t.fail('GetCredentialPoolStatistics', { CredentialNO: 'CM-SF-M-1-1G', Date: '202603' }),
      'linkcard.common.CredentialNoNotExist',
    );
    expectFailure(
      await t.fail('GetCredentialPoolStatistics', { CredentialNO: 'CM-SF-M-1-100M', Date: '20263' }),
      'linkcard.check.TimeFormatError',
    );
    expectFailure(await t.fail('GetCredentialPoolStatistics', { Date: '202603' }), 'IllegalParameter');
  });
});

describe('ListOrder', () => {
  test('purchases and top-ups as orders, newest first, filtered by type', async () => {
    await t.call('Renew', {
      Iccid: t.group('direct')[0],
      RechargeType: 'STANDARD',
      BuyNum: 1,
      SerialNo: 'LO-1',
    });
    const body = await t.call('ListOrder', { PageNo: 1, PageSize: 25 });
    expect(body.Data.Total).toBe(9);
    expect(body.Data.List[0]).toMatchObject({
      OrderType: 'RENEW',
      OrderStatus: 'completed',
      BuyNum: 1,
      PayDuration: '1月',
      CredentialNo: 'CM-SCD-M-1-100M',
      FlowType: 'directionalcard',
    });
    const news = await t.call('ListOrder', {
      PageNo: 1,
      PageSize: 10,
      OrderType: 'NEW',
      CredentialNo: 'CM-SC-M-1-100M',
    });
    expect(news.Data.List.map((o: { BuyNum: number }) => o.BuyNum)).toEqual([1, 3]);
    const card = await t.call('GetCardDetail', { Iccid: t.group('meters')[0] });
    const one = await t.call('ListOrder', {
      PageNo: 1,
      PageSize: 10,
      OrderId: card.Data.VsimCardInfo.AliyunOrderId,
      StartDate: '2026-02-01',
      EndDate: '2026-02-01',
    });
    expect(one.Data.List).toHaveLength(1);
  });
  test('an order status nobody has matches nothing; an unknown order type or page size is a bad parameter', async () => {
    expect((await t.call('ListOrder', { PageNo: 1, PageSize: 10, OrderStatus: 'refunded' })).Data.Total).toBe(
      0,
    );
    expectFailure(
      await t.fail('ListOrder', { PageNo: 1, PageSize: 10, OrderType: 'GIFT' }),
      'IllegalParameter',
    );
    expectFailure(await t.fail('ListOrder', { PageNo: 1, PageSize: 7 }), 'IllegalParameter');
    expectFailure(
      await t.fail('ListOrder', { PageNo: 1, PageSize: 10, StartDate: '20260201' }),
      'IllegalParameter',
    );
  });
});
