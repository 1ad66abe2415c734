import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createSimulatorApp } from '../src/index.js';
import { toBraceTemplate } from '../src/route-template.js';

/**
 * Every operation of the registry in @cloutapi/resources has a simulator route with the same
 * method and path template. The registry is read as text, not imported: resources already
 * depends on the simulator (for its tests), so a dependency back would be a cycle, and the
 * simulator must stay an independent implementation.
 */
const operationsDir = join(
  dirname(fileURLToPath(import.meta.url)),
  '../../resources/src/operations',
);

function registryOperations(): { id: string; method: string; path: string }[] {
  const ops = [];
  for (const file of readdirSync(operationsDir).filter((f) => f.endsWith('.ts'))) {
    const text = readFileSync(join(operationsDir, file), 'utf8');
    for (const block of text.split('defineOperation(').slice(1)) {
      const id = /\bid:\s*'([^']+)'/.exec(block)?.[1];
      const method = /\bmethod:\s*'([^']+)'/.exec(block)?.[1];
      const path = /\bpath:\s*'([^']+)'/.exec(block)?.[1];
      if (id && method && path) ops.push({ id, method, path });
    }
  }
  return ops.sort((a, b) => a.id.localeCompare(b.id));
}

describe.skipIf(!existsSync(operationsDir))('coverage of the operation registry', () => {
  it('has a route for every registry operation (E01-E51)', () => {
    const ops = registryOperations();
    expect(ops.map((o) => o.id)).toEqual(
      Array.from({ length: 51 }, (_, i) => `E${String(i + 1).padStart(2, '0')}`),
    );
    const { app } = createSimulatorApp({ seed: 'empty' });
    const routes = new Set(
      app.routes
        .filter((r) => r.method !== 'ALL')
        .map((r) => `${r.method} ${toBraceTemplate(r.path)}`),
    );
    const missing = ops
      .filter((o) => !routes.has(`${o.method} ${o.path}`))
      .map((o) => `${o.id} ${o.method} ${o.path}`);
    expect(missing).toEqual([]);
    expect(routes.has('POST /v1/oauth')).toBe(true);
  });
});
