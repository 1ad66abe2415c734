import { writeFileReplacing } from '@cloutapi/config';
import {
  type EnrollDefaults,
  type EnrollInput,
  type EnrollLockProvider,
  type EnrollManyOutcome,
  type EnrollResult,
  enrollMany,
  normalizeNodeName,
} from '@cloutapi/resources';
import {
  AuthenticationError,
  CloutilityError,
  ConnectionError,
  PermissionError,
  TimeoutError,
} from '@cloutapi/resources/errors';
import { type Info, parse } from 'csv-parse/sync';
import type { Ctx } from '../context.js';
import { usageError } from '../errors.js';
import { readFlagFile } from '../flags/read.js';
import { sessionDefaults } from '../lookup-cache.js';
import { spreadsheetCsv } from '../output/csv.js';
import { progressBar } from '../output/progress.js';
import {
  enrollAdviceForCli,
  enrollLock,
  inputProblems,
  type MachineSpec,
  resolveMachine,
} from './enroll-input.js';
import type { Lookups } from './resolve.js';

/** The CSV columns, by machine field, and the other spellings accepted in a header. */
const COLUMNS: Record<keyof MachineSpec, readonly string[]> = {
  name: ['name', 'machine', 'host', 'hostname'],
  bunit: ['bunit', 'bunit_id', 'business_unit'],
  os: ['os', 'operating_system'],
  nodeName: ['node_name', 'nodename', 'tsm_name'],
  nodeType: ['node_type', 'type'],
  domain: ['domain', 'policy_domain'],
  optionSet: ['option_set', 'client_option_set', 'clientoptionset'],
  server: ['server', 'server_id'],
  contact: ['contact'],
  cpus: ['cpus', 'cpu_count'],
};

/** A machine of the CSV and the line of the file its row starts on. */
type CsvMachine = MachineSpec & { line: number };

/** One row's outcome, as written to the result file. */
interface RowResult {
  row: number;
  line: number;
  name: string;
  bunitId: number | undefined;
  status: 'enrolled' | 'already-enrolled' | 'failed' | 'not-started';
  consumerId: number | undefined;
  nodeName: string | undefined;
  server: string | undefined;
  password?: string | undefined;
  error: string | undefined;
}

/**
 * `cloutapi enroll --from machines.csv`: resolves every row (unit names once, against one tree),
 * enrolls the valid ones with bounded concurrency (a progress bar on a terminal), and writes one
 * result row per machine, without passwords unless asked. Running it again completes what failed
 * and reports the rest as already enrolled. Ctrl-C stops taking new rows, lets the rows in
 * flight finish, writes the results of every row (those not started say so) and exits 130.
 */
export async function enrollFromCsv(
  ctx: Ctx,
  file: string,
  options: Record<string, string | boolean | undefined>,
): Promise<void> {
  const concurrency = Number(options.concurrency ?? 8);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    throw usageError('--concurrency: expected a whole number from 1 to 64');
  }
  const reveal = options.revealPasswords === true;
  const resultsFile =
    typeof options.results === 'string'
      ? options.results
      : `${file.replace(/\.csv$/i, '')}.results.csv`;
  const specs = readMachines(file, options);
  if (specs.length === 0) throw usageError(`--from: ${file} lists no machines`);
  refuseSameNodeName(file, specs);

  // Ctrl-C: no new rows; the rows in flight settle, then every row is written and summed up.
  const stop = new AbortController();
  const onInterrupt = () => {
    // Removed after this signal's listeners ran: the lock files' exit hook (signal-exit, under
    // proper-lockfile) ends the process at a signal it finds no other listener for.
    setImmediate(() => process.off('SIGINT', onInterrupt));
    stop.abort();
    ctx.out.note(
      'stopping: no new machines; waiting for those in flight (Ctrl-C again to quit at once)',
    );
  };
  process.on('SIGINT', onInterrupt);
  try {
    const session = await ctx.session();
    // The rows start at once, each soon with a second request beside its node's creation.
    session.preconnect(Math.min(specs.length, concurrency) * 2);
    // The lock files make two runs at once enroll each machine once.
    const lock = await enrollLock(ctx);
    const defaults = sessionDefaults(session);
    const settings = { concurrency, reveal, lock, defaults };
    const results = await enrollRows(ctx, session.clout, specs, settings, stop.signal);
    writeResults(resultsFile, results, reveal);
    await report(ctx, results, resultsFile, reveal, stop.signal);
  } finally {
    process.off('SIGINT', onInterrupt);
  }
}

/** How the rows are enrolled: at once, with passwords, under which lock, with which lookups. */
interface RowSettings {
  concurrency: number;
  reveal: boolean;
  lock: EnrollLockProvider;
  defaults: EnrollDefaults;
}

async function enrollRows(
  ctx: Ctx,
  clout: Awaited<ReturnType<Ctx['session']>>['clout'],
  specs: readonly CsvMachine[],
  { concurrency, reveal, lock, defaults }: RowSettings,
  stopSignal: AbortSignal,
): Promise<RowResult[]> {
  // The unit tree is read once for every row.
  const lookups: Lookups = {};
  const results: RowResult[] = specs.map((spec, index) => ({
    row: index + 1,
    line: spec.line,
    name: spec.name,
    bunitId: undefined,
    status: 'failed',
    consumerId: undefined,
    nodeName: undefined,
    server: undefined,
    error: undefined,
  }));
  // Rows that cannot be resolved (unknown unit, empty name) fail here without a request.
  const ready: { index: number; input: EnrollInput }[] = [];
  for (const [index, spec] of specs.entries()) {
    const result = results[index] as RowResult;
    if (stopSignal.aborted) {
      notStarted(result);
      continue;
    }
    try {
      if (!spec.name.trim()) throw usageError('name: empty');
      const resolved = await resolveMachine(clout, spec, lookups, (f) => COLUMNS[f][0] as string);
      result.bunitId = resolved.unit.id;
      ready.push({ index, input: resolved.input });
    } catch (error) {
      // What stops every row (no sign-in, no server) stops the run; anything else is this row's.
      if (isFatal(error)) throw error;
      result.error = rowError(error as Error);
    }
  }

  const bar = await enrollBar(ctx, ready.length);
  let failed = 0;
  const outcomes = await enrollMany(
    clout,
    ready.map((r) => r.input),
    {
      concurrency,
      stopSignal,
      lock,
      defaults,
      onResult: (outcome) => {
        if (!outcome.ok && !outcome.notStarted) failed++;
        bar?.increment(1, { failed });
      },
    },
  );
  bar?.stop();
  for (const [i, outcome] of outcomes.entries()) {
    const row = results[(ready[i] as { index: number }).index] as RowResult;
    record(row, outcome, reveal);
    if (row.error) row.error = enrollAdviceForCli(row.error);
  }
  return results;
}

function notStarted(result: RowResult): void {
  result.status = 'not-started';
  result.error = 'not started: the run was stopped (Ctrl-C); run the same command again';
}

/**
 * Two rows that would make the same backup node (names are compared as the server stores them,
 * upper-cased, after the same normalisation as the enrollment) are refused before anything is
 * sent: the second would silently become the first machine.
 */
function refuseSameNodeName(file: string, specs: readonly MachineSpec[]): void {
  const rows = new Map<string, number>();
  const clashes: string[] = [];
  for (const [index, spec] of specs.entries()) {
    let name: string;
    try {
      name = (spec.nodeName?.trim() || normalizeNodeName(spec.name).name).toUpperCase();
    } catch {
      continue; // a name with nothing usable fails on its own row
    }
    const earlier = rows.get(name);
    if (earlier === undefined) rows.set(name, index + 1);
    else clashes.push(`rows ${earlier} and ${index + 1} both become node ${name}`);
  }
  if (clashes.length) {
    throw usageError(
      `--from: ${file}: ${clashes.slice(0, 5).join('; ')}${clashes.length > 5 ? `; and ${clashes.length - 5} more` : ''}`,
      'Give those rows distinct names or a node_name column. Nothing was sent.',
    );
  }
}

function record(result: RowResult, outcome: EnrollManyOutcome, reveal: boolean): void {
  if (!outcome.ok && outcome.notStarted) {
    notStarted(result);
    return;
  }
  if (outcome.ok) {
    const r: EnrollResult = outcome.result;
    result.status = r.status;
    result.consumerId = r.consumerId;
    result.nodeName = r.nodeName;
    result.server = r.server.name;
    if (reveal) result.password = r.password;
    return;
  }
  result.error = rowError(outcome.error);
}

/** A row's error in the words of the CSV: which column is wrong. */
function rowError(error: Error): string {
  return inputProblems(error, (field) => COLUMNS[field][0] as string) ?? error.message;
}

/**
 * Reads the CSV: a header row naming the columns (any order; case and `-`/space ignored), each
 * column once, then a machine per row.
 */
function readMachines(
  file: string,
  options: Record<string, string | boolean | undefined>,
): CsvMachine[] {
  const [header, ...records] = readRecords(file, utf8Text(file, readFlagFile('--from', file)));
  if (!header) return [];
  const fields = fieldsOf(file, header);
  const text = (key: string) =>
    typeof options[key] === 'string' ? (options[key] as string) : undefined;
  return records.map(({ cells, line }) => {
    const row: Partial<Record<keyof MachineSpec, string>> = {};
    for (const [i, field] of fields.entries()) row[field] = cells[i];
    // Flags give the defaults of missing cells.
    return {
      line,
      name: row.name ?? '',
      bunit: row.bunit || text('bunit'),
      os: row.os || text('os'),
      nodeName: row.nodeName || undefined,
      nodeType: row.nodeType || text('nodeType'),
      domain: row.domain || text('domain'),
      optionSet: row.optionSet || text('optionSet'),
      server: row.server || text('server'),
      contact: row.contact || text('contact'),
      cpus: row.cpus || text('cpus'),
    };
  });
}

/** The records of the file, each with the line it starts on. */
function readRecords(file: string, text: string): { cells: string[]; line: number }[] {
  let records: { record: string[]; info: Info }[];
  try {
    records = parse(text, {
      info: true,
      skip_empty_lines: true,
      trim: true,
      // Only a line that starts with # is a comment: `hashweb#1` is a name, not `hashweb`.
      comment: '#',
      comment_no_infix: true,
      bom: true,
    }) as unknown as typeof records; // with `info`, each record comes with where it ends
  } catch (error) {
    throw usageError(`--from: ${file} is not valid CSV: ${(error as Error).message}`);
  }
  // Lines are counted here, from where each record ends (csv-parse's own count takes a CRLF
  // inside quotes for two lines); the comment and empty lines before a record are one line each.
  const bytes = Buffer.from(text);
  const lineBreaks = (from: number, to: number) =>
    bytes
      .subarray(from, to)
      .toString()
      .match(/\r\n?|\n/g)?.length ?? 0;
  let offset = 0;
  let line = 1;
  let skipped = 0;
  return records.map(({ record, info }) => {
    const start = line + info.comment_lines + info.empty_lines - skipped;
    skipped = info.comment_lines + info.empty_lines;
    line += lineBreaks(offset, info.bytes);
    offset = info.bytes;
    return { cells: record, line: start };
  });
}

/**
 * The machine field of each header cell. A field named twice (`bunit,bunit`, or `cpus` and
 * `cpu_count`) is refused: which one to use would be a guess.
 */
function fieldsOf(file: string, header: { cells: string[]; line: number }): (keyof MachineSpec)[] {
  const fields = header.cells.map(columnOf);
  const twice = [...new Set(fields.filter((field, i) => fields.indexOf(field) !== i))];
  if (twice.length) {
    const given = (field: keyof MachineSpec) =>
      header.cells.filter((_, i) => fields[i] === field).join(', ');
    throw usageError(
      `--from: ${file} line ${header.line}: ${twice.map((f) => `the column ${COLUMNS[f][0]} is given twice (${given(f)})`).join('; ')}`,
      'Keep one column of each. Nothing was sent.',
    );
  }
  return fields;
}

/**
 * The file as text, when it is UTF-8 (a BOM is fine). Anything else (Latin-1 from an old
 * spreadsheet) is refused, naming the first bad line, rather than making names with U+FFFD.
 */
function utf8Text(file: string, bytes: Buffer): string {
  const strict = new TextDecoder('utf-8', { fatal: true });
  try {
    return strict.decode(bytes);
  } catch {
    let start = 0;
    for (let line = 1; ; line++) {
      const end = bytes.indexOf(0x0a, start);
      try {
        strict.decode(bytes.subarray(start, end === -1 ? bytes.length : end));
      } catch {
        throw usageError(
          `--from: ${file} is not UTF-8 text (line ${line})`,
          'Save it as UTF-8 (CSV UTF-8 in a spreadsheet), or convert it: iconv -f latin1 -t utf-8.',
        );
      }
      if (end === -1) break;
      start = end + 1;
    }
    throw usageError(`--from: ${file} is not UTF-8 text`);
  }
}

function columnOf(header: string): keyof MachineSpec {
  const key = header
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  for (const [field, names] of Object.entries(COLUMNS)) {
    if (names.includes(key)) return field as keyof MachineSpec;
  }
  throw usageError(
    `--from: unknown column "${header}"`,
    `The columns are ${Object.values(COLUMNS)
      .map((n) => n[0])
      .join(', ')} (only name is required).`,
  );
}

function writeResults(file: string, results: readonly RowResult[], reveal: boolean): void {
  const columns = [
    'row',
    'line',
    'name',
    'bunit_id',
    'status',
    'consumer_id',
    'node_name',
    'server',
    ...(reveal ? ['password'] : []),
    'error',
  ];
  const rows = results.map((r) => [
    r.row,
    r.line,
    r.name,
    r.bunitId ?? '',
    r.status,
    r.consumerId ?? '',
    r.nodeName ?? '',
    r.server ?? '',
    ...(reveal ? [r.password ?? ''] : []),
    r.error ?? '',
  ]);
  // With passwords inside, only the user may read it: a new 0600 file renamed into place, so an
  // existing file's 0644 never carries over.
  writeFileReplacing(file, spreadsheetCsv(columns, rows), reveal);
}

async function report(
  ctx: Ctx,
  results: readonly RowResult[],
  file: string,
  reveal: boolean,
  stopped: AbortSignal,
): Promise<void> {
  const count = (status: RowResult['status']) => results.filter((r) => r.status === status).length;
  const failed = results.filter((r) => r.status === 'failed');
  const waiting = count('not-started');
  await ctx.out.result(
    results.map(({ password, ...rest }) => (reveal ? { ...rest, password } : rest)),
    {
      kind: 'enroll.bulk',
      reveal,
      // The node names enrolled, for a pipe.
      ids: (rows) => (rows as RowResult[]).flatMap((r) => (r.nodeName ? [r.nodeName] : [])),
      human: () =>
        `${results.length} machines: ${count('enrolled')} enrolled, ${count('already-enrolled')} already enrolled, ${failed.length} failed${waiting ? `, ${waiting} not started` : ''}. Results: ${file}`,
    },
  );
  for (const row of failed.slice(0, 10))
    ctx.out.note(`row ${row.row} (line ${row.line}, ${row.name}): ${row.error}`);
  if (failed.length > 10) ctx.out.note(`... and ${failed.length - 10} more in ${file}`);
  if (stopped.aborted) {
    // Its cause, Ctrl-C's AbortError, makes it exit 130.
    throw new CloutilityError({
      message: `stopped (Ctrl-C): ${waiting} of ${results.length} machines were not started (see ${file}).`,
      hint: 'Run the same command again to enroll the rest: machines already enrolled are skipped.',
      cause: stopped.reason,
    });
  }
  if (failed.length) {
    // Exit code 1, after the results were written.
    throw new CloutilityError({
      message: `${failed.length} of ${results.length} machines were not enrolled (see ${file}).`,
      hint: 'Fix what the errors say, then run the same command again: machines already enrolled are skipped.',
    });
  }
}

function isFatal(error: unknown): boolean {
  return (
    error instanceof AuthenticationError ||
    error instanceof PermissionError ||
    error instanceof ConnectionError ||
    error instanceof TimeoutError ||
    !(error instanceof Error)
  );
}

async function enrollBar(ctx: Ctx, total: number) {
  if (ctx.out.mode !== 'human' || !process.stderr.isTTY || total < 2) return undefined;
  const bar = await progressBar(
    'enrolling [{bar}] {value}/{total} machines, {failed} failed, eta {eta_formatted}',
  );
  bar.start(total, 0, { failed: 0 });
  return bar;
}
