// Generated from the operation registry by scripts/generated.ts. Do not edit: run `pnpm generate`.
import type { MethodFor } from './facade.js';
import type { areas } from './operations/index.js';

type Areas = typeof areas;

/**
 * Where each operation is declared: namespace, method, the area module (operations/<area>.ts)
 * and whether it answers with a collection. Lets the facade and the CLI load one area at a time.
 */
export const OPERATION_INDEX = {
  meta: {
    version: { area: 'meta', collection: false },
    me: { area: 'meta', collection: false },
  },
  actions: {
    list: { area: 'meta', collection: true },
    get: { area: 'meta', collection: false },
  },
  bunits: {
    tree: { area: 'bunits', collection: false },
    get: { area: 'bunits', collection: false },
    children: { area: 'bunits', collection: true },
    create: { area: 'bunits', collection: false },
    update: { area: 'bunits', collection: false },
    delete: { area: 'bunits', collection: false },
    users: { area: 'bunits', collection: true },
  },
  timezones: {
    list: { area: 'timezones', collection: true },
    get: { area: 'timezones', collection: false },
  },
  consumers: {
    list: { area: 'consumers', collection: true },
    get: { area: 'consumers', collection: false },
    create: { area: 'consumers', collection: false },
    update: { area: 'consumers', collection: false },
    delete: { area: 'consumers', collection: false },
  },
  audit: {
    query: { area: 'audit', collection: true },
  },
  reports: {
    list: { area: 'reports', collection: true },
    latest: { area: 'reports', collection: false },
    warningTypes: { area: 'reports', collection: true },
  },
  jobs: {
    first: { area: 'jobs', collection: false },
    list: { area: 'jobs', collection: true },
  },
  servers: {
    default: { area: 'servers', collection: false },
    domains: { area: 'servers', collection: true },
    clientOptionSets: { area: 'servers', collection: true },
  },
  catalog: {
    operatingSystems: { area: 'catalog', collection: true },
    operatingSystem: { area: 'catalog', collection: false },
    nodeTypes: { area: 'catalog', collection: true },
    nodeType: { area: 'catalog', collection: false },
  },
  nodes: {
    get: { area: 'nodes', collection: false },
    create: { area: 'nodes', collection: false },
    update: { area: 'nodes', collection: false },
    changePassword: { area: 'nodes', collection: false },
    delete: { area: 'nodes', collection: false },
    activate: { area: 'nodes', collection: false },
    suggestName: { area: 'nodes', collection: false },
    filespaces: { area: 'nodes', collection: true },
  },
  proxies: {
    possibleNodes: { area: 'proxies', collection: true },
    addAgent: { area: 'proxies', collection: false },
    addTarget: { area: 'proxies', collection: false },
    removeAgent: { area: 'proxies', collection: false },
    removeTarget: { area: 'proxies', collection: false },
  },
  billing: {
    contract: { area: 'billing', collection: false },
    invoices: { area: 'billing', collection: true },
    invoice: { area: 'billing', collection: false },
    invoiceFiles: { area: 'billing', collection: true },
    uploadInvoiceFile: { area: 'billing', collection: false },
    data: { area: 'billing', collection: true },
    dataFor: { area: 'billing', collection: false },
  },
} as const;

/** Every Cloutility API operation, one namespace per area, one method per operation. */
export interface CloutilityApi {
  /** E01, E02 */
  readonly meta: {
    /**
     * Get the full version of the Cloutility API.
     *
     * Returns the full version of the Cloutility API as a string, e.g. "1.0.4480.0". Needs no ids;
     * a cheap way to check that the URL, client id, origin and credentials work.
     *
     * `E01` `GET /v1/fullVersion` (read)
     */
    readonly version: MethodFor<Areas['meta']['version']>;
    /**
     * Get the signed-in user and their home business unit.
     *
     * Returns the signed-in user (name, e-mail, role) with businessUnit {id, name}: the user's
     * home business unit, where bunits.tree starts by default. Use it to find the first bunitId to
     * work with.
     *
     * `E02` `GET /v1/me` (read)
     */
    readonly me: MethodFor<Areas['meta']['me']>;
  };
  /** E03, E04 */
  readonly actions: {
    /**
     * List actions.
     *
     * Lists the actions (portal operations with a name and id) visible to the signed-in user.
     * Their ids are what actions.get takes.
     *
     * `E03` `GET /v1/actions` (read)
     */
    readonly list: MethodFor<Areas['meta']['listActions']>;
    /**
     * Get one action.
     *
     * Returns one action by id (ids from actions.list).
     *
     * `E04` `GET /v1/actions/{actionId}` (read)
     */
    readonly get: MethodFor<Areas['meta']['getAction']>;
  };
  /** E05, E06, E07, E08, E09, E10, E11 */
  readonly bunits: {
    /**
     * Get the business unit tree.
     *
     * Returns ONE object, not a list: your home business unit (or bunitId) with all descendants
     * nested in businessUnits (id, name, groupName, tags). The starting point for finding any
     * bunitId.
     *
     * `E05` `GET /v1/bunits` (read)
     */
    readonly tree: MethodFor<Areas['bunits']['tree']>;
    /**
     * Get one business unit.
     *
     * Returns one business unit in detail: name, registration number, time zone, parent, limits,
     * tags. Its nested users and consumers are often incomplete: use bunits.users and
     * consumers.list.
     *
     * `E06` `GET /v1/bunits/{bunitId}` (read)
     */
    readonly get: MethodFor<Areas['bunits']['get']>;
    /**
     * List the business units directly under a unit.
     *
     * Lists the business units directly under bunitId (one level; bunits.tree gives the whole tree
     * at once).
     *
     * `E07` `GET /v1/bunits/{bunitId}/bunits` (read)
     */
    readonly children: MethodFor<Areas['bunits']['children']>;
    /**
     * Create a business unit under a parent unit.
     *
     * Creates a business unit under parent bunitId with a name, optional registration number and
     * time zone. Returns the new unit. Not idempotent: running it twice creates two units.
     *
     * `E08` `POST /v1/bunits/{bunitId}/bunits` (write)
     */
    readonly create: MethodFor<Areas['bunits']['create']>;
    /**
     * Update a business unit.
     *
     * Changes the given fields of business unit bunitId (name, registration number, note, time
     * zone, invoice day); fields left out are not sent. Returns the updated unit.
     *
     * `E09` `PUT /v1/bunits/{bunitId}` (write)
     */
    readonly update: MethodFor<Areas['bunits']['update']>;
    /**
     * Delete a business unit.
     *
     * Deletes business unit bunitId; refused while it has child or consumption units unless
     * deleteChildren / deleteConsumers is true (deleteServers also removes its servers). Cannot be
     * undone.
     *
     * `E10` `DELETE /v1/bunits/{bunitId}` (destructive)
     */
    readonly delete: MethodFor<Areas['bunits']['remove']>;
    /**
     * List the users of a business unit.
     *
     * Lists the portal users of business unit bunitId (name, e-mail, role, locked).
     *
     * `E11` `GET /v1/bunits/{bunitId}/users` (read)
     */
    readonly users: MethodFor<Areas['bunits']['users']>;
  };
  /** E12, E13 */
  readonly timezones: {
    /**
     * List time zones.
     *
     * Lists the time zones a business unit can have (name, windowsId, id); bunits.create and
     * bunits.update take the id.
     *
     * `E12` `GET /v1/timezones` (read)
     */
    readonly list: MethodFor<Areas['timezones']['list']>;
    /**
     * Get one time zone.
     *
     * Returns one time zone by id (ids from timezones.list).
     *
     * `E13` `GET /v1/timezones/{timeZoneId}` (read)
     */
    readonly get: MethodFor<Areas['timezones']['get']>;
  };
  /** E14, E15, E16, E17, E18 */
  readonly consumers: {
    /**
     * List the consumption units of a business unit.
     *
     * Lists the consumption units ("consumers": one per machine and backup node) directly in
     * business unit bunitId: id, name, state.
     *
     * `E14` `GET /v1/bunits/{bunitId}/consumers` (read)
     */
    readonly list: MethodFor<Areas['consumers']['list']>;
    /**
     * Get one consumption unit.
     *
     * Returns one consumption unit in detail (state, billing dates, note, tags).
     *
     * `E15` `GET /v1/bunits/{bunitId}/consumers/{consumerId}` (read)
     */
    readonly get: MethodFor<Areas['consumers']['get']>;
    /**
     * Create a consumption unit.
     *
     * Creates a consumption unit in business unit bunitId (a name is enough); nodes.create adds
     * its backup node. Not idempotent: twice makes two.
     *
     * `E16` `POST /v1/bunits/{bunitId}/consumers` (write)
     */
    readonly create: MethodFor<Areas['consumers']['create']>;
    /**
     * Update a consumption unit.
     *
     * Changes the given fields of consumption unit consumerId; fields left out are not sent.
     *
     * `E17` `PUT /v1/bunits/{bunitId}/consumers/{consumerId}` (write)
     */
    readonly update: MethodFor<Areas['consumers']['update']>;
    /**
     * Delete a consumption unit.
     *
     * Deletes consumption unit consumerId; deleteAssociations also removes its backup node;
     * deletionComment goes to the audit log. Cannot be undone.
     *
     * `E18` `DELETE /v1/bunits/{bunitId}/consumers/{consumerId}` (destructive)
     */
    readonly delete: MethodFor<Areas['consumers']['remove']>;
  };
  /** E19 */
  readonly audit: {
    /**
     * Query the audit log of a consumption unit.
     *
     * Returns audit log entries (who did what, when) for consumption unit consumerId, filtered by
     * time and type, paged with limit/offset, newest first with orderDesc. includeDescendants adds
     * related objects such as its node.
     *
     * `E19` `GET /v1/bunits/{bunitId}/consumers/{consumerId}/auditlogs` (read)
     */
    readonly query: MethodFor<Areas['audit']['query']>;
  };
  /** E20, E21, E22 */
  readonly reports: {
    /**
     * List the usage reports of a consumption unit.
     *
     * Lists the daily reports of consumption unit consumerId: storage, transfer and, when asked,
     * status and warnings (types: reports.warningTypes).
     *
     * `E20` `GET /v1/bunits/{bunitId}/consumers/{consumerId}/reports` (read)
     */
    readonly list: MethodFor<Areas['reports']['list']>;
    /**
     * Get the latest report of a consumption unit.
     *
     * Returns the latest report of consumption unit consumerId (status, storage, last transfer,
     * warnings): whether last night's backup worked.
     *
     * `E21` `GET /v1/bunits/{bunitId}/consumers/{consumerId}/reports/latest` (read)
     */
    readonly latest: MethodFor<Areas['reports']['latest']>;
    /**
     * List node warning types.
     *
     * Lists the warning types reports carry (id, name, whether it uses a limit).
     *
     * `E22` `GET /v1/nodewarningtypes` (read)
     */
    readonly warningTypes: MethodFor<Areas['reports']['warningTypes']>;
  };
  /** E23, E24 */
  readonly jobs: {
    /**
     * Get the date of the first job of a consumption unit.
     *
     * Returns the first job of consumption unit consumerId. Only its completed date is meaningful
     * (other fields are placeholders): it is the earliest startTime jobs.list accepts.
     *
     * `E23` `GET /v1/bunits/{bunitId}/consumers/{consumerId}/jobs/first` (read)
     */
    readonly first: MethodFor<Areas['jobs']['first']>;
    /**
     * List the jobs of a consumption unit in a time interval.
     *
     * Lists the backup, archive and restore jobs of consumption unit consumerId between startTime
     * and endTime, with status, files and bytes; without them, the last 24 hours. A startTime
     * before the first job (jobs.first) is refused with 400.
     *
     * `E24` `GET /v1/bunits/{bunitId}/consumers/{consumerId}/jobs` (read)
     */
    readonly list: MethodFor<Areas['jobs']['list']>;
  };
  /** E25, E26, E27 */
  readonly servers: {
    /**
     * Get the default backup server of a business unit.
     *
     * Returns the backup server (id, name) new backup nodes of business unit bunitId go to;
     * nodes.create takes its id as serverId.
     *
     * `E25` `GET /v1/bunits/{bunitId}/defaultserver` (read)
     */
    readonly default: MethodFor<Areas['servers']['defaultServer']>;
    /**
     * List the policy domains of the default backup server.
     *
     * Lists the policy domains (retention rules) of the default backup server of business unit
     * bunitId; nodes.create takes one as domainId.
     *
     * `E26` `GET /v1/bunits/{bunitId}/defaultserver/domains` (read)
     */
    readonly domains: MethodFor<Areas['servers']['domains']>;
    /**
     * List the client option sets of the default backup server.
     *
     * Lists the client option sets of the default backup server of business unit bunitId;
     * nodes.create takes one as clientOptionSetId.
     *
     * `E27` `GET /v1/bunits/{bunitId}/defaultserver/clientoptionsets` (read)
     */
    readonly clientOptionSets: MethodFor<Areas['servers']['clientOptionSets']>;
  };
  /** E28, E29, E30, E31 */
  readonly catalog: {
    /**
     * List backup node operating systems.
     *
     * Lists the operating systems a backup node can have, each with supportedNodeTypes:
     * nodes.create needs an operatingSystemId and a nodeTypeId that the OS supports.
     *
     * `E28` `GET /v1/nodeoperatingsystems` (read)
     */
    readonly operatingSystems: MethodFor<Areas['catalog']['operatingSystems']>;
    /**
     * Get one backup node operating system.
     *
     * Returns one operating system with its supportedNodeTypes (ids from
     * catalog.operatingSystems).
     *
     * `E29` `GET /v1/nodeoperatingsystems/{osId}` (read)
     */
    readonly operatingSystem: MethodFor<Areas['catalog']['operatingSystem']>;
    /**
     * List backup node types.
     *
     * Lists the kinds of backup node (file, database, virtual machine, mail, ...); nodes.create
     * takes one as nodeTypeId.
     *
     * `E30` `GET /v1/nodetypes` (read)
     */
    readonly nodeTypes: MethodFor<Areas['catalog']['nodeTypes']>;
    /**
     * Get one backup node type.
     *
     * Returns one node type (ids from catalog.nodeTypes).
     *
     * `E31` `GET /v1/nodetypes/{nodeTypeId}` (read)
     */
    readonly nodeType: MethodFor<Areas['catalog']['nodeType']>;
  };
  /** E32, E33, E34, E35, E36, E37, E38, E39 */
  readonly nodes: {
    /**
     * Get the backup node of a consumption unit.
     *
     * Returns the backup node of consumption unit consumerId: OS, type, domain, option set,
     * tsmName (its name on the backup server, once activated) and tsmPassword (a secret). 404 when
     * it has no node yet.
     *
     * `E32` `GET /v1/bunits/{bunitId}/consumers/{consumerId}/node` (read)
     */
    readonly get: MethodFor<Areas['nodes']['get']>;
    /**
     * Create the backup node of a consumption unit.
     *
     * Creates the backup node of consumption unit consumerId (at most one per unit). The OS must
     * support the node type (catalog.operatingSystems). The node is unusable until nodes.activate
     * names it.
     *
     * `E33` `POST /v1/bunits/{bunitId}/consumers/{consumerId}/node` (write)
     */
    readonly create: MethodFor<Areas['nodes']['create']>;
    /**
     * Update the backup node of a consumption unit.
     *
     * Changes the given settings of the backup node of consumption unit consumerId (OS, type,
     * domain, option set, contact, CPU count); fields left out are not sent.
     *
     * `E34` `PUT /v1/bunits/{bunitId}/consumers/{consumerId}/node` (write)
     */
    readonly update: MethodFor<Areas['nodes']['update']>;
    /**
     * Change the password of a backup node.
     *
     * Sets a new password (tsmPassword) for the backup node of consumption unit consumerId. The
     * backup client on the machine stops working until it is given the new password: treat as
     * destructive.
     *
     * `E35` `POST /v1/bunits/{bunitId}/consumers/{consumerId}/node/password` (destructive)
     */
    readonly changePassword: MethodFor<Areas['nodes']['changePassword']>;
    /**
     * Delete a backup node and its consumption unit.
     *
     * Deletes the backup node of consumption unit consumerId AND the consumption unit itself (the
     * guide: "this will remove the entire consumption unit as well"). Cannot be undone.
     *
     * `E36` `DELETE /v1/bunits/{bunitId}/consumers/{consumerId}/node` (destructive)
     */
    readonly delete: MethodFor<Areas['nodes']['remove']>;
    /**
     * Activate a backup node under a node name.
     *
     * Registers the backup node of consumption unit consumerId on its backup server as tsmName
     * (unique per server; nodes.suggestName proposes one) and generates its password, readable
     * with nodes.get. Changes state although it is a GET: never retried automatically.
     *
     * `E37` `GET /v1/bunits/{bunitId}/consumers/{consumerId}/node/activate` (write)
     */
    readonly activate: MethodFor<Areas['nodes']['activate']>;
    /**
     * Get the node name the portal suggests for activation.
     *
     * Returns the node name the portal suggests for activating the node of consumption unit
     * consumerId (unquoted), ready for nodes.activate.
     *
     * `E38` `GET /v1/bunits/{bunitId}/consumers/{consumerId}/node/spname` (read)
     */
    readonly suggestName: MethodFor<Areas['nodes']['suggestName']>;
    /**
     * List the filespaces of a backup node.
     *
     * Lists the filespaces (backed-up file systems, with capacity and last backup) of the node of
     * consumption unit consumerId. tsmSync true asks the backup server first (slower, current).
     *
     * `E39` `GET /v1/bunits/{bunitId}/consumers/{consumerId}/node/filespaces` (read)
     */
    readonly filespaces: MethodFor<Areas['nodes']['filespaces']>;
  };
  /** E40, E41, E42, E43, E44 */
  readonly proxies: {
    /**
     * List nodes that could be proxies of a node.
     *
     * Lists the backup nodes that can be proxy agent or target of the node of consumerId.
     *
     * `E40` `GET /v1/bunits/{bunitId}/consumers/{consumerId}/node/possibleproxynodes` (read)
     */
    readonly possibleNodes: MethodFor<Areas['proxies']['possibleNodes']>;
    /**
     * Let another node act as proxy agent for a node.
     *
     * Makes the node of consumption unit agentConsumerId a proxy agent of the node of
     * targetConsumerId, so it can act for it (e.g. restore its files). Candidates from
     * proxies.possibleNodes.
     *
     * `E41` `POST /v1/bunits/{bunitId}/consumers/{targetConsumerId}/node/proxyagents` (write)
     */
    readonly addAgent: MethodFor<Areas['proxies']['addAgent']>;
    /**
     * Let a node act as proxy agent for another node.
     *
     * Makes the node of agentConsumerId a proxy agent of the node of targetConsumerId
     * (proxies.addAgent from the other side).
     *
     * `E42` `POST /v1/bunits/{bunitId}/consumers/{agentConsumerId}/node/proxytargets` (write)
     */
    readonly addTarget: MethodFor<Areas['proxies']['addTarget']>;
    /**
     * End a proxy relationship (from the target side).
     *
     * Stops the node of agentConsumerId acting as proxy agent for the node of targetConsumerId.
     *
     * `E43` `DELETE /v1/bunits/{bunitId}/consumers/{targetConsumerId}/node/proxyagents/{agentConsumerId}` (destructive)
     */
    readonly removeAgent: MethodFor<Areas['proxies']['removeAgent']>;
    /**
     * End a proxy relationship (from the agent side).
     *
     * The same as proxies.removeAgent, from the agent side.
     *
     * `E44` `DELETE /v1/bunits/{bunitId}/consumers/{agentConsumerId}/node/proxytargets/{targetConsumerId}` (destructive)
     */
    readonly removeTarget: MethodFor<Areas['proxies']['removeTarget']>;
  };
  /** E45, E46, E47, E48, E49, E50, E51 */
  readonly billing: {
    /**
     * Get the contract of a business unit.
     *
     * Returns the contract business unit bunitId takes part in: billing start and cycle, payment
     * terms, currency, discount and subscriptions.
     *
     * `E45` `GET /v1/bunits/{bunitId}/contract` (read)
     */
    readonly contract: MethodFor<Areas['billing']['contract']>;
    /**
     * List the invoices of a business unit.
     *
     * Lists the invoices of business unit bunitId; the date in each href (YYYY-MM-DD) is what
     * billing.invoice takes.
     *
     * `E46` `GET /v1/bunits/{bunitId}/invoices` (read)
     */
    readonly invoices: MethodFor<Areas['billing']['invoices']>;
    /**
     * Get the invoice of a business unit for a date.
     *
     * Returns the invoice of business unit bunitId for invoiceDate (YYYY-MM-DD, from
     * billing.invoices), with its lines: product, period, unit price, quantity.
     *
     * `E47` `GET /v1/bunits/{bunitId}/invoices/{invoiceDate}` (read)
     */
    readonly invoice: MethodFor<Areas['billing']['invoice']>;
    /**
     * List the invoice files uploaded for a business unit.
     *
     * Lists the invoice files (usually PDF) uploaded for business unit bunitId with
     * billing.uploadInvoiceFile.
     *
     * `E48` `GET /v1/bunits/{bunitId}/invoicefiles` (read)
     */
    readonly invoiceFiles: MethodFor<Areas['billing']['invoiceFiles']>;
    /**
     * Upload an invoice file for a business unit.
     *
     * Uploads an invoice file (usually a PDF, base64-encoded) for business unit bunitId, as its
     * reseller; sendToBillingAddress also mails it. Not idempotent: uploading twice stores two
     * files.
     *
     * `E49` `POST /v1/bunits/{bunitId}/invoicefiles` (write)
     */
    readonly uploadInvoiceFile: MethodFor<Areas['billing']['uploadInvoiceFile']>;
    /**
     * List the billing data of a reseller business unit.
     *
     * Lists the billing data (per invoice date: totals and the invoices of its customers) of
     * reseller business unit bunitId; includeNext adds upcoming periods. Fetch it when the billing
     * webhook fires.
     *
     * `E50` `GET /v1/bunits/{bunitId}/billing` (read)
     */
    readonly data: MethodFor<Areas['billing']['data']>;
    /**
     * Get the billing data of a reseller business unit for a date.
     *
     * Returns the billing data of reseller business unit bunitId for invoiceDate (YYYY-MM-DD, from
     * billing.data).
     *
     * `E51` `GET /v1/bunits/{bunitId}/billing/{invoiceDate}` (read)
     */
    readonly dataFor: MethodFor<Areas['billing']['dataFor']>;
  };
}
