// C7: automation rules are added and removed by name (sim/rules/automation.ts runs them).
import type { WorldOperation } from './types.ts';

export const addRule: WorldOperation<'addRule'> = {
  name: 'addRule',
  kind: 'world',
  performer: 'user',
  apply(world, args) {
    const rule = world.rules.add(args);
    return 'code' in rule ? rule : { detail: `rule ${rule.name} (#${rule.id})` };
  },
};

export const removeRule: WorldOperation<'removeRule'> = {
  name: 'removeRule',
  kind: 'world',
  performer: 'user',
  apply(world, args) {
    return world.rules.remove(args.name) ?? { detail: `rule ${args.name} removed` };
  },
};
