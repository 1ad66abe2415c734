import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { privateDirProblem } from '@cloutapi/config';
import { MIN_KEY_BYTES } from '../tools/confirmation.js';
import type { KeyRing } from './keys.js';

/** Where the state keys may come from (the environment, or a file of keys). */
export interface KeySources {
  /** CLOUTAPI_MCP_STATE_KEY: the current key. */
  current?: Buffer | undefined;
  /** CLOUTAPI_MCP_STATE_KEY_PREVIOUS: older keys, comma-separated, to open what they sealed. */
  previous?: string | undefined;
  /** CLOUTAPI_MCP_STATE_KEY_FILE: one key a line, the current first. */
  file?: string | undefined;
}

const keyOf = (text: string, where: string) => {
  const key = Buffer.from(text.trim(), 'utf8');
  if (key.length < MIN_KEY_BYTES)
    throw new Error(
      `a state key in ${where} is ${key.length} bytes; each must be at least ${MIN_KEY_BYTES} (openssl rand -base64 48)`,
    );
  return key;
};

/**
 * The team server's key ring: from the environment, else from a key file, else (embedded store
 * only) the key file made in the store's folder at the first start. Instances sharing PostgreSQL
 * must be given the same key: each would otherwise seal with its own.
 *
 * @throws Error naming what to set when there is no key and none may be made.
 */
export function stateKeys(sources: KeySources, embeddedDir: string | undefined): KeyRing {
  const previous = (sources.previous ?? '')
    .split(',')
    .filter((k) => k.trim())
    .map((k) => keyOf(k, 'CLOUTAPI_MCP_STATE_KEY_PREVIOUS'));
  if (sources.current) return { current: sources.current, previous };
  if (sources.file) {
    const lines = readFileSync(sources.file, 'utf8')
      .split('\n')
      .filter((l) => l.trim() && !l.startsWith('#'));
    const [first, ...rest] = lines.map((l) => keyOf(l, sources.file as string));
    if (!first) throw new Error(`${sources.file} holds no state key`);
    return { current: first, previous: [...rest, ...previous] };
  }
  if (!embeddedDir)
    throw new Error(
      'instances sharing PostgreSQL need one state key: set CLOUTAPI_MCP_STATE_KEY (32+ bytes, e.g. openssl rand -base64 48) or CLOUTAPI_MCP_STATE_KEY_FILE, the same for each',
    );
  return { current: generatedKey(embeddedDir), previous };
}

/** The embedded store's own key file, made (mode 0600, never overwritten) at the first start. */
function generatedKey(dir: string): Buffer {
  const refused = privateDirProblem(dir);
  if (refused) throw new Error(`the team store's folder ${dir} cannot be used: ${refused}`);
  const path = join(dir, 'state.key');
  try {
    const fd = openSync(path, 'wx', 0o600);
    try {
      writeSync(fd, `${randomBytes(48).toString('base64')}\n`);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return keyOf(readFileSync(path, 'utf8'), path);
}
