import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCHEMA_COMMAND, scenarioJsonSchema, scenarioJsonSchemaText } from './json-schema.ts';
import { OPERATION_NAMES } from './schema-operations.ts';

describe('scenarios/schema.json', () => {
  it('is exactly what the zod schema generates', () => {
    const committed = readFileSync(new URL('../../scenarios/schema.json', import.meta.url), 'utf8');
    const fresh = scenarioJsonSchemaText();
    expect(committed === fresh, `scenarios/schema.json is out of date: run \`${SCHEMA_COMMAND}\``).toBe(true);
  });

  it('names its draft and a title, so editors show it', () => {
    const schema = scenarioJsonSchema();
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.title).toBe('cardtwin scenario');
    expect(schema.additionalProperties).toBe(false);
  });

  it('describes one step shape per operation, each with its `do` and its arguments', () => {
    const definitions = scenarioJsonSchema().definitions as Record<
      string,
      { properties: Record<string, unknown> }
    >;
    for (const name of OPERATION_NAMES) {
      const step = definitions[`${name}Step`];
      expect(step?.properties.do, name).toMatchObject({ const: name });
      expect(step?.properties.with, name).toBeDefined();
    }
    expect(definitions.expectStep?.properties.do).toEqual({ not: {} });
  });
});
