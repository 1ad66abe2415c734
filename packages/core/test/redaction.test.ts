import { demoCredentials } from '@cloutapi/simulator';
import { describe, expect, it } from 'vitest';
import { client, simulator } from './support.js';

describe('the debug log', () => {
  it('debug: true writes to stderr, never stdout', async () => {
    await simulator({ seed: 'empty' });
    const out: string[] = [];
    const err: string[] = [];
    const stdout = process.stdout.write.bind(process.stdout);
    const stderr = process.stderr.write.bind(process.stderr);
    process.stdout.write = ((chunk: string) =>
      out.push(String(chunk)) > 0) as typeof process.stdout.write;
    process.stderr.write = ((chunk: string) =>
      err.push(String(chunk)) > 0) as typeof process.stderr.write;
    try {
      await client({ debug: true }).request({ method: 'GET', path: '/v1/fullVersion' });
    } finally {
      process.stdout.write = stdout;
      process.stderr.write = stderr;
    }
    expect(out.join('')).not.toContain('cloutapi');
    expect(err.join('')).toContain('cloutapi -> GET /v1/fullVersion');
    expect(err.join('')).not.toContain(demoCredentials.password);
  });
});
