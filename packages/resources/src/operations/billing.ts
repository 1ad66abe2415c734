import { z } from 'zod';
import { defineOperation } from '../define.js';
import { defineArea } from '../define-area.js';
import { bunitId, calendarDate, LIMITS } from '../inputs.js';
import {
  BillingData,
  BillingDataList,
  Contract,
  Invoice,
  InvoiceFileList,
  InvoiceList,
} from '../models/index.js';

const invoiceDate = calendarDate.describe(
  'Invoice date as YYYY-MM-DD (see the href of billing.invoices items)',
);

/** E45: the contract. */
export const contract = defineOperation({
  id: 'E45',
  name: 'billing.contract',
  method: 'GET',
  path: '/v1/bunits/{bunitId}/contract',
  summary: 'Get the contract of a business unit',
  description:
    'Returns the contract business unit bunitId takes part in: billing start and cycle, payment terms, currency, discount and subscriptions.',
  safety: 'read',
  idempotent: true,
  input: { bunitId },
  response: Contract,
  example: (x) => ({ bunitId: x.ids.acme }),
  toolName: 'get_contract',
});

/** E46: invoices. */
export const invoices = defineOperation({
  id: 'E46',
  name: 'billing.invoices',
  method: 'GET',
  path: '/v1/bunits/{bunitId}/invoices',
  summary: 'List the invoices of a business unit',
  description:
    'Lists the invoices of business unit bunitId; the date in each href (YYYY-MM-DD) is what billing.invoice takes.',
  safety: 'read',
  idempotent: true,
  input: { bunitId },
  response: InvoiceList,
  example: (x) => ({ bunitId: x.ids.acme }),
  toolName: 'list_invoices',
  columns: {
    id: 'id',
    invoiceDate: 'invoiceDate',
    createdDate: 'createdDate',
    payer: 'payingBusinessUnit.name',
    lines: 'lines.length',
  },
});

/** E47: one invoice. */
export const invoice = defineOperation({
  id: 'E47',
  name: 'billing.invoice',
  method: 'GET',
  path: '/v1/bunits/{bunitId}/invoices/{invoiceDate}',
  summary: 'Get the invoice of a business unit for a date',
  description:
    'Returns the invoice of business unit bunitId for invoiceDate (YYYY-MM-DD, from billing.invoices), with its lines: product, period, unit price, quantity.',
  safety: 'read',
  idempotent: true,
  input: { bunitId, invoiceDate },
  response: Invoice,
  // An invoice is addressed by the date its href ends with.
  example: async (x) => ({
    bunitId: x.ids.acme,
    invoiceDate: (await x.first<string>('billing.invoices', { bunitId: x.ids.acme }, 'href')).slice(
      -10,
    ),
  }),
  toolName: 'get_invoice',
});

/** E48: uploaded invoice files. */
export const invoiceFiles = defineOperation({
  id: 'E48',
  name: 'billing.invoiceFiles',
  method: 'GET',
  path: '/v1/bunits/{bunitId}/invoicefiles',
  summary: 'List the invoice files uploaded for a business unit',
  description:
    'Lists the invoice files (usually PDF) uploaded for business unit bunitId with billing.uploadInvoiceFile.',
  safety: 'read',
  idempotent: true,
  input: { bunitId },
  response: InvoiceFileList,
  example: (x) => ({ bunitId: x.ids.acme }),
  toolName: 'list_invoice_files',
  columns: { id: 'id', name: 'name', erpReference: 'erpReference', createdDate: 'createdDate' },
});

/** E49: upload an invoice file. */
export const uploadInvoiceFile = defineOperation({
  id: 'E49',
  name: 'billing.uploadInvoiceFile',
  method: 'POST',
  path: '/v1/bunits/{bunitId}/invoicefiles',
  summary: 'Upload an invoice file for a business unit',
  description:
    'Uploads an invoice file (usually a PDF, base64-encoded) for business unit bunitId, as its reseller; sendToBillingAddress also mails it. Not idempotent: uploading twice stores two files.',
  safety: 'write',
  idempotent: false,
  input: {
    bunitId,
    contentBase64: z
      .base64({ error: 'expected the file content, base64-encoded' })
      .min(1, { error: 'the file must not be empty' })
      .describe('The file content, base64-encoded'),
    contentType: z
      .string()
      .regex(/^[\w.+-]+\/[\w.+-]+$/, { error: 'expected a MIME type such as application/pdf' })
      .default('application/pdf')
      .describe('MIME type (default application/pdf)'),
    erpReference: z.string().max(LIMITS.erpReference).optional().describe('ERP reference code'),
    sendToBillingAddress: z
      .boolean()
      .default(false)
      .describe('Also send the file to the billing address'),
  },
  query: ['erpReference', 'sendToBillingAddress'],
  body: (i) => ({ raw: fromBase64(i.contentBase64), contentType: i.contentType }),
  response: z.unknown(),
  example: (x) => ({
    bunitId: x.ids.acme,
    contentBase64: btoa('%PDF-1.4 example invoice'),
    erpReference: 'ERP-42',
  }),
  toolName: 'upload_invoice_file',
});

/** E50: billing data. */
export const data = defineOperation({
  id: 'E50',
  name: 'billing.data',
  method: 'GET',
  path: '/v1/bunits/{bunitId}/billing',
  summary: 'List the billing data of a reseller business unit',
  description:
    'Lists the billing data (per invoice date: totals and the invoices of its customers) of reseller business unit bunitId; includeNext adds upcoming periods. Fetch it when the billing webhook fires.',
  safety: 'read',
  idempotent: true,
  input: {
    bunitId,
    includeNext: z
      .number()
      .int()
      .min(LIMITS.includeNext.min)
      .max(LIMITS.includeNext.max)
      .optional()
      .describe('Also include this many upcoming periods'),
  },
  query: ['includeNext'],
  response: BillingDataList,
  example: (x) => ({ bunitId: x.ids.root, includeNext: 1 }),
  toolName: 'list_billing_data',
  // The date first: it is what billing.dataFor takes, and an upcoming period has no id yet.
  columns: {
    invoiceDateStr: 'invoiceDateStr',
    id: 'id',
    summary: 'summary',
    invoices: 'invoices.length',
    preliminary: 'preliminary',
  },
});

/** E51: billing data for a date. */
export const dataFor = defineOperation({
  id: 'E51',
  name: 'billing.dataFor',
  method: 'GET',
  path: '/v1/bunits/{bunitId}/billing/{invoiceDate}',
  summary: 'Get the billing data of a reseller business unit for a date',
  description:
    'Returns the billing data of reseller business unit bunitId for invoiceDate (YYYY-MM-DD, from billing.data).',
  safety: 'read',
  idempotent: true,
  input: { bunitId, invoiceDate },
  response: BillingData,
  example: async (x) => ({
    bunitId: x.ids.root,
    invoiceDate: await x.first<string>('billing.data', { bunitId: x.ids.root }, 'invoiceDateStr'),
  }),
  toolName: 'get_billing_data',
});

/** Base64 (already checked by the schema) to bytes, with what every runtime has (no `Buffer`). */
function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The API area this file declares (see define-area.ts). */
export const area = defineArea({ name: 'billing', toolset: 'billing' });
