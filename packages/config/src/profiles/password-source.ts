import type { PasswordEntry } from './schema.js';

/** How long a password command may take when its profile does not say: `op` may ask first. */
export const DEFAULT_COMMAND_TIMEOUT_MS = 60_000;

/** Where a profile's password comes from. */
export type PasswordSource =
  /** The operating system's keychain: service `cloutapi`, the profile's name as the account. */
  | { from: 'keychain' }
  /** What a command prints on its first line (`pass show portal`, `op read op://...`). */
  | { from: 'command'; command: string; timeoutMs: number }
  /** An environment variable of the process. */
  | { from: 'env'; variable: string }
  /** Written in the profiles file itself, which must then be private to its user. */
  | { from: 'file'; password: string };

/** The source a `password:` entry names. */
export function passwordSourceOf(entry: PasswordEntry): PasswordSource {
  if (typeof entry === 'string') return { from: 'file', password: entry };
  if ('keychain' in entry) return { from: 'keychain' };
  if ('env' in entry) return { from: 'env', variable: entry.env };
  return { from: 'command', command: entry.command, timeoutMs: durationMs(entry.timeout) };
}

/** The `password:` entry that names a source, as the file holds it. */
export function passwordEntryOf(source: PasswordSource): PasswordEntry {
  switch (source.from) {
    case 'keychain':
      return { keychain: true };
    case 'env':
      return { env: source.variable };
    case 'file':
      return source.password;
    case 'command':
      return source.timeoutMs === DEFAULT_COMMAND_TIMEOUT_MS
        ? { command: source.command }
        : { command: source.command, timeout: `${source.timeoutMs / 1000}s` };
  }
}

/** Where the password comes from, for people (never the password itself). */
export function describePasswordSource(source: PasswordSource): string {
  switch (source.from) {
    case 'keychain':
      return 'keychain';
    case 'env':
      return `env ${source.variable}`;
    case 'file':
      return 'in the profiles file';
    case 'command':
      return `command: ${source.command}`;
  }
}

/** `30s`, `2m` or a number of seconds, as text (the schema checks it). */
const DURATION = /^\s*(\d+(?:\.\d+)?)\s*(s|m)?\s*$/;

function durationMs(text: string | undefined): number {
  const match = text === undefined ? undefined : DURATION.exec(text);
  if (!match) return DEFAULT_COMMAND_TIMEOUT_MS;
  return Math.round(Number(match[1]) * (match[2] === 'm' ? 60_000 : 1000));
}
