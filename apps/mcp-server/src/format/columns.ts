import { pick } from './compact.js';

/**
 * The columns a model needs from each collection, ids first. Chosen per operation; anything
 * else falls back to id, name and the first few plain fields.
 */
const COLUMNS: Record<string, string[]> = {
  'actions.list': ['id', 'name'],
  'bunits.children': ['id', 'name', 'groupName'],
  'bunits.users': ['id', 'name', 'email', 'role.name', 'locked'],
  'timezones.list': ['id', 'name'],
  'consumers.list': ['id', 'name', 'dataSourceState.name', 'createdDate'],
  'audit.query': ['id', 'createdDate', 'type', 'message', 'user.name'],
  'reports.list': ['id', 'reportDate', 'status', 'megaBytes', 'transferredMegaBytes', 'warnings'],
  'reports.warningTypes': ['id', 'name', 'usesLimit'],
  'jobs.list': [
    'id',
    'name',
    'type.name',
    'status.name',
    'actualStart',
    'completed',
    'failedFiles',
    'transferredMegaBytes',
  ],
  'servers.domains': ['id', 'name', 'description'],
  'servers.clientOptionSets': ['id', 'name', 'description'],
  'catalog.operatingSystems': ['id', 'name', 'supportedNodeTypes'],
  'catalog.nodeTypes': ['id', 'name'],
  'nodes.filespaces': [
    'id',
    'name',
    'type',
    'capacityMegaBytes',
    'percentageUtilized',
    'lastBackupEnd',
  ],
  // add_proxy_agent and add_proxy_target take the consumer id, not the node's own id.
  'proxies.possibleNodes': ['consumerId=consumer.id', 'tsmName', 'consumer.name'],
  'billing.invoices': ['id', 'invoiceDate', 'createdDate', 'payingBusinessUnit.name'],
  'billing.invoiceFiles': ['id', 'name', 'erpReference', 'createdDate'],
  'billing.data': ['id', 'invoiceDateStr', 'summary', 'createdDate'],
};

/** The columns chosen for an operation, if any (`key=path` renames a column). */
export const chosenColumns = (opName: string): string[] | undefined => COLUMNS[opName];

/** The columns for an operation's collection items. */
export function columnsFor(opName: string, sample: unknown): string[] {
  const chosen = COLUMNS[opName];
  if (chosen) return chosen;
  const plain =
    sample && typeof sample === 'object'
      ? Object.entries(sample)
          .filter(([, v]) => v === null || typeof v !== 'object')
          .map(([k]) => k)
      : [];
  const first = ['id', 'name'].filter((k) => pick(sample, k) !== undefined);
  return [
    ...first,
    ...plain.filter((k) => !first.includes(k) && !k.startsWith('$') && k !== 'href').slice(0, 4),
  ];
}
