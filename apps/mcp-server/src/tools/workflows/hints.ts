import type { ToolAnnotations } from '../types.js';

/** The hints of a tool that only reads from the portal. */
export const READS: ToolAnnotations = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: true,
};

/** The hints of an enrollment: it writes, removes nothing, and repeating it changes nothing. */
export const ENROLLS: ToolAnnotations = {
  readOnlyHint: false,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: true,
};
