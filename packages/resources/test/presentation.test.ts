import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  cellText,
  columnHeader,
  columnValue,
  compact,
  findOperation,
  hideSecrets,
  listColumns,
  operations,
  project,
  resultKind,
  shownFields,
} from '../src/index.js';

// The names auth's isSecretKey knows (in any case): the one list both apps hide.
const SECRET_NAMES =
  'tsmPassword TSMPASSWORD password newPassword accessToken access_token refreshToken refresh_token client_secret Authorization'.split(
    ' ',
  );

describe('a value in a cell', () => {
  const refs = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ id: i + 1, name: `u${i + 1}` }));
  it.each([
    ['nothing', undefined, ''],
    ['null', null, ''],
    ['text, on one line', 'first line\n   second', 'first line second'],
    ['long text, never cut', 'x'.repeat(300), 'x'.repeat(300)],
    ['a UTC time, to the minute', '2026-11-22T03:10:44.161Z', '2026-11-22 03:10Z'],
    ['a +00:00 time, as UTC', '2026-11-22T03:10:44+00:00', '2026-11-22 03:10Z'],
    ['a time with no zone, as UTC', '2026-11-22T03:10:44', '2026-11-22 03:10Z'],
    ['a time in another zone, with it', '2026-11-22T03:10:44+02:00', '2026-11-22 03:10+02:00'],
    ["the API's year-1 placeholder", '0001-01-01T00:00:00', ''],
    ['true', true, 'yes'],
    ['false', false, 'no'],
    ['an integer', 12345678901, '12345678901'],
    ['a fraction, to two decimals', Math.PI, '3.14'],
    ['a money total', { currency: { code: 'EUR' }, total: 167.504 }, '167.5 EUR'],
    ['a reference', { id: 11, name: 'Acme' }, 'Acme (#11)'],
    ['a node reference', { id: 7, tsmName: 'ACME-DC01' }, 'ACME-DC01 (#7)'],
    ['a name alone', { name: 'Linux' }, 'Linux'],
    ['an id alone', { id: 7 }, '#7'],
    ['a list of scalars', ['a', 2, true], 'a, 2, yes'],
    ['a list of references', refs(2), 'u1 (#1), u2 (#2)'],
    ['a long list of references', refs(7), 'u1 (#1), u2 (#2), u3 (#3), u4 (#4), u5 (#5) (+2 more)'],
    ['a list of other objects', [{ a: 1 }, { b: 2 }], '2 items'],
    ['another object, as JSON cut at 60', { note: 'y'.repeat(80) }, `{"note":"${'y'.repeat(50)}…`],
  ])('%s', (_, value, text) => {
    expect(cellText(value)).toBe(text);
  });
});

describe('fields', () => {
  const node = {
    $type: 'BackupNode',
    href: 'https://portal/v1/bunits/11/consumers/400/node',
    actions: [{ name: 'delete' }],
    id: 7,
    tsmName: 'ACME-DC01',
    empty: '',
    none: null,
    list: [],
    nested: { deeper: [{ tsmPassword: 'deep-secret' }] },
    ...Object.fromEntries(SECRET_NAMES.map((name) => [name, `${name}-value`])),
  };

  it('hideSecrets replaces every secret-named field, at any depth, and keeps the rest', () => {
    const hidden = hideSecrets(node, '[hidden]');
    for (const name of SECRET_NAMES)
      expect(hidden[name as keyof typeof hidden], name).toBe('[hidden]');
    expect(JSON.stringify(hidden)).not.toMatch(/-value|deep-secret/);
    expect(hidden).toMatchObject({ $type: 'BackupNode', id: 7, empty: '', none: null });
    // an empty secret is not one
    expect(hideSecrets({ tsmPassword: '' }, '[hidden]')).toEqual({ tsmPassword: '' });
  });

  it('compact drops noise and empty values and hides secrets unless allowed', () => {
    const compacted = compact(node, '[redacted]') as Record<string, unknown>;
    expect(Object.keys(compacted)).toEqual(['id', 'tsmName', 'nested', ...SECRET_NAMES]);
    expect(JSON.stringify(compacted)).not.toMatch(/-value|deep-secret/);
    const shown = compact(node, undefined) as Record<string, unknown>;
    expect(shown.tsmPassword).toBe('tsmPassword-value');
    expect(compact({ href: 'x', items: [], name: '' }, '[redacted]')).toBeUndefined();
  });

  it("compact keeps an invoice's date from its href, and no __proto__", () => {
    const invoice = JSON.parse(
      '{"href":"https://portal/v1/bunits/11/invoices/2026-10-01","invoiceDate":"2026-10-01T00:00:00","__proto__":{"polluted":true}}',
    );
    const compacted = compact(invoice, '[redacted]') as Record<string, unknown>;
    expect(compacted).toEqual({ invoiceDate: '2026-10-01' });
    expect(Object.getPrototypeOf(compacted)).toBe(Object.prototype);
  });

  it('shownFields: id, name, other ids, the rest; no noise, nothing empty', () => {
    const fields = shownFields({ href: 'x', note: 'n', bunitId: 11, name: 'acme', id: 4, e: '' });
    expect(fields).toEqual([
      ['id', 4],
      ['name', 'acme'],
      ['bunitId', 11],
      ['note', 'n'],
    ]);
  });
});

describe('columns', () => {
  it('a declared list has its declared columns', () => {
    const op = findOperation('consumers.list');
    expect(listColumns(op, [{ other: 1 }])).toEqual(Object.entries(op?.columns ?? {}));
  });

  it('an undeclared list: id, name, other ids, then plain fields, at most six', () => {
    const items = [
      {
        $type: 'X',
        href: 'x',
        note: 'n',
        tags: ['a'],
        unitId: 11,
        name: 'a',
        id: 1,
        tsmPassword: 'p',
        status: { id: 2, name: 'ok' },
        total: { currency: { code: 'EUR' }, total: 1 },
      },
      { id: 2, extra1: 1, extra2: 2, extra3: 3 },
    ];
    expect(listColumns(undefined, items).map(([key]) => key)).toEqual([
      'id',
      'name',
      'unitId',
      'note',
      'status',
      'total',
    ]);
  });

  it.each([
    ['a.b', { a: { b: 1 } }, 1],
    ['a.length', { a: [1, 2, 3] }, 3],
    ['a[].b', { a: [{ b: 1 }, {}, { b: 2 }] }, [1, 2]],
    ['a.b', { a: null }, undefined],
    ['toString', {}, undefined],
  ])('the value at %s', (path, item, value) => {
    expect(columnValue(item, path)).toEqual(value);
  });

  it('a row has the non-empty values by key, a header is the key in capitals', () => {
    const columns = [
      ['id', 'id'],
      ['state', 'state.name'],
      ['note', 'note'],
    ] as const;
    expect(project({ id: 1, state: { name: 'ok' }, note: '' }, columns)).toEqual({
      id: 1,
      state: 'ok',
    });
    expect(columnHeader('transferredMegaBytes')).toBe('TRANSFERRED MEGA BYTES');
  });
});

describe('the kind of a result', () => {
  it.each([
    ['consumers.list', 'collection'],
    ['bunits.tree', 'tree'],
    ['meta.version', 'value'],
    ['consumers.get', 'object'],
    ['consumers.delete', 'nothing'],
    ['billing.uploadInvoiceFile', 'unmodelled'],
  ])('%s: %s', (name, kind) => {
    const op = findOperation(name);
    expect(op && resultKind(op)).toBe(kind);
  });

  it('only a declared view is a tree', () => {
    expect(operations.filter((op) => resultKind(op) === 'tree').map((op) => op.name)).toEqual([
      'bunits.tree',
    ]);
  });
});

it('the presentation modules load no zod and no registry: pure functions over plain data', () => {
  const dir = join(import.meta.dirname, '../src/presentation');
  for (const file of readdirSync(dir)) {
    const source = readFileSync(join(dir, file), 'utf8');
    for (const [, from] of source.matchAll(/^import (?!type )[^;]*from '([^']+)'/gm))
      expect(from, file).toMatch(/^(\.\/|@cloutapi\/(auth|core)$)/);
  }
});
