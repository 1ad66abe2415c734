import { z } from 'zod';
import { BusinessUnit } from './bunits.js';
import { collectionOf, NamedValue, Ref, STORED } from './common.js';
import { optionalBoolean, optionalInt, optionalNumber, optionalText } from './leaves.js';

/** A currency prices and invoices are expressed in. */
export const Currency = NamedValue.extend({
  code: optionalText,
  symbol: optionalText,
  displayName: optionalText,
});
export type Currency = z.infer<typeof Currency>;

/** How often a contract is invoiced. */
export const BillingCycle = NamedValue.extend({ months: optionalInt });
export type BillingCycle = z.infer<typeof BillingCycle>;

/** The payment terms of a contract (e.g. 30 days net). */
export const PaymentTerms = NamedValue.extend({ code: optionalText });
export type PaymentTerms = z.infer<typeof PaymentTerms>;

/** The contract a business unit is billed under: cycle, terms, currency and subscriptions. */
export const Contract = z.looseObject({
  href: optionalText,
  billingStartDate: optionalText,
  agreedLegalTerms: z
    .union([z.boolean(), z.string()])
    .optional()
    .describe('Whether (or when) the legal terms were agreed'),
  erpReference: optionalText,
  discount: optionalNumber,
  byCalendar: optionalBoolean,
  prepayConsumption: optionalBoolean,
  useCpuMultiplier: optionalBoolean,
  billingCycle: BillingCycle.optional(),
  paymentTerms: PaymentTerms.optional(),
  currency: Currency.optional(),
  subscriptions: z.array(z.unknown()).optional(),
  ...STORED,
});
export type Contract = z.infer<typeof Contract>;

/** One line of an invoice: a product of a subscription over a period. */
export const InvoiceLine = z.looseObject({
  subscription: Ref.optional(),
  product: Ref.optional(),
  startDate: optionalText,
  endDate: optionalText,
  unitPrice: optionalNumber,
  quantity: optionalNumber,
  note: optionalText,
  ...STORED,
});
export type InvoiceLine = z.infer<typeof InvoiceLine>;

/** An invoice of a business unit for one invoice date; `href` ends in that date (YYYY-MM-DD). */
export const Invoice = z.looseObject({
  href: optionalText,
  payingBusinessUnit: BusinessUnit.optional(),
  lines: z.array(InvoiceLine).optional(),
  ...STORED,
});
export type Invoice = z.infer<typeof Invoice>;

/** The invoices of a business unit. */
export const InvoiceList = collectionOf(Invoice);
export type InvoiceList = z.infer<typeof InvoiceList>;

/** An invoice document (usually a PDF) uploaded to a business unit by its reseller. */
export const InvoiceFile = z.looseObject({
  href: optionalText,
  name: optionalText,
  erpReference: optionalText,
  ...STORED,
});
export type InvoiceFile = z.infer<typeof InvoiceFile>;

/** The invoice files uploaded to a business unit. */
export const InvoiceFileList = collectionOf(InvoiceFile);
export type InvoiceFileList = z.infer<typeof InvoiceFileList>;

/** The total billed in one currency. */
export const BillingSummary = z.looseObject({
  currency: Currency.optional(),
  total: optionalNumber,
});
export type BillingSummary = z.infer<typeof BillingSummary>;

/** What a reseller business unit bills its children for one invoice date. */
export const BillingData = z.looseObject({
  href: optionalText,
  invoiceDateStr: optionalText.describe('The invoice date as YYYY-MM-DD, for paths.'),
  summary: z.array(BillingSummary).optional(),
  billingBusinessUnit: BusinessUnit.optional(),
  invoiceDate: optionalText,
  invoices: z.array(Invoice).optional(),
  ...STORED,
});
export type BillingData = z.infer<typeof BillingData>;

/** The billing data of a reseller business unit, one item per invoice date. */
export const BillingDataList = collectionOf(BillingData);
export type BillingDataList = z.infer<typeof BillingDataList>;
