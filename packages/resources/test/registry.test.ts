import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  findOperation,
  isCollection,
  loadOperation,
  loadOperations,
  namespaceNames,
  type Operation,
  operations,
} from '../src/index.js';

const ids = operations.map((op) => op.id);

describe('the operation registry', () => {
  it('declares every catalog operation exactly once, in order, from E01 with no gap', () => {
    expect(ids).toEqual(ids.map((_, i) => `E${String(i + 1).padStart(2, '0')}`));
    expect(ids).toContain('E51'); // the last of the catalog (../shared/cloutility-api.md)
  });

  it('a destructive operation says what it removes (its preview); others remove nothing', () => {
    for (const op of operations)
      expect(op.removes !== undefined, op.name).toBe(op.safety === 'destructive');
  });

  it('every collection declares its list columns, and only collections, each naming a path', () => {
    for (const op of operations as readonly Operation[]) {
      expect(op.columns !== undefined, op.name).toBe(isCollection(op));
      for (const [key, path] of Object.entries(op.columns ?? {})) {
        expect(key, op.name).toMatch(/^[a-z][A-Za-z]*$/);
        expect(path, op.name).toMatch(/^[A-Za-z]+(\.[A-Za-z]+|\[\]\.[A-Za-z]+)*$/);
      }
    }
  });

  it('has unique, stable dotted names (area.action)', () => {
    const names = operations.map((op) => op.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z]+\.[a-z][A-Za-z]*$/);
  });

  it('has unique method + path pairs, all under /v1/', () => {
    const keys = operations.map((op) => `${op.method} ${op.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const op of operations) expect(op.path).toMatch(/^\/v1\/[\w{}/]+$/);
  });

  const inputOf = (op: Operation) => op.input as Record<string, z.ZodType>;

  it.each(operations.map((op) => [op.id, op] as const))(
    '%s: path parameters match the template and the input',
    (_, op) => {
      const inTemplate = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      expect(op.pathParams).toEqual(inTemplate);
      for (const name of op.pathParams) {
        const schema = inputOf(op)[name];
        expect(schema, `${op.name}: input lacks path parameter ${name}`).toBeDefined();
        expect(schema?.safeParse(undefined).success, `${op.name}: ${name} must be required`).toBe(
          false,
        );
      }
      const query = Array.isArray(op.query) ? (op.query as string[]) : [];
      for (const key of query) expect(Object.keys(op.input)).toContain(key);
    },
  );

  it.each(operations.map((op) => [op.id, op] as const))(
    '%s: is described for humans and models',
    (_, op) => {
      expect(op.summary.length).toBeGreaterThan(8);
      expect(op.summary).not.toMatch(/\.$/);
      expect(op.description.length).toBeGreaterThanOrEqual(40);
      expect(op.description.length).toBeLessThanOrEqual(1024);
      for (const [key, schema] of Object.entries(op.input)) {
        expect(
          (schema as z.ZodType).description,
          `${op.name}.${key} needs a description`,
        ).toBeTruthy();
      }
      // an id parameter says where its values come from
      for (const key of Object.keys(op.input).filter((k) => /Id$/.test(k))) {
        expect(inputOf(op)[key]?.description).toMatch(/from |\(/);
      }
    },
  );

  it.each(operations.map((op) => [op.id, op] as const))(
    '%s: has a consistent safety class',
    (_, op) => {
      expect(['read', 'write', 'destructive']).toContain(op.safety);
      if (op.method === 'DELETE') expect(op.safety).toBe('destructive');
      if (op.method === 'POST') expect(op.safety).not.toBe('read');
      if (op.safety === 'read') {
        expect(op.method).toBe('GET');
        expect(op.idempotent).toBe(true);
      }
      if (op.method === 'POST' && op.name !== 'nodes.changePassword')
        expect(op.idempotent).toBe(false);
      if (op.method === 'GET' && op.safety !== 'read') expect(op.idempotent).toBe(false); // activation
    },
  );

  it('marks node activation, deletes and the password change as what they are', () => {
    const byName = Object.fromEntries(operations.map((op) => [op.name, op]));
    expect(byName['nodes.activate']).toMatchObject({
      method: 'GET',
      safety: 'write',
      idempotent: false,
    });
    expect(byName['nodes.changePassword']?.safety).toBe('destructive');
    expect(operations.filter((op) => op.safety === 'destructive').map((op) => op.id)).toEqual([
      'E10',
      'E18',
      'E35',
      'E36',
      'E43',
      'E44',
    ]);
  });

  it.each(operations.map((op) => [op.id, op] as const))(
    '%s: input and response convert to JSON Schema',
    (_, op) => {
      expect(() => z.toJSONSchema(op.inputSchema, { io: 'input' })).not.toThrow();
      expect(() => z.toJSONSchema(op.response, { unrepresentable: 'any' })).not.toThrow();
    },
  );
});

describe('the registry loaded one area at a time', () => {
  it('loads the same operations, in catalog order, and one namespace alone', async () => {
    expect(await loadOperations()).toEqual(operations);
    const consumers = await loadOperations('consumers');
    expect(consumers.map((op) => op.name)).toEqual(
      operations.filter((op) => op.name.startsWith('consumers.')).map((op) => op.name),
    );
    expect(namespaceNames()).toEqual([...new Set(operations.map((op) => op.name.split('.')[0]))]);
    expect(await loadOperation('consumers.list')).toBe(findOperation('consumers.list'));
    expect(await loadOperation('consumers.nope')).toBeUndefined();
    expect(await loadOperation('toString.x')).toBeUndefined();
  });
});
