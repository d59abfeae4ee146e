// The platform's card settings through the real SDK client: usage-limit stop rule, automatic renewal,
// tags. Each succeeds and lands in the journal (source rpc), is refused on a canceled card, and refuses a
// bad parameter with the platform's code and HTTP status.
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

describe('SetCardStopRule', () => {
  test('C6 sets the card usage limit (MB) and its automatic restore; 0 removes it', async () => {
    const iccid = t.group('meters')[2]!;
    expect((await t.call('SetCardStopRule', { Iccid: iccid, FlowLimit: 50, AutoRestore: false })).Data).toBe(
      true,
    );
    expect(card(iccid)).toMatchObject({ usageLimitBytes: 50 * 1_048_576, usageLimitAutoRestore: false });
    const detail = await t.call('GetCardDetail', { Iccid: iccid });
    expect(detail.Data.VsimCardInfo).toMatchObject({
      CardLimitStopThreshold: 51_200,
      AutoLimitResume: false,
    });
    await t.call('SetCardStopRule', { Iccid: iccid, FlowLimit: 0, AutoRestore: true });
    expect(card(iccid).usageLimitBytes).toBeNull();
    expect(lastJournal()).toMatchObject({
      operation: 'setUsageLimit',
      args: { mb: null, autoRestore: true },
    });
  });
  test('L13 a canceled card is refused', async () => {
    expectFailureEnvelope(
      await t.fail('SetCardStopRule', { Iccid: t.group('gone')[0], FlowLimit: 10, AutoRestore: true }),
      'linkcard.common.CardDestroy',
    );
  });
  test('a negative, fractional or too large FlowLimit is refused with the documented codes', async () => {
    const iccid = t.group('meters')[2];
    expectFailureEnvelope(
      await t.fail('SetCardStopRule', { Iccid: iccid, FlowLimit: -1, AutoRestore: true }),
      'linkcard.check.RuleMustBePositiveInteger',
    );
    expectFailureEnvelope(
      await t.fail('SetCardStopRule', { Iccid: iccid, FlowLimit: 1.5, AutoRestore: true }),
      'linkcard.check.RuleMustBePositiveInteger',
    );
    expectFailureEnvelope(
      await t.fail('SetCardStopRule', { Iccid: iccid, FlowLimit: '9007199254740991', AutoRestore: true }),
      'linkcard.check.RuleMaxValueLimit',
    );
    expectFailureEnvelope(
      await t.fail('SetCardStopRule', { Iccid: iccid, FlowLimit: 5 }),
      'IllegalParameter',
    );
  });
});

describe('UpdateAutoRechargeSwitch', () => {
  test('L11 switches automatic renewal', async () => {
    const iccid = t.group('meters')[0]!;
    expect((await t.call('UpdateAutoRechargeSwitch', { Iccid: iccid, Open: true })).Data).toBe(true);
    expect(card(iccid).autoRenew).toBe(true);
    expect(lastJournal()).toMatchObject({ operation: 'setAutoRenew', args: { on: true }, source: 'rpc' });
  });
  test('L13 a canceled card is refused; Open must be true or false', async () => {
    expectFailureEnvelope(
      await t.fail('UpdateAutoRechargeSwitch', { Iccid: t.group('gone')[0], Open: true }),
      'linkcard.common.CardDestroy',
    );
    expectFailureEnvelope(
      await t.fail('UpdateAutoRechargeSwitch', { Iccid: t.group('meters')[0], Open: 'yes' }),
      'IllegalParameter',
    );
  });
});

describe('AddTagsToCard', () => {
  test('C3 sets the tags of a card and answers them with their IDs', async () => {
    const iccid = t.group('meters')[1]!;
    const body = await t.call('AddTagsToCard', {
      Iccid: iccid,
      TagNameList: JSON.stringify(['north', '测试标签']),
    });
    expect(body.Data).toEqual([
      { TagId: expect.stringMatching(/^\d+$/), TagName: 'north' },
      { TagId: expect.stringMatching(/^\d+$/), TagName: '测试标签' },
    ]);
    expect(body).not.toHaveProperty('LocalizedMessage');
    const next = await t.call('AddTagsToCard', {
      Iccid: iccid,
      TagNameList: JSON.stringify(['north', 'pilot']),
    });
    expect(next.Data.map((tag: { TagName: string }) => tag.TagName)).toEqual(['north', 'pilot']);
    expect(
      t.live
        .journal()
        .slice(-2)
        .map((e) => e.operation),
    ).toEqual(['removeTags', 'addTags']);
    await t.call('AddTagsToCard', { Iccid: iccid });
    expect(card(iccid).tags).toEqual([]);
  });
  test('L13 a canceled card is refused', async () => {
    expectFailureEnvelope(
      await t.fail('AddTagsToCard', { Iccid: t.group('gone')[0], TagNameList: '["x"]' }),
      'linkcard.common.CardDestroy',
    );
  });
  test('C3 a fourth tag, five names or a list that is not JSON are bad parameters', async () => {
    const iccid = t.group('meters')[1];
    expectFailureEnvelope(
      await t.fail('AddTagsToCard', { Iccid: iccid, TagNameList: '["a","b","c","d"]' }),
      'IllegalParameter',
    );
    expectFailureEnvelope(
      await t.fail('AddTagsToCard', { Iccid: iccid, TagNameList: '["a","b","c","d","e"]' }),
      'IllegalParameter',
    );
    expectFailureEnvelope(
      await t.fail('AddTagsToCard', { Iccid: iccid, TagNameList: 'a,b' }),
      'IllegalParameter',
    );
    expect(card(iccid!).tags).toEqual([]);
  });
});
