import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_FILE, README_FILE, renderApi, renderReadme } from '../scripts/generated.js';

describe('files generated from the registry', () => {
  it('src/api.generated.ts is up to date (run `pnpm --filter @cloutapi/resources generate`)', () => {
    expect(readFileSync(API_FILE, 'utf8')).toBe(renderApi());
  });

  it('the README operations table is up to date', () => {
    const readme = readFileSync(README_FILE, 'utf8');
    expect(readme).toBe(renderReadme(readme));
    expect(readme.match(/^\| E\d\d \|/gm)).toHaveLength(51);
  });
});
