import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dataDir, privateDirProblem } from '../src/index.js';

describe('privateDirProblem', () => {
  const root = mkdtempSync(join(tmpdir(), 'cloutapi-private-dir-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('makes the folder and the one above it 0700 and accepts them', () => {
    const dir = join(root, 'fresh', 'cloutapi', 'compile');
    expect(privateDirProblem(dir)).toBeUndefined();
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(root, 'fresh', 'cloutapi')).mode & 0o777).toBe(0o700);
  });

  it('refuses a folder others may write in, and makes nothing inside it', () => {
    const open = join(root, 'open');
    mkdirSync(open);
    chmodSync(open, 0o777);
    expect(privateDirProblem(join(open, 'compile'))).toBe(`others may write in ${open}`);
    expect(() => statSync(join(open, 'compile'))).toThrow();
  });

  it('refuses a folder anywhere above that others may write in, and makes nothing inside it', () => {
    const open = join(root, 'open-above');
    mkdirSync(open);
    chmodSync(open, 0o777);
    expect(privateDirProblem(join(open, 'home', 'cloutapi', 'compile'))).toBe(
      `others may write in ${open}`,
    );
    expect(() => statSync(join(open, 'home'))).toThrow();
  });

  it('accepts a sticky folder others may write in (like /tmp) on the way, not as the folder itself', () => {
    const sticky = join(root, 'sticky');
    mkdirSync(sticky);
    chmodSync(sticky, 0o1777);
    expect(privateDirProblem(join(sticky, 'mine', 'compile'))).toBeUndefined();
    expect(privateDirProblem(sticky)).toBe(`others may write in ${sticky}`);
  });
});

describe('dataDir', () => {
  it('takes CLOUTAPI_DATA_DIR, then XDG_DATA_HOME, then the platform folder', () => {
    expect(dataDir({ CLOUTAPI_DATA_DIR: '/srv/clout' }, 'linux', '/home/a')).toBe('/srv/clout');
    expect(dataDir({ XDG_DATA_HOME: '/x' }, 'linux', '/home/a')).toBe('/x/cloutapi');
    expect(dataDir({}, 'linux', '/home/a')).toBe('/home/a/.local/share/cloutapi');
    expect(dataDir({}, 'darwin', '/Users/a')).toBe('/Users/a/Library/Application Support/cloutapi');
    expect(dataDir({ APPDATA: 'C:\\A' }, 'win32', 'C:\\U')).toBe(join('C:\\A', 'cloutapi'));
  });
});
