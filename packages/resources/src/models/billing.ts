import { z } from 'zod';
import { BusinessUnit } from './bunits.js';
import { collectionOf, NamedValue, Ref, STORED } from './common.js';

/** A currency prices and invoices are expressed in. */
export const Currency = NamedValue.extend({
  code: z.string().optional(),
  symbol: z.string().optional(),
  displayName: z.string().optional(),
});
export type Currency = z.infer<typeof Currency>;

/** How often a contract is invoiced. */
export const BillingCycle = NamedValue.extend({ months: z.number().int().optional() });
export type BillingCycle = z.infer<typeof BillingCycle>;

/** The payment terms of a contract (e.g. 30 days net). */
export const PaymentTerms = NamedValue.extend({ code: z.string().optional() });
export type PaymentTerms = z.infer<typeof PaymentTerms>;

/** The contract a business unit is billed under: cycle, terms, currency and subscriptions. */
export const Contract = z.looseObject({
  href: z.string().optional(),
  billingStartDate: z.string().optional(),
  agreedLegalTerms: z
    .union([z.boolean(), z.string()])
    .optional()
    .describe('Whether (or when) the legal terms were agreed'),
  erpReference: z.string().optional(),
  discount: z.number().optional(),
  byCalendar: z.boolean().optional(),
  prepayConsumption: z.boolean().optional(),
  useCpuMultiplier: z.boolean().optional(),
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
  startDate: z.string().optional(),
  endDate: z.string().optional(),
  unitPrice: z.number().optional(),
  quantity: z.number().optional(),
  note: z.string().optional(),
  ...STORED,
});
export type InvoiceLine = z.infer<typeof InvoiceLine>;

/** An invoice of a business unit for one invoice date; `href` ends in that date (YYYY-MM-DD). */
export const Invoice = z.looseObject({
  href: z.string().optional(),
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
  href: z.string().optional(),
  name: z.string().optional(),
  erpReference: z.string().optional(),
  ...STORED,
});
export type InvoiceFile = z.infer<typeof InvoiceFile>;

/** The invoice files uploaded to a business unit. */
export const InvoiceFileList = collectionOf(InvoiceFile);
export type InvoiceFileList = z.infer<typeof InvoiceFileList>;

/** The total billed in one currency. */
export const BillingSummary = z.looseObject({
  currency: Currency.optional(),
  total: z.number().optional(),
});
export type BillingSummary = z.infer<typeof BillingSummary>;

/** What a reseller business unit bills its children for one invoice date. */
export const BillingData = z.looseObject({
  href: z.string().optional(),
  invoiceDateStr: z.string().optional().describe('The invoice date as YYYY-MM-DD, for paths.'),
  summary: z.array(BillingSummary).optional(),
  billingBusinessUnit: BusinessUnit.optional(),
  invoiceDate: z.string().optional(),
  invoices: z.array(Invoice).optional(),
  ...STORED,
});
export type BillingData = z.infer<typeof BillingData>;

/** The billing data of a reseller business unit, one item per invoice date. */
export const BillingDataList = collectionOf(BillingData);
export type BillingDataList = z.infer<typeof BillingDataList>;
