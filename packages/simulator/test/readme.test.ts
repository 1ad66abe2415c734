import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));

describe('README', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('runs the quick start example and prints what it promises', async () => {
    const readme = readFileSync(join(here, '../README.md'), 'utf8');
    const example = /## Quick start\s+```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    const source = (example ?? '').replace(
      "from '@cloutapi/simulator'",
      `from ${JSON.stringify(pathToFileURL(join(here, '../src/index.ts')).href)}`,
    );
    const dir = mkdtempSync(join(tmpdir(), 'cloutapi-readme-'));
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      lines.push(args.join(' '));
    });
    try {
      const file = join(dir, 'example.ts');
      writeFileSync(file, source);
      await import(/* @vite-ignore */ pathToFileURL(file).href);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(lines).toEqual([
      'Cloutility 1.0.4480.0: 3 consumers in Acme Corporation',
      'acme-dc01, acme-sql01, acme-exch01',
    ]);
  });
});
