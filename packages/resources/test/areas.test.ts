import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderAreas } from '../scripts/areas.js';
import { AREA_TOOLSETS, AREAS } from '../src/areas.js';
import { isArea } from '../src/define-area.js';
import { areaOf, areas, loadArea, operations } from '../src/index.js';

describe('API areas, each declared once in its operations file', () => {
  it('the generated lists hold every area file, with the toolset its file declares', () => {
    expect(Object.keys(AREAS)).toEqual(Object.keys(areas));
    for (const [name, module] of Object.entries(areas)) {
      expect(module.area.name).toBe(name);
      expect(AREAS[name as keyof typeof AREAS].toolset).toBe(module.area.toolset);
    }
    expect(AREA_TOOLSETS).toEqual([...new Set(Object.values(areas).map((m) => m.area.toolset))]);
  });

  it('an area declaration is not an operation, loaded lazily or not', async () => {
    expect(operations.some(isArea)).toBe(false);
    for (const name of Object.keys(AREAS) as (keyof typeof AREAS)[]) {
      const ops = await loadArea(name);
      expect(ops.length).toBeGreaterThan(0);
      expect(ops.some(isArea)).toBe(false);
      for (const op of ops) expect(areaOf(op)).toBe(areas[name].area);
    }
    expect(areaOf({ name: 'actions.list' })).toMatchObject({ name: 'meta', toolset: 'catalog' });
    expect(() => areaOf({ name: 'consumers.nope' })).toThrow('consumers.nope is not an operation');
  });
});

describe('the list of areas refuses an area file that does not declare itself', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cloutapi-areas-'));
  const defineArea = new URL('../src/define-area.ts', import.meta.url).href;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** A folder of area files: name -> the file's declaration line. */
  function areaFiles(files: Record<string, string>): string {
    const sub = mkdtempSync(join(dir, 'case-'));
    for (const [name, line] of Object.entries(files))
      writeFileSync(
        join(sub, `${name}.ts`),
        `import { defineArea } from '${defineArea}';\n${line}\n`,
      );
    return `${sub}/`;
  }

  it('lists a well-declared area with its toolset and loader', async () => {
    const folder = areaFiles({
      languages: "export const area = defineArea({ name: 'languages', toolset: 'catalog' });",
    });
    expect(await renderAreas(folder)).toContain(
      "languages: { toolset: 'catalog', load: () => import('./languages.js') },",
    );
  });

  it.each([
    ['no declaration', 'export const list = {};', 'languages.ts declares no area: add export'],
    [
      'another name',
      "export const area = defineArea({ name: 'language', toolset: 'catalog' });",
      "languages.ts declares area 'language': an area is named as its file",
    ],
    [
      'a toolset --toolsets cannot name',
      "export const area = defineArea({ name: 'languages', toolset: 'all' });",
      "languages.ts: toolset 'all' is not a lowercase word",
    ],
  ])('%s', async (_, line, message) => {
    await expect(renderAreas(areaFiles({ languages: line }))).rejects.toThrow(
      `src/operations/${message}`,
    );
  });
});
