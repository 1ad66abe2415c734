import { z } from 'zod';
import type { CallOptions } from '../call.js';
import type { Cloutility } from '../cloutility.js';
import {
  BackupServer,
  ClientOptionSet,
  NodeOperatingSystem,
  NodeType,
  PolicyDomain,
} from '../models/index.js';
import * as catalog from '../operations/catalog.js';
import * as servers from '../operations/servers.js';
import { readAllPages } from './all-pages.js';

/**
 * The catalog and server defaults enrollment needs, each read at most once: the operating systems,
 * the node types, and per business unit its default server, policy domains and client option sets.
 * `enrollMany` shares one among all its machines; give one to several `enrollMachine` calls to do
 * the same. A read that failed is forgotten, so the next machine asks again.
 */
export interface EnrollDefaults {
  operatingSystems(call?: CallOptions): Promise<NodeOperatingSystem[]>;
  nodeTypes(call?: CallOptions): Promise<NodeType[]>;
  defaultServer(bunitId: number, call?: CallOptions): Promise<BackupServer>;
  domains(bunitId: number, call?: CallOptions): Promise<PolicyDomain[]>;
  clientOptionSets(bunitId: number, call?: CallOptions): Promise<ClientOptionSet[]>;
  /**
   * Forgets the answers that came from the {@link LookupStore} (not those read from the portal in
   * this run): of the catalog, or of one business unit. The next ask reads the portal again.
   */
  forgetStored(scope: 'catalog' | number): Promise<void>;
}

/**
 * Where lookups are kept between runs: JSON values by key, sync or async. The store keeps what it
 * is given as it is; ages and shapes are checked when read ({@link enrollDefaults}). A store holds
 * the answers of one portal and user: never share one between sign-ins.
 */
export interface LookupStore {
  /** The value last `set` under `key`, or `undefined`. */
  get(key: string): unknown | Promise<unknown>;
  set(key: string, value: unknown): void | Promise<void>;
  forget(key: string): void | Promise<void>;
}

/** Options of {@link enrollDefaults}. */
export interface EnrollDefaultsOptions {
  /** Keeps the answers between runs; without one, they last as long as the returned object. */
  store?: LookupStore | undefined;
  /** How old a stored answer may be before it is read again; default 24 hours. */
  maxAgeMs?: number;
  /** The clock the ages are measured by, in epoch ms; default `Date.now`. */
  now?: () => number;
}

/** The default age limit of a stored lookup: the catalog and servers change rarely, and a refused write re-reads. */
export const LOOKUP_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/** What a stored entry must look like, by key prefix: anything else is read again. */
const SHAPES = {
  os: z.array(NodeOperatingSystem),
  types: z.array(NodeType),
  // The id goes into the node's creation: a server without one is no answer.
  server: BackupServer.extend({ id: z.number().int() }),
  domains: z.array(PolicyDomain),
  sets: z.array(ClientOptionSet),
} as const;
type Kind = keyof typeof SHAPES;

const Entry = z.object({ savedAt: z.number(), value: z.unknown() });

/**
 * Creates the {@link EnrollDefaults} of one run, read through `clout`: from `store` when it holds
 * an answer younger than `maxAgeMs` and of the right shape, else from the portal (and then kept
 * there). A stored reference the portal refuses is re-read by enrollment itself (`forgetStored`).
 */
export function enrollDefaults(
  clout: Cloutility,
  { store, maxAgeMs = LOOKUP_MAX_AGE_MS, now = Date.now }: EnrollDefaultsOptions = {},
): EnrollDefaults {
  const memo = new Map<string, { value: Promise<unknown>; stored: boolean }>();
  const fromStore = async (key: string, kind: Kind): Promise<unknown> => {
    const entry = Entry.safeParse(await store?.get(key));
    if (!entry.success) return undefined;
    const age = now() - entry.data.savedAt;
    // A date in the future is as untrustworthy as an old one.
    if (!(age >= 0 && age <= maxAgeMs)) return undefined;
    const value = SHAPES[kind].safeParse(entry.data.value);
    return value.success ? value.data : undefined;
  };
  const fromPortal = async <T>(key: string, read: () => Promise<T>): Promise<T> => {
    const value = await read();
    try {
      await store?.set(key, { savedAt: now(), value });
    } catch {
      // A store that cannot keep it costs a read next time, nothing more.
    }
    return value;
  };
  const once = <T>(kind: Kind, scope: string, read: () => Promise<T>): Promise<T> => {
    const key = `${kind} ${scope}`;
    const known = memo.get(key);
    if (known) return known.value as Promise<T>;
    const entry = { value: Promise.resolve(), stored: false } as {
      value: Promise<unknown>;
      stored: boolean;
    };
    entry.value = (async () => {
      const kept = store ? await fromStore(key, kind).catch(() => undefined) : undefined;
      entry.stored = kept !== undefined;
      return kept ?? fromPortal(key, read);
    })();
    memo.set(key, entry);
    entry.value.catch(() => {
      if (memo.get(key) === entry) memo.delete(key);
    });
    return entry.value as Promise<T>;
  };
  const forgetStored = async (scope: 'catalog' | number) => {
    const keys =
      scope === 'catalog'
        ? ['os catalog', 'types catalog']
        : ['server', 'domains', 'sets'].map((kind) => `${kind} ${scope}`);
    for (const key of keys) {
      const entry = memo.get(key);
      // Settled first: whether it came from the store is known once it answered.
      await entry?.value.catch(() => {});
      if (!entry?.stored || memo.get(key) !== entry) continue;
      memo.delete(key);
      await store?.forget(key);
    }
  };
  // Lists are read whole: on a portal that pages, an OS or domain on page 2 still counts.
  return {
    operatingSystems: (call = {}) =>
      once('os', 'catalog', () => readAllPages(clout, catalog.operatingSystems, {}, call)),
    nodeTypes: (call = {}) =>
      once('types', 'catalog', () => readAllPages(clout, catalog.nodeTypes, {}, call)),
    defaultServer: (bunitId, call) =>
      once('server', `${bunitId}`, () => clout.servers.default({ bunitId }, call)),
    domains: (bunitId, call = {}) =>
      once('domains', `${bunitId}`, () => readAllPages(clout, servers.domains, { bunitId }, call)),
    clientOptionSets: (bunitId, call = {}) =>
      once('sets', `${bunitId}`, () =>
        readAllPages(clout, servers.clientOptionSets, { bunitId }, call),
      ),
    forgetStored,
  };
}

/** A {@link LookupStore} in memory, for a long-lived process (one per portal and user). */
export function memoryLookupStore(): LookupStore {
  const values = new Map<string, unknown>();
  return {
    get: (key) => values.get(key),
    set: (key, value) => void values.set(key, value),
    forget: (key) => void values.delete(key),
  };
}
