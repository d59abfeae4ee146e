// Writes scenarios/schema.json from the zod schema of sim/scenario/. Run after changing the schema:
//   npx tsx scenarios/generate-schema.ts
// sim/scenario/json-schema.test.ts fails while the committed file differs from what this writes.
import { writeFileSync } from 'node:fs';
import { scenarioJsonSchemaText } from '../sim/scenario/json-schema.ts';

const target = new URL('./schema.json', import.meta.url);
writeFileSync(target, scenarioJsonSchemaText());
console.log(`wrote ${target.pathname}`);
