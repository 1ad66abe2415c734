import { writeFileSync } from 'node:fs';
import { API_FILE, README_FILE, renderApi, renderReadme } from './generated.js';

writeFileSync(API_FILE, renderApi());
writeFileSync(README_FILE, renderReadme());
process.stdout.write(`wrote ${API_FILE}\nwrote ${README_FILE}\n`);
