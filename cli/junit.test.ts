import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { el, escapeAttribute, escapeText, xmlDocument } from './report/xml.ts';
import { cli, silentFleet, tempDir } from './test-kit.ts';

const { dir, file } = tempDir('cardtwin-junit-');
const passing = file('passing.yaml', silentFleet());
// Two expectations (count 5 holds, count 4 does not) and a refused step.
const failing = file(
  'failing.yaml',
  silentFleet({ name: '<a & "b">', cancel: true }).replace(
    '        count: 5\n',
    '        count: 5\n      - cards: { group: meters }\n        status: In use\n        count: 4\n',
  ),
);

const lists = new Set(['testsuite', 'testcase', 'property']);
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (name) => lists.has(name),
});

interface Case {
  classname: string;
  name: string;
  failure?: { message: string; type: string; '#text': string };
  skipped?: { message: string };
}
interface Suite {
  name: string;
  tests: string;
  failures: string;
  errors: string;
  skipped: string;
  time: string;
  properties: { property: { name: string; value: string }[] };
  testcase: Case[];
}

async function junit(...args: string[]) {
  const xmlFile = join(dir, `report-${Math.random().toString(36).slice(2)}.xml`);
  const result = await cli(['run', ...args, '--junit', xmlFile]);
  const xml = readFileSync(xmlFile, 'utf8');
  expect(XMLValidator.validate(xml)).toBe(true);
  const doc = parser.parse(xml) as { testsuites: { tests: string; failures: string; testsuite: Suite[] } };
  return { result, xml, doc: doc.testsuites };
}

describe('cardtwin run --junit', () => {
  it('writes one testsuite per scenario, one testcase per expectation and per failed step', async () => {
    const { result, doc } = await junit(passing, failing);
    expect(result.code).toBe(1);
    expect(doc).toMatchObject({ tests: '4', failures: '2' });
    const [ok, bad] = doc.testsuite;
    expect(ok).toMatchObject({ name: 'Five meters', tests: '1', failures: '0', errors: '0', skipped: '0' });
    expect(ok!.time).toMatch(/^\d+\.\d{3}$/);
    expect(ok!.testcase).toEqual([
      {
        classname: passing,
        name: 'steps[0].expect[0]: cards of group meters with specific status In use, activation type silence_expire',
      },
    ]);
    expect(bad).toMatchObject({ name: '<a & "b">', tests: '3', failures: '2', errors: '0', skipped: '0' });
    const properties = Object.fromEntries(bad!.properties.property.map((p) => [p.name, p.value]));
    expect(properties).toMatchObject({ seed: '11', file: failing });
    expect(properties.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(properties.reproduce).toBe(`cardtwin run ${failing} --seed 11`);

    const [held, broken, step] = bad!.testcase;
    expect(held).not.toHaveProperty('failure');
    expect(broken).toMatchObject({
      classname: failing,
      name: 'steps[1].expect[1]: cards of group meters with status In use',
      failure: { type: 'ExpectationFailed', message: 'expected count 4, found count 5 of 5 selected' },
    });
    expect(broken!.failure!['#text']).toBe(
      [
        'expected: count 4',
        'found:    count 5 of 5 selected',
        'sim time: 2026-08-01T00:00:00+08:00',
        'step:     steps[1] (no operation)',
        `reproduce: cardtwin run ${failing} --seed 11`,
      ].join('\n'),
    );
    expect(step).toMatchObject({
      classname: failing,
      name: 'steps[0]: requestCancellation',
      failure: { type: 'StepFailed', message: 'requestCancellation failed on 5 of 5 card(s)' },
    });
    expect(step!.failure!['#text']).toMatch(
      /^ {2}8986\d{16} StatusNotAllowed: card 8986\d{16} is Silent period/m,
    );
  });

  it('escapes a tricky scenario name', async () => {
    const { xml } = await junit(failing);
    expect(xml).toContain('<testsuite name="&lt;a &amp; &quot;b&quot;&gt;"');
  });

  it('marks expectations cut off by --until as skipped', async () => {
    const { result, doc } = await junit(passing, '--until', '2026-07-01');
    expect(result.code).toBe(0);
    expect(doc.testsuite[0]).toMatchObject({ tests: '1', failures: '0', skipped: '1' });
    expect(doc.testsuite[0]!.testcase[0]).toMatchObject({
      name: 'steps[0].expect[0]: not run',
      skipped: { message: 'after --until 2026-07-01T00:00:00+08:00' },
    });
  });

  it('a directory that does not exist is a usage error, before anything runs', async () => {
    const missing = join(dir, 'no-such-dir', 'report.xml');
    const result = await cli(['run', passing, '--junit', missing]);
    expect(result).toMatchObject({ code: 2, out: '' });
    expect(result.err).toBe(
      `cardtwin run: --junit ${missing}: no such directory: ${join(dir, 'no-such-dir')}`,
    );
    expect((await cli(['run', passing, '--junit', dir])).err).toBe(
      `cardtwin run: --junit ${dir}: is a directory`,
    );
  });
});

describe('XML escaping', () => {
  const tricky = `<a & "b"> 'c'\ttab\nline\r\u0001\u001f\uFFFF \ud800 é 中 😀`;

  it('escapes markup and quotes, keeps line breaks in attributes, and replaces what XML cannot carry', () => {
    expect(escapeAttribute(tricky)).toBe(
      `&lt;a &amp; &quot;b&quot;&gt; &apos;c&apos;&#9;tab&#10;line&#13;\uFFFD\uFFFD\uFFFD \uFFFD é 中 😀`,
    );
    expect(escapeText(tricky)).toBe(
      `&lt;a &amp; &quot;b&quot;&gt; &apos;c&apos;\ttab\nline&#13;\uFFFD\uFFFD\uFFFD \uFFFD é 中 😀`,
    );
  });

  it('a parser reads back what was written', () => {
    const xml = xmlDocument(el('root', { name: tricky }, [el('text', {}, tricky), el('empty', { a: 1 })]));
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '',
      trimValues: false,
      htmlEntities: true,
    }).parse(xml) as {
      root: { name: string; text: string };
    };
    const clean = [...tricky].map((c) => ('\u0001\u001f\uFFFF\ud800'.includes(c) ? '\uFFFD' : c)).join('');
    expect(doc.root.name).toBe(clean);
    expect(doc.root.text).toBe(clean);
  });
});
