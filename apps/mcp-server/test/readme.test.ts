import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { allTools, DEFAULT_TOOLSETS } from '../src/index.js';

it("the README's tool table matches the tools and toolsets", () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const rows = [...readme.matchAll(/^\| (\w+)( \(default\))? \| (`[^|]+) \|$/gm)];
  const documented = Object.fromEntries(
    rows.map((m) => [m[1], [...(m[3] ?? '').matchAll(/`(\w+)`/g)].map((t) => t[1]).sort()]),
  );
  const actual: Record<string, string[]> = {};
  for (const tool of allTools()) {
    actual[tool.toolset] = [...(actual[tool.toolset] ?? []), tool.name];
  }
  for (const set of Object.keys(actual)) actual[set]?.sort();
  expect(documented).toEqual(actual);
  expect(
    rows
      .filter((m) => m[2])
      .map((m) => m[1])
      .sort(),
  ).toEqual([...DEFAULT_TOOLSETS].sort());
});
