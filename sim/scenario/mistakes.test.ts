// Every mistake is one ScenarioError naming the place (`steps[3].cards.group`) and saying, in one
// sentence, what is wrong and what is expected: never a zod dump.
import { describe, expect, it } from 'vitest';
import { ZOD_WORDING, fleet, mistake, steps, type MistakeCase } from './mistake-cases.ts';

const cases: MistakeCase[] = [
  // The header.
  [
    'a misspelled top-level key',
    'name: x\nstart: 2026-01-15\nstpes: []\n',
    'stpes',
    /^unknown key \(did you mean "steps"\?\)$/,
  ],
  [
    'an unknown key far from any',
    'name: x\nstart: 2026-01-15\nfoo: 1\n',
    'foo',
    /^unknown key \(expected one of name, description, seed/,
  ],
  ['a missing name', 'start: 2026-01-15\n', 'name', /^required: the scenario's name$/],
  ['a bad date', 'name: x\nstart: 2026-02-30\n', 'start', /^2026-02-30: February 2026 has 28 days$/],
  [
    'a date in the wrong form',
    'name: x\nstart: 15/01/2026\n',
    'start',
    /^15\/01\/2026: not a date or date-time \(expected YYYY-MM-DD/,
  ],
  ['a negative seed', 'name: x\nseed: -1\nstart: 2026-01-15\n', 'seed', /whole number ≥ 0/],
  ['until before start', 'name: x\nstart: 2026-01-15\nuntil: 2026-01-01\n', 'until', /is before start/],
  ['not a mapping', '- a\n', '', /a scenario is a mapping/],
  // The fleet, pools, profiles, carriers.
  [
    'a bad voucher',
    fleet.replace('CM_SC_M_1_100M', 'CM_SC_M_1'),
    'fleet[0].voucher',
    /^bad plan voucher "CM_SC_M_1": it has 4 parts; expected 5/,
  ],
  ['a bad tier', fleet.replace('CM_SC_M_1_100M', 'CM_SC_M_1_1OOM'), 'fleet[0].voucher', /bad tier "1OOM"/],
  [
    'duplicate group names',
    `${fleet}  - { group: meters, count: 1, voucher: CT_SC_M_1_30M }\n`.replace(
      'pools: [{ id: P1, size: 10G }]\n',
      '',
    ),
    'fleet[1].group',
    /group "meters" is already defined at fleet\[0\]/,
  ],
  [
    'a UP voucher whose pool is not declared',
    fleet.replace('CM_SC_M_1_100M', 'CU_UP_M_1_P2'),
    'fleet[0].voucher',
    /names pool "P2", which is not declared under `pools`/,
  ],
  [
    'an unknown device profile',
    `${fleet}`.replace(
      '    voucher: CM_SC_M_1_100M\n',
      '    voucher: CM_SC_M_1_100M\n    device: { profile: metre }\n',
    ),
    'fleet[0].device.profile',
    /^unknown device profile "metre" \(did you mean "meter"\?\)$/,
  ],
  [
    'an order before start',
    fleet.replace('    count: 5\n', '    count: 5\n    ordered: 2026-01-01\n'),
    'fleet[0].ordered',
    /before start .*cannot be backdated/,
  ],
  [
    'a device inserted before the order',
    fleet.replace(
      '    count: 5\n',
      '    count: 5\n    ordered: 2026-03-01\n    device: { profile: meter, inserted: 2026-02-01 }\n',
    ),
    'fleet[0].device.inserted',
    /before the cards are ordered/,
  ],
  ['a count of zero', fleet.replace('count: 5', 'count: 0'), 'fleet[0].count', /^buy at least 1 card$/],
  [
    'a pool declared twice',
    `${fleet}`.replace('[{ id: P1, size: 10G }]', '[{ id: P1, size: 10G }, { id: P1, size: 1G }]'),
    'pools[1].id',
    /declared twice/,
  ],
  [
    'a pool size that is not a size',
    fleet.replace('size: 10G', 'size: lots'),
    'pools[0].size',
    /^bad data size "lots": it is not a data size; expected a number and a unit/,
  ],
  [
    'a custom profile named like a built-in',
    'name: x\nstart: 2026-01-15\nprofiles:\n  meter: { dailyMB: 1, sessionsPerDay: 1, whitelistedShare: 1 }\n',
    'profiles.meter',
    /built-in profile/,
  ],
  [
    'a share above 1',
    'name: x\nstart: 2026-01-15\nprofiles:\n  p: { dailyMB: 1, sessionsPerDay: 1, whitelistedShare: 2 }\n',
    'profiles.p.whitelistedShare',
    /a share is 0-1/,
  ],
  [
    'an unknown carrier',
    'name: x\nstart: 2026-01-15\ncarriers: { CX: {} }\n',
    'carriers.CX',
    /^unknown key \(did you mean "CM"\?\)$/,
  ],
  [
    'a delay in months',
    'name: x\nstart: 2026-01-15\ncarriers: { CM: { operationDelay: 1mo } }\n',
    'carriers.CM.operationDelay',
    /1mo: use s, m, h, d or w here, not months/,
  ],
  [
    'active hours that wrap past midnight',
    'name: x\nstart: 2026-01-15\nprofiles:\n  p: { dailyMB: 1, sessionsPerDay: 1, whitelistedShare: 1, activeHours: [20, 8] }\n',
    'profiles.p.activeHours',
    /from must be before to/,
  ],
  // Steps: time.
  [
    'a backwards at',
    steps(
      '  - { at: 2026-03-01, do: activate, cards: { group: meters } }\n  - { at: 2026-02-01, do: suspend, cards: { group: meters } }\n',
    ),
    'steps[1].at',
    /2026-02-01T00:00:00\+08:00 is before the time of steps\[0\] .*must not go backwards/,
  ],
  [
    'a first step before start',
    steps('  - { at: 2026-01-01, do: activate, cards: { group: meters } }\n'),
    'steps[0].at',
    /is before start/,
  ],
  [
    'both at and after',
    steps('  - { at: 2026-02-01, after: 1d, do: activate, cards: { group: meters } }\n'),
    'steps[0].after',
    /`at` or `after`, not both/,
  ],
  ['no time', steps('  - { do: activate, cards: { group: meters } }\n'), 'steps[0]', /a step needs a time/],
  [
    'a bad duration',
    steps('  - { after: 3 days, do: activate, cards: { group: meters } }\n'),
    'steps[0].after',
    /"3 days": not a duration; a duration is a whole number and a unit/,
  ],
  [
    'until before the last step',
    steps('  - { at: 2026-03-01, do: activate, cards: { group: meters } }\n').replace(
      'start: 2026-01-15\n',
      'start: 2026-01-15\nuntil: 2026-02-01\n',
    ),
    'until',
    /is before the last step, steps\[0\]/,
  ],
  // Steps: shape.
  [
    'an unknown operation',
    steps('  - { at: 2026-02-01, do: activte, cards: { group: meters } }\n'),
    'steps[0].do',
    /^unknown operation "activte" \(did you mean "activate"\?\)$/,
  ],
  [
    'an operation far from any',
    steps('  - { at: 2026-02-01, do: explode, cards: { group: meters } }\n'),
    'steps[0].do',
    /^unknown operation "explode" \(expected one of activate, requestTestPeriod/,
  ],
  [
    'an unknown key inside a step',
    steps('  - { at: 2026-02-01, do: activate, cards: { group: meters }, cardz: 1 }\n'),
    'steps[0].cardz',
    /^unknown key \(did you mean "cards"\?\)$/,
  ],
  [
    'a step with neither do nor expect',
    steps('  - at: 2026-02-01\n'),
    'steps[0]',
    /needs an operation \(`do`\) or expectations \(`expect`\)/,
  ],
  [
    'expectError without do',
    steps('  - { at: 2026-02-01, expectError: StatusNotAllowed }\n'),
    'steps[0].expectError',
    /needs an operation/,
  ],
  [
    'cards without do',
    steps('  - { at: 2026-02-01, cards: { group: meters } }\n'),
    'steps[0].cards',
    /needs an operation/,
  ],
  [
    'an unknown error code',
    steps('  - { at: 2026-02-01, do: activate, cards: { group: meters }, expectError: NotAllowed }\n'),
    'steps[0].expectError',
    /^unknown error code "NotAllowed" \(expected one of CardNotFound/,
  ],
  [
    'cards on an operation without cards',
    steps('  - { at: 2026-02-01, do: expandPool, cards: { group: meters }, with: { pool: P1, by: 1G } }\n'),
    'steps[0].cards',
    /`expandPool` selects no cards/,
  ],
  [
    'an operation on cards without cards',
    steps('  - { at: 2026-02-01, do: activate }\n'),
    'steps[0].cards',
    /^required: /,
  ],
];

describe('scenario mistakes in the set-up and the timeline: one sentence at the right path', () => {
  it.each(cases)('%s', (_name, text, path, reason) => {
    const found = mistake(text);
    expect(found.path).toBe(path);
    expect(found.reason).toMatch(reason);
    expect(found.reason).not.toMatch(ZOD_WORDING);
  });
});
