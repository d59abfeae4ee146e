// The scenario format of SCENARIOS.md, from one place: parse a document, define one in TypeScript, and
// the normalized types the runner works with.
export { parseScenario } from './parse.ts';
export { defineScenario, type ScenarioInput } from './define.ts';
export { ScenarioError } from './errors.ts';
export { BUILT_IN_PROFILES } from './references.ts';
export { ScenarioSchema } from './schema.ts';
export { scenarioJsonSchema, scenarioJsonSchemaText } from './json-schema.ts';
export type * from './types.ts';
