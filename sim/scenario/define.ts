// TypeScript scenarios: `export default defineScenario({...})`. It returns its argument unchanged (the
// loader validates it like YAML); its only job is the type, so editors complete and check every key.
import type { ScenarioInput } from './schema.ts';

export type { ScenarioInput };

export function defineScenario(scenario: ScenarioInput): ScenarioInput {
  return scenario;
}
