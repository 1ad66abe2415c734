import { readFileSync } from 'node:fs';
import { operations } from '@cloutapi/resources';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../src/exit-codes.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('the README', () => {
  it('lists every API area with all its commands', () => {
    const areas = new Map<string, string[]>();
    for (const op of operations) {
      const [area, action] = op.name.split('.') as [string, string];
      areas.set(area, [
        ...(areas.get(area) ?? []),
        action.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase(),
      ]);
    }
    for (const [area, actions] of areas) {
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${area}\` |`));
      expect(row, area).toBeDefined();
      for (const action of actions)
        expect(row, `${area} ${action}`).toMatch(new RegExp(`\\b${action}\\b`));
    }
  });

  it('documents every exit code', () => {
    for (const code of Object.values(EXIT))
      expect(readme).toMatch(new RegExp(`^\\| ${code} \\|`, 'm'));
  });
});
