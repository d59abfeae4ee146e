// The scenario schema as JSON Schema, published as scenarios/schema.json so that editors check and
// complete YAML as it is typed (`# yaml-language-server: $schema=../schema.json`). Draft 7, because it
// is the draft every editor's YAML and JSON support understands.
import { z } from 'zod';
import { NoOperation, ScenarioSchema } from './schema.ts';

export const SCHEMA_COMMAND = 'npx tsx scenarios/generate-schema.ts';

export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ScenarioSchema, {
    target: 'draft-7',
    io: 'input',
    // z.undefined() (a step without `do`) has no JSON form of its own; the override below gives it one.
    unrepresentable: 'any',
    override: (ctx) => {
      if (ctx.zodSchema === NoOperation || ctx.zodSchema === NoOperation.unwrap()) ctx.jsonSchema.not = {};
    },
  });
  const { $schema, ...rest } = schema;
  return {
    $schema,
    $comment: `Generated from sim/scenario/schema*.ts by \`${SCHEMA_COMMAND}\`; do not edit.`,
    ...rest,
  };
}

/** The exact text of scenarios/schema.json. */
export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}
