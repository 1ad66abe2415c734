import type { CallOptions } from '../call.js';
import type { Cloutility } from '../cloutility.js';
import type {
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
}

/** Creates the {@link EnrollDefaults} of one run, read through `clout`. */
export function enrollDefaults(clout: Cloutility): EnrollDefaults {
  const cache = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, read: () => Promise<T>): Promise<T> => {
    let value = cache.get(key) as Promise<T> | undefined;
    if (!value) {
      value = read();
      cache.set(key, value);
      value.catch(() => {
        if (cache.get(key) === value) cache.delete(key);
      });
    }
    return value;
  };
  // Lists are read whole: on a portal that pages, an OS or domain on page 2 still counts.
  return {
    operatingSystems: (call = {}) =>
      once('os', () => readAllPages(clout, catalog.operatingSystems, {}, call)),
    nodeTypes: (call = {}) => once('types', () => readAllPages(clout, catalog.nodeTypes, {}, call)),
    defaultServer: (bunitId, call) =>
      once(`server ${bunitId}`, () => clout.servers.default({ bunitId }, call)),
    domains: (bunitId, call = {}) =>
      once(`domains ${bunitId}`, () => readAllPages(clout, servers.domains, { bunitId }, call)),
    clientOptionSets: (bunitId, call = {}) =>
      once(`sets ${bunitId}`, () =>
        readAllPages(clout, servers.clientOptionSets, { bunitId }, call),
      ),
  };
}
