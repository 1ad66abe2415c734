import { Writable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explain } from '../src/errors.js';
import { colorsFor } from '../src/output/colors.js';
import { createOutput } from '../src/output/output.js';
import { visible } from '../src/output/sanitize.js';
import { renderTree } from '../src/output/tree.js';
import { cli, tempDir } from './helpers.js';
import { useHostileServer } from './hostile.js';

// What a hostile portal names things: clear the screen, write the clipboard (OSC 52), fake a link
// (OSC 8), fake a row (CR, LF), reorder the text (bidi override), a C1 CSI and a DEL.
const EVIL = [
  'web01\u001b[2J\u001b[H',
  'clip\u001b]52;c;cm0gLXJmIH4=\u0007',
  '\u001b]8;;https://evil.example\u001b\\click me\u001b]8;;\u001b\\',
  'row\r\nFAKE  9999  row',
  'abc\u202egnp.exe',
  'c1\u009b2Jdel\u007f',
  'iso\u2066late\u2069',
];

// Every control character a terminal could act on, besides the newlines between rows.
// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for exactly those
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
// Our own colours (SGR) are the only escapes allowed on a terminal.
// biome-ignore lint/suspicious/noControlCharactersInRegex: our own colour sequences
const SGR = /\u001b\[[0-9;]*m/g;

const hostile = useHostileServer(({ method, path }) => {
  if (method !== 'GET') return undefined;
  if (/^\/v1\/bunits\/12\/consumers(\?|$)/.test(path)) {
    return {
      body: {
        href: path,
        total: EVIL.length,
        items: EVIL.map((name, i) => ({ id: i + 1, name, externalReference: name })),
      },
    };
  }
  if (path.startsWith('/v1/bunits/12/consumers/1')) {
    return {
      body: { id: 1, name: EVIL[0], 'note\u001b[31m': EVIL[1], tags: [EVIL[3]] },
    };
  }
  if (path.startsWith('/v1/bunits/12/consumers/2')) {
    return {
      status: 400,
      body: { code: 'Bad\u001b[2J', message: `refused: ${EVIL[1]} ${EVIL[4]}`, status: 400 },
    };
  }
  if (/^\/v1\/bunits(\?|$)/.test(path)) {
    return {
      body: {
        id: 10,
        name: EVIL[0],
        businessUnits: [{ id: 11, name: EVIL[3], businessUnits: [{ id: 12, name: EVIL[4] }] }],
      },
    };
  }
  return undefined;
});
const dir = tempDir();

describe('server text reaches the terminal with control characters made visible', () => {
  it('in a table; --json stays exact', async () => {
    const env = hostile.env(`${dir}/a`);
    const table = await cli(['consumers', 'list', '--bunit', '12'], { env });
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).not.toMatch(RAW);
    expect(table.stdout).toContain('web01\u241b[2J\u241b[H');
    expect(table.stdout).toContain('abc<U+202E>gnp.exe');
    // One line per consumer plus the header: the CR LF faked no row.
    expect(table.stdout.trimEnd().split('\n')).toHaveLength(EVIL.length + 1);

    const json = await cli(['consumers', 'list', '--bunit', '12', '--json'], { env });
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout) as { items: { name: string }[] };
    expect(parsed.items.map((i) => i.name)).toEqual(EVIL);
  });

  it('in key/value output (keys too), a tree, --quiet ids and an error message', async () => {
    const env = hostile.env(`${dir}/b`);
    const pairs = await cli(['consumers', 'get', '--bunit', '12', '--consumer', '1'], { env });
    expect(pairs.code, pairs.stderr).toBe(0);
    expect(pairs.stdout).not.toMatch(RAW);
    expect(pairs.stdout).toContain('note\u241b[31m');

    const tree = await cli(['bunits', 'tree'], { env });
    expect(tree.code, tree.stderr).toBe(0);
    expect(tree.stdout).not.toMatch(RAW);
    expect(tree.stdout.trimEnd().split('\n')).toHaveLength(4);

    const quiet = await cli(['consumers', 'list', '--bunit', '12', '--quiet'], { env });
    expect(quiet.stdout).not.toMatch(RAW);

    const failed = await cli(['consumers', 'get', '--bunit', '12', '--consumer', '2'], { env });
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toContain('refused');
    expect(failed.stderr).not.toMatch(RAW);
    const debug = await cli(['consumers', 'get', '--bunit', '12', '--consumer', '2', '--debug'], {
      env,
    });
    expect(debug.stderr).toContain('refused');
    expect(debug.stderr).not.toMatch(RAW);
  });
});

/** A stream that says it is a terminal, so colours are on, and keeps what was written. */
function terminal(): Writable & { isTTY: true; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return Object.assign(stream, { isTTY: true as const, text: () => text });
}

// Strings biased to control characters, escapes and bidi controls, mixed with ordinary text.
const controlChar = fc.oneof(
  fc.integer({ min: 0, max: 0x1f }),
  fc.integer({ min: 0x7f, max: 0x9f }),
  fc.constantFrom(0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069),
  fc.constantFrom(0x1b, 0x9b, 0x07),
);
const serverString = fc
  .array(
    fc.oneof(
      controlChar.map((code) => String.fromCharCode(code)),
      fc.string({ maxLength: 6 }),
      fc.constantFrom('\u001b[2J', '\u001b]52;c;aGk=\u0007', '\r\n', '\u001b]8;;x\u001b\\'),
      fc.string({ unit: 'binary', maxLength: 4 }),
    ),
    { maxLength: 8 },
  )
  .map((parts) => parts.join(''));
const serverValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    serverString,
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(serverString, tie('value'), { maxKeys: 4 }),
  ),
})).value;
const item = fc.record({
  id: fc.integer({ min: 1 }),
  name: serverString,
  dataSourceState: fc.record({ name: serverString }),
  node: fc.record({ tsmName: serverString }),
  externalReference: serverString,
  extra: serverValue,
});

describe('the output layer, fed random server strings (fast-check)', () => {
  const onTerminal = () => {
    const stdout = terminal();
    const stderr = terminal();
    const colors = colorsFor(stdout, {}, true);
    return { stdout, stderr, out: createOutput('human', colors, colors, stdout, stderr) };
  };
  const clean = (text: string) => text.replace(SGR, '');

  it('sends no raw ESC, C1 or bidi control to a terminal: tables, key/value, notes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(item, { maxLength: 5 }),
        serverValue,
        fc.dictionary(serverString, serverValue, { maxKeys: 6 }),
        serverString,
        async (items, anything, record, note) => {
          const { stdout, stderr, out } = onTerminal();
          await out.result({ total: items.length + 3, items }, { kind: 'consumers.list' });
          await out.result(items, { kind: 'something.new' });
          await out.result(record, { kind: 'consumers.get' });
          await out.result(anything, { kind: 'something.else' });
          out.note(note);
          out.note(note, true);
          expect(clean(stdout.text())).not.toMatch(RAW);
          expect(clean(stderr.text())).not.toMatch(RAW);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('trees and error messages too; visible() is idempotent and changes nothing else', () => {
    fc.assert(
      fc.property(fc.array(serverString, { minLength: 1, maxLength: 6 }), (names) => {
        const colors = colorsFor({ isTTY: true }, {}, true);
        const tree = renderTree(
          names.map((name, i) => ({
            id: i + 1,
            name,
            depth: i % 3,
            parentId: undefined,
            path: [],
          })),
          colors,
        );
        expect(clean(tree)).not.toMatch(RAW);
        for (const line of explain(new Error(names.join(' ')))) {
          expect(visible(line)).not.toMatch(RAW);
        }
        for (const name of names) {
          expect(visible(visible(name))).toBe(visible(name));
          if (!RAW.test(name) && !name.includes('\n')) expect(visible(name)).toBe(name);
        }
      }),
      { numRuns: 300 },
    );
  });
});
