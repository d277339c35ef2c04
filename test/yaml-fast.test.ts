import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import jsyaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { fastParseYaml } from '../src/load/yaml-fast.js';
import { loadYaml, yamlPositions, yamlPositionsSlow, type YamlPositions } from '../src/load/yaml-source.js';
import { ROOT } from './support/project.js';

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? yamlFiles(p) : n.endsWith('.yaml') ? [p] : [];
  });
}

/** Everything a SourceMap is built from, as plain data. */
const comparable = (
  p: Pick<YamlPositions, 'value' | 'valuePos' | 'keyPos' | 'raws'> & { lineCounter?: YamlPositions['lineCounter'] },
) => ({
  value: p.value,
  valuePos: Object.fromEntries(p.valuePos),
  keyPos: Object.fromEntries(p.keyPos),
  raws: Object.fromEntries(p.raws),
  ...(p.lineCounter ? { lineStarts: p.lineCounter.lineStarts } : {}),
});

describe('reading YAML with js-yaml where it gives what `yaml` gives (src/load/yaml-fast.ts)', () => {
  const files = [...yamlFiles(join(ROOT, 'data')), ...yamlFiles(join(ROOT, 'test', 'fixtures'))];

  it('takes the fast path for every YAML file in the project, with the same values, positions and source text', () => {
    expect(files.length).toBeGreaterThan(15);
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      const fast = fastParseYaml(text);
      expect(fast, f).toBeDefined();
      expect(comparable(yamlPositions(text)), f).toEqual(comparable(yamlPositionsSlow(text)));
    }
  });

  const same = [
    'a: 1 # c\nb: x  # d\n',
    'q: "x: y"\nr: \'z\'\n"k k": 1\n',
    'm: {a: 1, b: [2, 3], c: {}}\ne: []\n',
    'p: one\n  two\n  three\nz: 1\n',
    'a: 1\r\nb:\r\n  - 2\r\n',
    '- a\n- - b\n  - c\n- k: v\n  l: w\n',
    't: true\nf: False\ny: yes\nn: no\n',
    '2024: år\n1.5: x\n',
    'a: "multi\n  line"\n',
    'x: >-\n  folded\n  text\ny: 3.0\n',
    ...[
      '1_000',
      '0o17',
      '0x1F',
      '.5',
      '+1',
      '-2.0',
      '1e3',
      '.inf',
      '-.Inf',
      '.nan',
      '017',
      '~',
      'null',
      'Null',
      'yes',
      'True',
      '12e',
      '1.',
      '2023-11-30',
      '1,5',
      '"3.0"',
      "'7'",
    ].map((v) => `n: ${v}\nl: [${v}]\n`),
  ];
  it.each(same)('agrees with `yaml` on %j, by the fast path or by falling back', (text) => {
    expect(comparable(yamlPositions(text))).toEqual(comparable(yamlPositionsSlow(text)));
  });

  it('takes the fast path for most of those', () => {
    expect(same.filter((t) => fastParseYaml(t) !== undefined).length).toBeGreaterThan(same.length * 0.7);
  });

  it('leaves to `yaml` what it does not rebuild with certainty, and every error', () => {
    const slowOnly = [
      'a:\nb: 2\n', // a key without a value
      'x: |\n  keep\n\n\ny: 1\n', // a block scalar followed by blank lines
      'n: 0b11\n', // js-yaml reads a number, YAML 1.2's core schema a string
      '0b11: n\n', // the same, as a key
      'n: -0\n',
      'a: &x 1\nb: *x\n', // anchors and aliases
      'a: !!str 1\n', // tags
      '---\na: 1\n---\nb: 2\n', // several documents
      'a: [1, 2\n', // syntax error
      'a: 1\na: 2\n', // duplicate key
    ];
    for (const text of slowOnly) expect(fastParseYaml(text), JSON.stringify(text)).toBeUndefined();
    const dup = loadYaml('a: 1\na: 2\n', 'data/x/rapport.yaml');
    expect(dup.diagnostics.map((d) => `${d.plats?.rad}:${d.plats?.kolumn} ${d.meddelande}`)).toEqual([
      expect.stringMatching(/^2:1 ogiltig YAML: nyckeln förekommer två gånger/),
    ]);
  });
});

describe("js-yaml 4's `listener` option, which the fast path is built on (undocumented; js-yaml 5 has none)", () => {
  it('is js-yaml 4.3.2, pinned exactly in package.json', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const installed = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'js-yaml', 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(pkg.dependencies['js-yaml']).toBe('4.3.2');
    expect(installed.version).toBe('4.3.2');
  });

  it('reports an open and a close event per node, the close with its kind, value and end offset', () => {
    const text = 'a:\n  - 1\n  - x\n';
    const events: string[] = [];
    jsyaml.load(text, {
      schema: jsyaml.CORE_SCHEMA,
      listener(event, state) {
        events.push(
          event === 'open'
            ? `open ${state.position}`
            : `close ${state.kind} ${JSON.stringify(state.result)} ${state.position}`,
        );
      },
    });
    // If the option stops being called, the fast path silently falls back to `yaml` for every file: fail here instead.
    expect(events).toContain(`close scalar 1 ${text.indexOf('1') + 1}`);
    expect(events).toContain(`close scalar "x" ${text.indexOf('x') + 1}`);
    expect(events).toContain(`close sequence [1,"x"] ${text.length}`);
    expect(events.filter((e) => e.startsWith('open')).length).toBe(events.filter((e) => e.startsWith('close')).length);
    expect(fastParseYaml(text), 'the fast path reads a plain file').toBeDefined();
  });
});
