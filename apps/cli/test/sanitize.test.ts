import { describe, expect, it } from 'vitest';
import { visibleValue } from '../src/output/sanitize.js';

/** Every string in a value, keys included. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, v]) => [key, ...strings(v)]);
}

describe('visibleValue', () => {
  it('leaves no raw control character in a value nested deeper than it walks', () => {
    let value: unknown = { name: '\x1b]52;c;cHduZWQ=\x07' };
    for (let i = 0; i < 40; i++) value = { child: value };
    const shown = strings(visibleValue(value));
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for exactly those
    expect(shown.filter((s) => /[\u0000-\u001f\u007f-\u009f]/.test(s))).toEqual([]);
  });
});
