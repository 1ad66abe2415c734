import type { Toolset } from '../../tools/types.js';

/** How the consent page names and explains a toolset. */
export interface ToolsetText {
  title: string;
  description: string;
}

/**
 * Each toolset in words for a reseller's employee choosing what an assistant may do: what its tools
 * read and what they can change (taken from the tools in catalog.generated.json). A record over
 * {@link Toolset}, so a new toolset does not compile until it is described here.
 */
export const TOOLSET_TEXT: Readonly<Record<Toolset, ToolsetText>> = {
  workflows: {
    title: 'Everyday tasks',
    description:
      'Common questions answered in one step: who you are signed in as, finding a customer, how a machine is doing, which machines failed to back up and why, and recent backup jobs. Can also enroll a new machine for backup.',
  },
  consumers: {
    title: 'Machines (consumption units)',
    description:
      'See the consumption units (one per backed-up machine) of a customer and their details. Can also create, change and delete them.',
  },
  reports: {
    title: 'Backup reports',
    description:
      "Read a machine's daily reports: storage used, data transferred, whether last night's backup worked, and its warnings.",
  },
  jobs: {
    title: 'Backup jobs',
    description:
      "List a machine's backup, archive and restore jobs over a period, with their status, files and size, and find its first job.",
  },
  nodes: {
    title: 'Backup nodes',
    description:
      "See a machine's backup node: its settings and the file systems it backs up. Can also create, activate, change and delete nodes, and set a new node password (the machine stops backing up until it gets the new one).",
  },
  bunits: {
    title: 'Customers (business units)',
    description:
      'See the tree of business units, their details and their portal users. Can also create, change and delete business units.',
  },
  billing: {
    title: 'Billing and invoices',
    description:
      'Read contracts, invoices and billing data of business units. Can also upload invoice files, which can be e-mailed to the billing address.',
  },
  audit: {
    title: 'Audit log',
    description: 'Read who did what, and when, to a machine (consumption unit).',
  },
  proxies: {
    title: 'Proxy nodes',
    description:
      'See which backup nodes may act for another one, for example to restore its files on a different machine. Can also set up and end such arrangements.',
  },
  catalog: {
    title: 'Portal lists and settings',
    description:
      "Look up the portal's reference lists: your own user account, a customer's backup server, retention rules (policy domains), client option sets, operating systems, node types, time zones and the portal version.",
  },
  bulk: {
    title: 'Enroll many machines at once',
    description:
      'Enroll a list of machines for backup in one go, with a result for each. Can take several minutes.',
  },
};
