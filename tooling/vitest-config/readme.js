import { execFile } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const START = '<!-- example:start -->';
const END = '<!-- example:end -->';

/**
 * Extracts the code block between `<!-- example:start -->` and `<!-- example:end -->` of a
 * package's README.
 *
 * @param {string} packageDir
 */
export function readmeExample(packageDir) {
  const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${packageDir}/README.md has no example markers`);
  const block = readme.slice(start + START.length, end);
  const code = block.match(/```(?:ts|typescript|js)\n([\s\S]*?)```/);
  if (!code?.[1]) throw new Error(`${packageDir}/README.md: no code block between the markers`);
  return code[1];
}

/**
 * Runs a package's README example as a user would (a TypeScript file importing the package by
 * name, through tsx) and returns its stdout. The file is written inside the package so the
 * package's own name resolves (Node's self-reference through `exports`).
 *
 * @param {string} packageDir
 * @returns {Promise<string>}
 */
export async function runReadmeExample(packageDir) {
  const file = join(packageDir, `.readme-example-${process.pid}.mts`);
  writeFileSync(file, readmeExample(packageDir));
  try {
    const tsx = createRequire(join(packageDir, 'package.json')).resolve('tsx/cli');
    const { stdout } = await run(process.execPath, [tsx, file], {
      cwd: packageDir,
      timeout: 150_000,
    });
    return stdout;
  } finally {
    rmSync(file, { force: true });
  }
}
