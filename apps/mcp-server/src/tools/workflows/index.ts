import type { ToolDefinition } from '../types.js';
import { backupHealthTool } from './backup-health.js';
import { describeConsumerTool } from './describe-consumer.js';
import { enrollMachineTool } from './enroll-machine.js';
import { enrollMachinesTool } from './enroll-machines.js';
import { findBusinessUnitTool } from './find-business-unit.js';
import { jobsSinceTool } from './jobs-since.js';
import { normalizeNodeNameTool } from './normalize-node-name.js';
import { whoamiTool } from './whoami.js';

/**
 * Tools that make a common task one call, composed from registry operations by the SDK's
 * workflows; one file each, declared with `defineTool`. Listed in this order, after the
 * operation tools.
 */
export function workflowTools(): ToolDefinition[] {
  return [
    enrollMachineTool,
    enrollMachinesTool,
    whoamiTool,
    findBusinessUnitTool,
    describeConsumerTool,
    jobsSinceTool,
    backupHealthTool,
    normalizeNodeNameTool,
  ];
}
