// A scenario written in TypeScript: defineScenario types every key, so the editor completes and checks
// it as it is typed. `cardtwin run scenarios/examples/typescript.ts` loads it like a YAML file.
import { defineScenario } from '../../sim/scenario/define.ts';

export default defineScenario({
  name: 'L2 test period from TypeScript',
  seed: 7,
  start: '2026-01-15',
  fleet: [{ group: 'meters', count: 10, voucher: 'CM_SC_M_1_100M' }],
  steps: [
    { at: '2026-02-01T10:00', do: 'requestTestPeriod', cards: { group: 'meters', first: 5 } },
    {
      after: '1d',
      expect: [
        { cards: { group: 'meters' }, specificStatus: 'Test period', count: 5 },
        { cards: { group: 'meters' }, status: 'Not in use', count: 5 },
      ],
    },
  ],
});
