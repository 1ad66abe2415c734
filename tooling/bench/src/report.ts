import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';

const HEADER = `# Benchmarks

Written by \`pnpm bench\`; each section is replaced by the benchmark that owns it, with the machine
and date it ran on. Numbers from different machines are not comparable.
`;

/** The facts a result is meaningless without: date (UTC), CPU, cores, memory, Node, platform. */
function describeMachine(now = new Date()): string {
  const list = cpus();
  const cpu = list[0]?.model.trim() || 'unknown CPU';
  const memoryGiB = Math.round(totalmem() / 2 ** 30);
  return `${now.toISOString().slice(0, 10)}, ${cpu}, ${list.length} cores, ${memoryGiB} GiB, Node ${process.version}, ${process.platform}-${process.arch}`;
}

/** Finds the repository root (the folder holding pnpm-workspace.yaml) above `from`. */
function findRepoRoot(from: string = process.cwd()): string {
  let dir = from;
  while (!existsSync(join(dir, 'pnpm-workspace.yaml'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no pnpm-workspace.yaml above ${from}`);
    dir = parent;
  }
  return dir;
}

/**
 * Replaces (or appends) the section `id` of BENCHMARKS.md at the repository root. A section is
 * delimited by HTML comments, so benchmarks of different packages can each own theirs.
 */
export function writeBenchmarkSection(id: string, title: string, body: string): string {
  const file = join(findRepoRoot(), 'BENCHMARKS.md');
  const current = existsSync(file) ? readFileSync(file, 'utf8') : HEADER;
  const start = `<!-- bench:${id}:start -->`;
  const end = `<!-- bench:${id}:end -->`;
  const section = `${start}\n## ${title}\n\nMachine: ${describeMachine()}\n\n${body.trim()}\n${end}`;
  const pattern = new RegExp(`${escapeRegExp(start)}[\\s\\S]*?${escapeRegExp(end)}`);
  const next = pattern.test(current)
    ? current.replace(pattern, section)
    : `${current.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, next);
  return file;
}

/** Renders rows as a Markdown table. */
export function markdownTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
