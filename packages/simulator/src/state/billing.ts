import { addMonths, DAY, dateOnly, iso, monthStart } from './dates.js';
import { round } from './demo-activity.js';
import { nextId } from './ids.js';
import type {
  BillingDataRecord,
  ContractRecord,
  InvoiceLineRecord,
  InvoiceRecord,
  SimulatorState,
} from './model.js';
import { childrenOf, contractOf, reportsOf, subtreeOf } from './queries.js';

/** The product ids of the two subscriptions every contract has. */
const NODE_PRODUCT = 1;
const STORAGE_PRODUCT = 2;

/** Adds a contract for a unit: a node fee and a storage price per GB. */
export function addContract(
  state: SimulatorState,
  businessUnitId: number,
  startDate: string,
  prices: { node: number; storageGb: number; discount: number; erpReference?: string },
): ContractRecord {
  const contract: ContractRecord = {
    id: nextId(state, 'contract'),
    businessUnitId,
    billingStartDate: startDate,
    discount: prices.discount,
    currencyId: 1,
    ...(prices.erpReference ? { erpReference: prices.erpReference } : {}),
    subscriptions: (
      [
        [NODE_PRODUCT, 'Backup node', prices.node],
        [STORAGE_PRODUCT, 'Backup storage', prices.storageGb],
      ] as const
    ).map(([productId, name, unitPrice]) => ({
      id: nextId(state, 'subscription'),
      productId,
      name,
      unitPrice,
      startDate,
    })),
    createdDate: startDate,
  };
  state.contracts.push(contract);
  return contract;
}

/**
 * The invoices of every customer (direct child of the root unit) for one invoice date, without
 * ids: one node line and one storage line per node activated before that date in the customer's
 * subtree, for the month before. Storage is the latest report before the invoice date.
 */
export function draftInvoices(
  state: SimulatorState,
  invoiceDate: string,
): Omit<InvoiceRecord, 'id' | 'createdDate'>[] {
  const dateMs = Date.parse(`${invoiceDate}T00:00:00Z`);
  const periodStart = addMonths(invoiceDate, -1);
  const periodEnd = dateOnly(dateMs - DAY);
  const drafts: Omit<InvoiceRecord, 'id' | 'createdDate'>[] = [];
  for (const customer of childrenOf(state, state.rootBusinessUnitId)) {
    const contract = contractOf(state, customer.id);
    if (!contract) continue;
    const [nodeSub, storageSub] = contract.subscriptions;
    const lines: InvoiceLineRecord[] = [];
    const unitIds = new Set(subtreeOf(state, customer.id).map((b) => b.id));
    for (const consumer of state.consumers.filter((c) => unitIds.has(c.businessUnitId))) {
      const node = state.nodes.find((n) => n.consumerId === consumer.id);
      if (!node?.activatedDate || Date.parse(node.activatedDate) >= dateMs) continue;
      const report = reportsOf(state, consumer.id)
        .filter((r) => Date.parse(r.reportDate) < dateMs)
        .at(-1);
      const quantities = [
        [nodeSub, 1],
        [storageSub, round((report?.megaBytes ?? 0) / 1024)],
      ] as const;
      for (const [sub, quantity] of quantities) {
        if (!sub) continue;
        const { id: subscriptionId, productId, unitPrice } = sub;
        const line = { startDate: periodStart, endDate: periodEnd, note: consumer.name };
        lines.push({ ...line, subscriptionId, productId, unitPrice, quantity });
      }
    }
    drafts.push({
      payingBusinessUnitId: customer.id,
      invoiceDate,
      currencyId: contract.currencyId,
      lines,
    });
  }
  return drafts;
}

/** Creates (and stores) the invoices of every customer for one invoice date. */
export function createInvoices(
  state: SimulatorState,
  invoiceDate: string,
  createdAt: string,
): InvoiceRecord[] {
  return draftInvoices(state, invoiceDate).map((draft) => {
    const invoice: InvoiceRecord = {
      id: nextId(state, 'invoice'),
      ...draft,
      createdDate: createdAt,
    };
    state.invoices.push(invoice);
    return invoice;
  });
}

/** Creates the root unit's billing data for an invoice date, with fresh invoices. */
export function createBillingData(
  state: SimulatorState,
  invoiceDate: string,
  createdAt: string,
): BillingDataRecord {
  const invoices = createInvoices(state, invoiceDate, createdAt);
  const billing: BillingDataRecord = {
    id: nextId(state, 'billing'),
    billingBusinessUnitId: state.rootBusinessUnitId,
    invoiceDate,
    invoiceIds: invoices.map((i) => i.id),
    createdDate: createdAt,
  };
  state.billingData.push(billing);
  return billing;
}

/** The invoice date after the latest billing data, or this month's first day when there is none. */
export function nextInvoiceDate(state: SimulatorState, now: number): string {
  const latest = state.billingData
    .map((b) => b.invoiceDate)
    .sort()
    .at(-1);
  return latest ? addMonths(latest, 1) : monthStart(now);
}

/** Seeds contracts for the root and each customer, and three months of invoices and billing data. */
export function seedBilling(state: SimulatorState, now: number): void {
  const root = state.businessUnits.find((b) => b.id === state.rootBusinessUnitId)!;
  addContract(state, root.id, dateOnly(Date.parse(root.createdDate)), {
    node: 8,
    storageGb: 0.025,
    discount: 0,
    erpReference: 'PROVIDER-0001',
  });
  childrenOf(state, root.id).forEach((customer, i) => {
    addContract(state, customer.id, dateOnly(Date.parse(customer.createdDate)), {
      node: 12.5,
      storageGb: 0.045,
      discount: i === 0 ? 10 : 0,
      erpReference: `ERP-${1001 + i}`,
    });
  });
  for (let months = -2; months <= 0; months++) {
    const invoiceDate = monthStart(now, months);
    createBillingData(state, invoiceDate, iso(Date.parse(`${invoiceDate}T02:00:00Z`)));
  }
}
