import { BILLING_CYCLE, CURRENCIES, PAYMENT_TERMS, PRODUCTS } from '../state/catalog.js';
import type {
  BillingDataRecord,
  ContractRecord,
  InvoiceFileRecord,
  InvoiceRecord,
  SimulatorState,
} from '../state/model.js';
import { findBusinessUnit } from '../state/queries.js';
import { hrefs, unitLink } from './links.js';

const currencyOf = (id: number) => CURRENCIES.find((c) => c.id === id) ?? CURRENCIES[0]!;
const productOf = (id: number) =>
  PRODUCTS.find((p) => p.id === id) ?? { id, name: `Product ${id}` };
const round = (n: number) => Math.round(n * 100) / 100;

/** A Contract (E45). */
export function contractView(base: string, unitId: number, contract: ContractRecord) {
  return {
    href: `${hrefs.unit(base, unitId)}/contract`,
    billingStartDate: `${contract.billingStartDate}T00:00:00Z`,
    agreedLegalTerms: true,
    ...(contract.erpReference ? { erpReference: contract.erpReference } : {}),
    discount: contract.discount,
    byCalendar: true,
    prepayConsumption: false,
    useCpuMultiplier: false,
    billingCycle: BILLING_CYCLE,
    paymentTerms: PAYMENT_TERMS,
    currency: currencyOf(contract.currencyId),
    subscriptions: contract.subscriptions.map((s) => ({
      id: s.id,
      name: s.name,
      product: productOf(s.productId),
      unitPrice: s.unitPrice,
      startDate: `${s.startDate}T00:00:00Z`,
    })),
    id: contract.id,
    createdDate: `${contract.createdDate}T00:00:00Z`,
  };
}

/** The invoice total after the contract discount of the paying unit. */
export function invoiceTotal(state: SimulatorState, invoice: InvoiceRecord): number {
  const discount =
    state.contracts.find((c) => c.businessUnitId === invoice.payingBusinessUnitId)?.discount ?? 0;
  const gross = invoice.lines.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0);
  return round(gross * (1 - discount / 100));
}

/** An Invoice (E46, E47, and inside BillingData). */
export function invoiceView(base: string, state: SimulatorState, invoice: InvoiceRecord) {
  const payer = findBusinessUnit(state, invoice.payingBusinessUnitId);
  const subscriptions = state.contracts.flatMap((c) => c.subscriptions);
  return {
    href: `${hrefs.unit(base, invoice.payingBusinessUnitId)}/invoices/${invoice.invoiceDate}`,
    payingBusinessUnit: unitLink(base, payer, invoice.payingBusinessUnitId),
    invoiceDate: `${invoice.invoiceDate}T00:00:00Z`,
    lines: invoice.lines.map((l) => ({
      subscription: {
        id: l.subscriptionId,
        name: subscriptions.find((s) => s.id === l.subscriptionId)?.name ?? '',
      },
      product: productOf(l.productId),
      startDate: `${l.startDate}T00:00:00Z`,
      endDate: `${l.endDate}T00:00:00Z`,
      unitPrice: l.unitPrice,
      quantity: l.quantity,
      ...(l.note ? { note: l.note } : {}),
    })),
    total: invoiceTotal(state, invoice),
    currency: currencyOf(invoice.currencyId),
    id: invoice.id,
    createdDate: invoice.createdDate,
  };
}

/** BillingData (E50, E51): a reseller's invoices for one invoice date, with totals per currency. */
export function billingView(
  base: string,
  state: SimulatorState,
  billing: Pick<BillingDataRecord, 'billingBusinessUnitId' | 'invoiceDate' | 'createdDate'> & {
    id?: number;
  },
  invoices: InvoiceRecord[],
) {
  const totals = new Map<number, number>();
  for (const invoice of invoices) {
    totals.set(
      invoice.currencyId,
      (totals.get(invoice.currencyId) ?? 0) + invoiceTotal(state, invoice),
    );
  }
  const unit = findBusinessUnit(state, billing.billingBusinessUnitId);
  return {
    href: `${hrefs.unit(base, billing.billingBusinessUnitId)}/billing/${billing.invoiceDate}`,
    invoiceDateStr: billing.invoiceDate,
    summary: [...totals].map(([currencyId, total]) => ({
      currency: currencyOf(currencyId),
      total: round(total),
    })),
    billingBusinessUnit: unitLink(base, unit, billing.billingBusinessUnitId),
    invoiceDate: `${billing.invoiceDate}T00:00:00Z`,
    invoices: invoices.map((i) => invoiceView(base, state, i)),
    ...(billing.id === undefined ? { preliminary: true } : { id: billing.id }),
    createdDate: billing.createdDate,
  };
}

/** An uploaded invoice file's metadata (E48, E49); the content is at its href. */
export function invoiceFileView(base: string, state: SimulatorState, file: InvoiceFileRecord) {
  return {
    href: `${hrefs.unit(base, file.businessUnitId)}/invoicefiles/${file.id}`,
    name: file.name,
    size: file.size,
    contentType: file.contentType,
    ...(file.erpReference ? { erpReference: file.erpReference } : {}),
    sendToBillingAddress: file.sendToBillingAddress,
    businessUnit: unitLink(base, findBusinessUnit(state, file.businessUnitId), file.businessUnitId),
    id: file.id,
    createdDate: file.createdDate,
  };
}
