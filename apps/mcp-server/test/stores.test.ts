import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderOnceStore } from '../src/once-folder.js';
import { folderSnapshotStore } from '../src/snapshots.js';

/** What two instances on one machine share through the cache folder, each with its own store. */
describe('the stores instances share through a folder', () => {
  it('a snapshot one instance kept, another reads until it expires; its files are private', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cloutapi-snapshots-'));
    let now = 1_000_000;
    const a = folderSnapshotStore(dir, () => now);
    const b = folderSnapshotStore(dir, () => now);
    const id = await a.put({ page: [1, 2, 3] }, 60_000);
    expect(await b.get(id)).toEqual({ page: [1, 2, 3] });
    for (const name of readdirSync(dir)) expect(statSync(join(dir, name)).mode & 0o077).toBe(0);
    expect(await b.get('not-an-id')).toBeUndefined();
    const another = `${id.slice(0, -1)}${id.endsWith('A') ? 'B' : 'A'}`; // one character off
    expect(await b.get(another)).toBeUndefined();
    now += 60_001;
    expect(await b.get(id)).toBeUndefined();
    await b.put({}, 1000); // sweeps the expired one
    expect(readdirSync(dir)).toHaveLength(1);
  });

  it('a confirmation claimed by one instance is refused by the other', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cloutapi-once-'));
    const a = folderOnceStore(dir);
    const b = folderOnceStore(dir);
    const until = Date.now() + 60_000;
    const claims = await Promise.all([a.claim('token:x', until), b.claim('token:x', until)]);
    expect(claims.sort()).toEqual([false, true]);
    expect(await a.claim('token:y', until)).toBe(true);
  });
});
