import { buildBundle } from './mcpb.js';

const file = buildBundle();
process.stdout.write(`${file}\n`);
