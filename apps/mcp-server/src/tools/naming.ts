import type { Operation } from '@cloutapi/resources';

/**
 * Tool names are verb first, snake case: `consumers.list` -> `list_consumers`. Most follow from
 * the operation's name by rule; the few whose action is not a plain verb are named here.
 */
const NAMED: Record<string, string> = {
  'meta.version': 'get_api_version',
  'meta.me': 'get_current_user',
  'bunits.tree': 'get_business_unit_tree',
  'bunits.children': 'list_child_business_units',
  'bunits.users': 'list_business_unit_users',
  'audit.query': 'query_audit_log',
  'reports.latest': 'get_latest_report',
  'reports.warningTypes': 'list_node_warning_types',
  'jobs.first': 'get_first_job',
  'servers.default': 'get_default_server',
  'servers.domains': 'list_policy_domains',
  'servers.clientOptionSets': 'list_client_option_sets',
  'catalog.operatingSystems': 'list_operating_systems',
  'catalog.operatingSystem': 'get_operating_system',
  'catalog.nodeTypes': 'list_node_types',
  'catalog.nodeType': 'get_node_type',
  'nodes.changePassword': 'change_node_password',
  'nodes.suggestName': 'suggest_node_name',
  'nodes.filespaces': 'list_filespaces',
  'proxies.possibleNodes': 'list_possible_proxy_nodes',
  'proxies.addAgent': 'add_proxy_agent',
  'proxies.addTarget': 'add_proxy_target',
  'proxies.removeAgent': 'remove_proxy_agent',
  'proxies.removeTarget': 'remove_proxy_target',
  'billing.contract': 'get_contract',
  'billing.invoices': 'list_invoices',
  'billing.invoice': 'get_invoice',
  'billing.invoiceFiles': 'list_invoice_files',
  'billing.uploadInvoiceFile': 'upload_invoice_file',
  'billing.data': 'list_billing_data',
  'billing.dataFor': 'get_billing_data',
};

const NOUNS: Record<string, [singular: string, plural: string]> = {
  bunits: ['business_unit', 'business_units'],
  consumers: ['consumer', 'consumers'],
  nodes: ['node', 'nodes'],
  timezones: ['time_zone', 'time_zones'],
  actions: ['action', 'actions'],
  reports: ['report', 'reports'],
  jobs: ['job', 'jobs'],
};

/** The tool name of an operation. */
export function toolNameOf(op: Pick<Operation, 'name'>): string {
  const named = NAMED[op.name];
  if (named) return named;
  const [area = '', action = ''] = op.name.split('.');
  const [one, many] = NOUNS[area] ?? [snake(area), snake(area)];
  const verb = snake(action);
  return `${verb}_${verb === 'list' ? many : one}`;
}

function snake(text: string): string {
  return text.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/**
 * Rewrites operation names in a description (`consumers.list`) to the tool names a model can
 * call (`list_consumers`).
 */
export function withToolNames(text: string, ops: readonly Pick<Operation, 'name'>[]): string {
  const byName = new Map(ops.map((op) => [op.name, toolNameOf(op)]));
  return text.replace(/\b[a-z]+\.[a-z][A-Za-z]*\b/g, (name) => byName.get(name) ?? name);
}
