// Mistakes in what steps select, the arguments they give and what they expect.
import { describe, expect, it } from 'vitest';
import { ZOD_WORDING, expectations, mistake, steps, type MistakeCase } from './mistake-cases.ts';

const cases: MistakeCase[] = [
  // Steps: selectors.
  [
    'an unknown group',
    steps('  - { at: 2026-02-01, do: activate, cards: { group: metres } }\n'),
    'steps[0].cards.group',
    /^unknown group "metres" \(did you mean "meters"\?\)$/,
  ],
  [
    'a group bought only later',
    steps(
      '  - { at: 2026-02-01, do: activate, cards: { group: late } }\n  - { at: 2026-03-01, do: buy, with: { group: late, count: 1, voucher: CT_SC_M_1_30M } }\n',
    ),
    'steps[0].cards.group',
    /unknown group "late"/,
  ],
  [
    'an unknown pool in a selector',
    steps('  - { at: 2026-02-01, do: activate, cards: { pool: P9 } }\n'),
    'steps[0].cards.pool',
    /^unknown pool "P9" \(did you mean "P1"\?\)$/,
  ],
  [
    'two bases in a selector',
    steps('  - { at: 2026-02-01, do: activate, cards: { group: meters, tag: north } }\n'),
    'steps[0].cards.tag',
    /choose one of group and tag/,
  ],
  [
    'first without group',
    steps('  - { at: 2026-02-01, do: activate, cards: { tag: north, first: 2 } }\n'),
    'steps[0].cards.first',
    /first goes only with group/,
  ],
  [
    'an empty selector',
    steps('  - { at: 2026-02-01, do: activate, cards: {} }\n'),
    'steps[0].cards',
    /say which cards/,
  ],
  [
    'an index past the group',
    steps('  - { at: 2026-02-01, do: activate, cards: { group: meters, index: [0, 5] } }\n'),
    'steps[0].cards.index[1]',
    /index 5 is past the end of group "meters" \(5 cards: 0-4\)/,
  ],
  [
    'first beyond the group',
    steps('  - { at: 2026-02-01, do: activate, cards: { group: meters, first: 6 } }\n'),
    'steps[0].cards.first',
    /6 is more than the 5 cards/,
  ],
  [
    'a bad ICCID',
    steps('  - { at: 2026-02-01, do: activate, cards: { iccid: "89860000000000000010" } }\n'),
    'steps[0].cards.iccid',
    /Luhn gives 9/,
  ],
  [
    'an unquoted ICCID',
    steps('  - { at: 2026-02-01, do: activate, cards: { iccid: 89860000000000000019 } }\n'),
    'steps[0].cards.iccid',
    /write an ICCID in quotes/,
  ],
  [
    'a specific status as status',
    steps(
      '  - { at: 2026-02-01, do: resume, cards: { group: meters, where: { status: Manually suspended } } }\n',
    ),
    'steps[0].cards.where.status',
    /is a specific status: write it as `specificStatus`/,
  ],
  [
    'an unknown status',
    steps(
      '  - { at: 2026-02-01, do: resume, cards: { group: meters, where: { specificStatus: Sleeping } } }\n',
    ),
    'steps[0].cards.where.specificStatus',
    /unknown specific status "Sleeping"/,
  ],
  // Steps: arguments.
  [
    'missing arguments',
    steps('  - { at: 2026-02-01, do: topUp, cards: { group: meters } }\n'),
    'steps[0].with',
    /^required: /,
  ],
  [
    'an unknown top-up type',
    steps('  - { at: 2026-02-01, do: topUp, cards: { group: meters }, with: { type: renw, periods: 3 } }\n'),
    'steps[0].with.type',
    /^unknown type "renw" \(did you mean "renew"\?\)$/,
  ],
  [
    'renewal periods never offered',
    steps('  - { at: 2026-02-01, do: topUp, cards: { group: meters }, with: { type: renew, periods: 5 } }\n'),
    'steps[0].with.periods',
    /periods is 1, 2, 3, 6, 9 or 12/,
  ],
  [
    'an add-on quantity of 4',
    steps(
      '  - { at: 2026-02-01, do: topUp, cards: { group: meters }, with: { type: addOn, tier: 100M, quantity: 4 } }\n',
    ),
    'steps[0].with.quantity',
    /quantity is 1, 2 or 3/,
  ],
  [
    'a remark too long',
    steps(
      `  - { at: 2026-02-01, do: setRemark, cards: { group: meters }, with: { text: ${'x'.repeat(257)} } }\n`,
    ),
    'steps[0].with.text',
    /at most 256 characters/,
  ],
  [
    'a usage limit on cards and a voucher',
    steps(
      '  - { at: 2026-02-01, do: setUsageLimit, cards: { group: meters }, with: { voucher: CM_SC_M_1_100M, mb: 10 } }\n',
    ),
    'steps[0].with.voucher',
    /either on `cards` or for a `voucher`, not both/,
  ],
  [
    'a usage limit on nothing',
    steps('  - { at: 2026-02-01, do: setUsageLimit, with: { mb: 10 } }\n'),
    'steps[0]',
    /needs `cards`, or `voucher` in `with`/,
  ],
  [
    'a rule name with special characters',
    steps(
      '  - { at: 2026-02-01, do: addRule, with: { name: "hot!", scope: { all: true }, type: planExpiry, daysAhead: 3 } }\n',
    ),
    'steps[0].with.name',
    /1 to 30 letters, digits, spaces, _ or -/,
  ],
  [
    'a usage rule with share and mb',
    steps(
      '  - { at: 2026-02-01, do: addRule, with: { name: r, scope: { all: true }, type: usage, share: 0.5, mb: 3 } }\n',
    ),
    'steps[0].with',
    /exactly one of share and mb/,
  ],
  [
    'an export of 7 months',
    steps('  - { at: 2026-02-01, do: export, with: { months: 7 } }\n'),
    'steps[0].with.months',
    /months is 1-6/,
  ],
  [
    'an unknown pool to expand',
    steps('  - { at: 2026-02-01, do: expandPool, with: { pool: P2, by: 1G } }\n'),
    'steps[0].with.pool',
    /unknown pool "P2"/,
  ],
  [
    'an unknown profile to insert',
    steps('  - { at: 2026-02-01, do: insertDevice, cards: { group: meters }, with: { profile: heavy } }\n'),
    'steps[0].with.profile',
    /unknown device profile "heavy"/,
  ],
  [
    'a buy of a group that exists',
    steps('  - { at: 2026-02-01, do: buy, with: { group: meters, count: 1, voucher: CT_SC_M_1_30M } }\n'),
    'steps[0].with.group',
    /already defined at fleet\[0\]/,
  ],
  [
    'an outage of the virtual carrier',
    steps('  - { at: 2026-02-01, do: carrier.outage, with: { carrier: AL, for: 6h } }\n'),
    'steps[0].with.carrier',
    /"AL" is not allowed \(expected one of CM, CU, CT\)/,
  ],
  [
    'arguments to an operation that takes none',
    steps('  - { at: 2026-02-01, do: powerOff, cards: { group: meters }, with: { x: 1 } }\n'),
    'steps[0].with.x',
    /^unknown key \(nothing is expected here\)$/,
  ],
  [
    'a sub-card that is no carrier',
    steps('  - { at: 2026-02-01, do: suspend, cards: { group: meters }, with: { subCards: [CX] } }\n'),
    'steps[0].with.subCards[0]',
    /^expected a sub-card: CM, CU, CT or a 13-digit MSISDN, not "CX"$/,
  ],
  // Expectations.
  [
    'a bad comparison key',
    expectations('      - { cards: { group: meters }, count: { atleast: 3 } }\n'),
    'steps[0].expect[0].count.atleast',
    /^unknown key \(did you mean "atLeast"\?\)$/,
  ],
  [
    'a comparison that is a word',
    expectations('      - { cards: { group: meters }, count: many }\n'),
    'steps[0].expect[0].count',
    /a number, or \{ atLeast: n \}, .* not "many"$/,
  ],
  [
    'an upside-down between',
    expectations('      - { cards: { group: meters }, count: { between: [5, 1] } }\n'),
    'steps[0].expect[0].count.between',
    /the low end 5 is above the high end 1/,
  ],
  [
    'a misspelled expectation kind',
    expectations('      - { pol: P1, usedMB: 3 }\n'),
    'steps[0].expect[0].pol',
    /^unknown key \(did you mean "pool"\?\)$/,
  ],
  [
    'a misspelled filter',
    expectations('      - { cards: { group: meters }, stauts: In use, count: 5 }\n'),
    'steps[0].expect[0].stauts',
    /did you mean "status"/,
  ],
  [
    'an unknown pool to check',
    expectations('      - { pool: P2, usedMB: 3 }\n'),
    'steps[0].expect[0].pool',
    /unknown pool "P2"/,
  ],
  [
    'an unknown group to check',
    expectations('      - { cards: { group: meter }, count: 3 }\n'),
    'steps[0].expect[0].cards.group',
    /did you mean "meters"/,
  ],
  [
    'a pool expectation with nothing to check',
    expectations('      - { pool: P1 }\n'),
    'steps[0].expect[0]',
    /usedMB, remainingMB or sizeMB/,
  ],
  [
    'a ledger expectation with nothing to check',
    expectations('      - { ledger: { reason: planFee } }\n'),
    'steps[0].expect[0]',
    /count and\/or sum/,
  ],
  [
    'an unknown ledger reason',
    expectations('      - { ledger: { reason: planFe }, count: 1 }\n'),
    'steps[0].expect[0].ledger.reason',
    /did you mean "planFee"/,
  ],
  [
    'a bad month',
    expectations('      - { ledger: { month: 2026-13 }, count: 1 }\n'),
    'steps[0].expect[0].ledger.month',
    /^2026-13: not a month like 2026-08$/,
  ],
  [
    'an unknown ledger card group',
    expectations('      - { ledger: { card: { group: x } }, count: 1 }\n'),
    'steps[0].expect[0].ledger.card.group',
    /unknown group "x"/,
  ],
  [
    'events without count',
    expectations('      - { events: { type: card.status } }\n'),
    'steps[0].expect[0].count',
    /^required: /,
  ],
  [
    'an empty expect list',
    steps('  - { at: 2026-02-01, expect: [] }\n'),
    'steps[0].expect',
    /at least one expectation/,
  ],
  [
    'an expectation that is not a mapping',
    expectations('      - 3\n'),
    'steps[0].expect[0]',
    /expected an expectation/,
  ],
];

describe('scenario mistakes in selectors, arguments and expectations: one sentence at the right path', () => {
  it.each(cases)('%s', (_name, text, path, reason) => {
    const found = mistake(text);
    expect(found.path).toBe(path);
    expect(found.reason).toMatch(reason);
    expect(found.reason).not.toMatch(ZOD_WORDING);
  });
});
