import {
  flattenTree,
  hideSecrets,
  loadOperation,
  resultKind,
  shownFields,
} from '@cloutapi/resources';
import type { Colors } from './colors.js';
import { renderList } from './columns.js';
import { visible, visibleValue } from './sanitize.js';
import { renderTree } from './tree.js';

/** What a hidden secret shows instead of its value (which fields: resources' rule). */
const HIDDEN = '[hidden]';

/** How results are printed: tables for people, JSON for programs, ids for pipes. */
export type OutputMode = 'human' | 'json' | 'quiet';

/** How to show one result. */
export interface View {
  /** What it is: an operation name (`consumers.list`) picks the table columns. */
  kind: string;
  /** Show secrets (only `enroll` and `nodes get --reveal`). */
  reveal?: boolean;
  /** A custom rendering for people (e.g. the business unit tree). */
  human?: (value: unknown, colors: Colors) => string | Promise<string>;
  /** What to say in human mode when there is no result (a delete). */
  done?: string;
  /** What `--quiet` prints, when not the ids of the result's items. */
  ids?: (value: unknown) => string[];
}

/** Where commands write: results to stdout, notes and progress to stderr. */
export interface Output {
  readonly mode: OutputMode;
  /** Colours for stdout. */
  readonly colors: Colors;
  /** Colours for stderr. */
  readonly errColors: Colors;
  /** Prints a result in the chosen mode. */
  result(value: unknown, view: View): Promise<void>;
  /** A line of our own for people on stdout (may be coloured); nothing in json and quiet modes. */
  text(line: string): void;
  /**
   * A note on stderr; nothing in quiet mode. The line may hold server text: it is shown with
   * control characters made visible, then dimmed when `dim`.
   */
  note(line: string, dim?: boolean): void;
}

/** Creates the output of one run. */
export function createOutput(
  mode: OutputMode,
  colors: Colors,
  errColors: Colors,
  stdout: NodeJS.WritableStream = process.stdout,
  stderr: NodeJS.WritableStream = process.stderr,
): Output {
  const write = (text: string) => {
    stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  };
  return {
    mode,
    colors,
    errColors,
    async result(value, view) {
      // Every output, JSON included: only `enroll` and `nodes get --reveal` show a node password.
      const shown = view.reveal ? value : hideSecrets(value, HIDDEN);
      if (mode === 'json') {
        write(JSON.stringify(shown === undefined ? { ok: true } : shown, null, 2));
        return;
      }
      // Server text reaches a terminal only with its control characters made visible.
      if (mode === 'quiet') {
        for (const id of view.ids?.(shown) ?? idsOf(shown)) write(visible(id));
        return;
      }
      const text = await renderHuman(visibleValue(shown), view, colors);
      if (text) write(text);
      const more = truncation(shown);
      if (more) stderr.write(`${errColors.dim(more)}\n`);
    },
    text(line) {
      if (mode === 'human') write(line);
    },
    note(line, dim = false) {
      if (mode === 'quiet') return;
      const safe = visible(line);
      stderr.write(`${dim ? errColors.dim(safe) : safe}\n`);
    },
  };
}

async function renderHuman(value: unknown, view: View, colors: Colors): Promise<string> {
  if (value === undefined || value === null || value === '') return view.done ?? 'Done.';
  if (view.human) return view.human(value, colors);
  const op = await loadOperation(view.kind);
  if (op && resultKind(op) === 'tree') return renderTree(flattenTree(value as never), colors);
  if (typeof value !== 'object') return String(value);
  const items = Array.isArray(value) ? value : itemsOf(value);
  if (items?.length === 0) return colors.dim('(none)');
  if (items) return renderList(view.kind, items, colors);
  const { renderPairs } = await import('./table.js');
  return renderPairs(shownFields(value), colors);
}

/** The items of a collection (`{ total, items: [...] }`), or undefined for anything else. */
function itemsOf(value: unknown): unknown[] | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const items = (value as { items?: unknown }).items;
  return Array.isArray(items) ? items : undefined;
}

/** The ids to print in quiet mode: each item's id (or node name, or name). */
function idsOf(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value !== 'object') return [String(value)];
  const items = Array.isArray(value) ? value : (itemsOf(value) ?? [value]);
  return items
    .map((item) => {
      if (!item || typeof item !== 'object') return item === undefined ? undefined : String(item);
      const v = item as Record<string, unknown>;
      const id = v.id ?? v.tsmName ?? v.name;
      return id === undefined ? undefined : String(id);
    })
    .filter((id): id is string => id !== undefined);
}

/** "showing 100 of 523" when a collection holds fewer items than its total. */
function truncation(value: unknown): string | undefined {
  const items = itemsOf(value);
  const total = (value as { total?: unknown } | undefined)?.total;
  if (!items || typeof total !== 'number' || total <= items.length) return undefined;
  return `showing ${items.length} of ${total}; use --offset and --limit for more`;
}
