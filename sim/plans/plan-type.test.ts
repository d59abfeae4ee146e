import { describe, expect, it } from 'vitest';
import {
  PLAN_TYPES,
  PLAN_TYPE_FACTS,
  allowsTopUp,
  isPlanType,
  planTypeFacts,
  planTypeOfApiDataType,
  type ApiDataType,
  type PlanType,
} from './plan-type.ts';

describe('plan types', () => {
  it('V3 there are six plan types with the seed names', () => {
    expect(PLAN_TYPES).toEqual(['SC', 'SCD', 'SF', 'SFD', 'UP', 'UPG']);
    expect(PLAN_TYPES.map((t) => planTypeFacts(t).name)).toEqual([
      'Single-card plan',
      'Single-card directional plan',
      'Same-tier pool plan',
      'Same-tier pool directional plan',
      'Pooled data plan',
      'Pooled directional data plan',
    ]);
    for (const t of PLAN_TYPES) expect(PLAN_TYPE_FACTS[t].planType).toBe(t);
  });

  it('V3 isPlanType accepts exactly the six codes', () => {
    for (const t of PLAN_TYPES) expect(isPlanType(t)).toBe(true);
    for (const x of ['sc', 'SCG', '', 'U', 'POOL', 1, undefined]) expect(isPlanType(x)).toBe(false);
  });

  it('V3 API data types, one per plan type (UP unityPayPool, UPG GREcard)', () => {
    const expected: Record<PlanType, ApiDataType> = {
      SC: 'singlecard',
      SCD: 'directionalcard',
      SF: 'sameflowcard',
      SFD: 'directional_sameflowcard',
      UP: 'unityPayPool',
      UPG: 'GREcard',
    };
    for (const t of PLAN_TYPES) {
      expect(planTypeFacts(t).apiDataType).toBe(expected[t]);
      expect(planTypeOfApiDataType(expected[t])).toBe(t);
    }
  });

  it('V6 directional plans are SCD, SFD and UPG', () => {
    expect(PLAN_TYPES.filter((t) => planTypeFacts(t).directional)).toEqual(['SCD', 'SFD', 'UPG']);
  });

  it('V5 only UP and UPG carry a pool ID', () => {
    expect(PLAN_TYPES.filter((t) => planTypeFacts(t).hasPoolId)).toEqual(['UP', 'UPG']);
  });

  it('P1 P2 pools: SF/SFD same-tier, UP/UPG pooled, SC/SCD none', () => {
    expect(PLAN_TYPES.map((t) => [t, planTypeFacts(t).isPool, planTypeFacts(t).poolKind])).toEqual([
      ['SC', false, undefined],
      ['SCD', false, undefined],
      ['SF', true, 'sameTier'],
      ['SFD', true, 'sameTier'],
      ['UP', true, 'pooled'],
      ['UPG', true, 'pooled'],
    ]);
  });

  it('P1 P2 P3 exhaustion: single cards stop, same-tier pools bill overage, pooled plans suspend the pool', () => {
    expect(PLAN_TYPES.map((t) => planTypeFacts(t).onExhaustion)).toEqual([
      'stopCard',
      'stopCard',
      'billOverage',
      'billOverage',
      'suspendPool',
      'suspendPool',
    ]);
  });

  it('T1 top-up kinds per plan type: SC/SCD renew and add-on, SF/SFD renew only, UP/UPG none', () => {
    expect(planTypeFacts('SC').topUpKinds).toEqual(['renew', 'addOn']);
    expect(planTypeFacts('SCD').topUpKinds).toEqual(['renew', 'addOn']);
    expect(planTypeFacts('SF').topUpKinds).toEqual(['renew']);
    expect(planTypeFacts('SFD').topUpKinds).toEqual(['renew']);
    expect(planTypeFacts('UP').topUpKinds).toEqual([]);
    expect(planTypeFacts('UPG').topUpKinds).toEqual([]);
  });

  it('T3 add-on packages are for single-card plans only', () => {
    expect(PLAN_TYPES.filter((t) => allowsTopUp(t, 'addOn'))).toEqual(['SC', 'SCD']);
    expect(PLAN_TYPES.filter((t) => allowsTopUp(t, 'renew'))).toEqual(['SC', 'SCD', 'SF', 'SFD']);
  });
});
