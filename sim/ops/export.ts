// C8: export card details (filled in with sim/exports).
import type { WorldOperation } from './types.ts';

export const exportCards: WorldOperation<'export'> = {
  name: 'export',
  kind: 'world',
  performer: 'user',
  apply() {
    return { code: 'InvalidArgument', message: 'exports are not available yet' };
  },
};
