import { z } from 'zod';
import { collectionOf, NamedValue } from './common.js';
import { optionalText } from './leaves.js';

/** A backup node type (file server, workstation, database, ...) chosen when a node is created. */
export const NodeType = NamedValue.extend({
  href: optionalText,
  shortName: optionalText,
});
export type NodeType = z.infer<typeof NodeType>;

/** Every backup node type the portal offers. */
export const NodeTypeList = collectionOf(NodeType);
export type NodeTypeList = z.infer<typeof NodeTypeList>;

/** An operating system a backup node can run, with the node types it supports. */
export const NodeOperatingSystem = NodeType.extend({
  supportedNodeTypes: z.array(NodeType).optional(),
});
export type NodeOperatingSystem = z.infer<typeof NodeOperatingSystem>;

/** Every backup node operating system the portal offers. */
export const NodeOperatingSystemList = collectionOf(NodeOperatingSystem);
export type NodeOperatingSystemList = z.infer<typeof NodeOperatingSystemList>;
