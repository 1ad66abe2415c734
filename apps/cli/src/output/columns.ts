import { isShown, pick } from './values.js';

/** A table column: its header and the path of its value in an item (see `pick`). */
export type Column = readonly [header: string, path: string];

/**
 * The columns of each kind of list, ids first and terse: what an operator scans for. A list not
 * named here gets generic columns (see {@link columnsFor}).
 */
const COLUMNS: Record<string, readonly Column[]> = {
  'actions.list': [
    ['ID', 'id'],
    ['NAME', 'name'],
  ],
  'bunit.list': [
    ['ID', 'id'],
    ['NAME', 'name'],
    ['TYPE', 'type'],
    ['PARENT', 'parentId'],
  ],
  'bunits.children': [
    ['ID', 'id'],
    ['NAME', 'name'],
    ['REGISTRATION', 'registrationNumber'],
    ['CREATED', 'createdDate'],
  ],
  'bunits.users': [
    ['ID', 'id'],
    ['NAME', 'name'],
    ['DISPLAY NAME', 'displayName'],
    ['ROLE', 'role.name'],
    ['LOCKED', 'locked'],
    ['LAST LOGIN', 'lastLoginDate'],
  ],
  'timezones.list': [
    ['ID', 'id'],
    ['NAME', 'name'],
    ['WINDOWS ID', 'windowsId'],
  ],
  'consumers.list': [
    ['ID', 'id'],
    ['NAME', 'name'],
    ['STATE', 'dataSourceState.name'],
    ['NODE', 'node.tsmName'],
    ['REFERENCE', 'externalReference'],
    ['CREATED', 'createdDate'],
  ],
  'audit.query': [
    ['ID', 'id'],
    ['TIME', 'createdDate'],
    ['TYPE', 'type'],
    ['USER', 'user.name'],
    ['MESSAGE', 'message'],
  ],
  'reports.list': [
    ['ID', 'id'],
    ['DATE', 'reportDate'],
    ['NODE', 'tsmName'],
    ['STATUS', 'status'],
    ['STORED MB', 'megaBytes'],
    ['SENT MB', 'transferredMegaBytes'],
  ],
  'reports.warningTypes': [
    ['ID', 'id'],
    ['NAME', 'name'],
    ['USES LIMIT', 'usesLimit'],
  ],
  'jobs.list': [
    ['ID', 'id'],
    ['NAME', 'name'],
    ['TYPE', 'type.name'],
    ['STATUS', 'status.name'],
    ['STARTED', 'actualStart'],
    ['COMPLETED', 'completed'],
    ['MB', 'transferredMegaBytes'],
    ['FAILED FILES', 'failedFiles'],
  ],
  'servers.domains': [
    ['ID', 'id'],
    ['NAME', 'name'],
    ['SERVER', 'server.name'],
    ['DESCRIPTION', 'description'],
  ],
  'servers.clientOptionSets': [
    ['ID', 'id'],
    ['NAME', 'name'],
    ['DESCRIPTION', 'description'],
  ],
  'catalog.operatingSystems': [
    ['ID', 'id'],
    ['NAME', 'name'],
    ['SHORT', 'shortName'],
    ['NODE TYPES', 'supportedNodeTypes[].name'],
  ],
  'catalog.nodeTypes': [
    ['ID', 'id'],
    ['NAME', 'name'],
    ['SHORT', 'shortName'],
  ],
  'nodes.filespaces': [
    ['ID', 'id'],
    ['NAME', 'name'],
    ['TYPE', 'type'],
    ['CAPACITY MB', 'capacityMegaBytes'],
    ['USED %', 'percentageUtilized'],
    ['LAST BACKUP', 'lastBackupEnd'],
  ],
  'proxies.possibleNodes': [
    ['ID', 'id'],
    ['NODE', 'tsmName'],
    ['CONSUMER', 'consumer.name'],
    ['CONSUMER ID', 'consumer.id'],
  ],
  'billing.invoices': [
    ['ID', 'id'],
    ['PAYER', 'payingBusinessUnit.name'],
    ['LINES', 'lines.length'],
    ['CREATED', 'createdDate'],
  ],
  'billing.invoiceFiles': [
    ['ID', 'id'],
    ['NAME', 'name'],
    ['ERP REFERENCE', 'erpReference'],
    ['CREATED', 'createdDate'],
  ],
  'billing.data': [
    ['ID', 'id'],
    ['INVOICE DATE', 'invoiceDateStr'],
    ['TOTAL', 'summary'],
    ['INVOICES', 'invoices.length'],
    ['PRELIMINARY', 'preliminary'],
  ],
};

const MAX_GENERIC = 6;

/**
 * The columns for a list of `kind` (an operation name such as `consumers.list`): the chosen ones,
 * or generic ones read from the items: `id`, other `...Id` fields, `name`, then scalar fields, at
 * most six, never `$type`, `href` or `actions`.
 */
export function columnsFor(kind: string, items: readonly unknown[]): readonly Column[] {
  const chosen = COLUMNS[kind];
  if (chosen) return chosen;
  const keys: string[] = [];
  for (const item of items.slice(0, 20)) {
    if (!item || typeof item !== 'object') continue;
    for (const [key, value] of Object.entries(item)) {
      if (!keys.includes(key) && isShown(key, value) && isSimple(value)) keys.push(key);
    }
  }
  const rank = (key: string) =>
    key === 'id' ? 0 : /Id$/.test(key) ? 1 : key === 'name' || key === 'tsmName' ? 2 : 3;
  return keys
    .sort((a, b) => rank(a) - rank(b))
    .slice(0, MAX_GENERIC)
    .map((key) => [header(key), key] as const);
}

/** The summary (money per currency) and counts are the only non-scalar values a list shows. */
function isSimple(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true;
  return !Array.isArray(value) && typeof (value as { name?: unknown }).name === 'string';
}

function header(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toUpperCase();
}

/** The cells of one row. */
export function rowOf(item: unknown, columns: readonly Column[]): unknown[] {
  return columns.map(([, path]) => pick(item, path));
}
