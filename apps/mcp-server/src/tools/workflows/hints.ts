import type { ToolAnnotations } from '../types.js';

/** The hints of a tool that only reads from the portal. */
export const READS: ToolAnnotations = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: true,
};
