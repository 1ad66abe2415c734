import type { Context, Hono } from 'hono';
import { pathId, unitParam } from '../access.js';
import { auditWrite } from '../audit.js';
import { collection, listed } from '../collection.js';
import type { Sim, SimEnv } from '../context.js';
import { badRequest, notFound, validationFailed } from '../errors.js';
import { LIMITS } from '../limits.js';
import { Paged, paging, param, queryObject } from '../schemas.js';
import { draftInvoices, nextInvoiceDate } from '../state/billing.js';
import { addMonths, parseDateOnly } from '../state/dates.js';
import { nextId } from '../state/ids.js';
import type { InvoiceFileRecord, InvoiceRecord } from '../state/model.js';
import { contractOf } from '../state/queries.js';
import { query } from '../validate.js';
import { billingView, contractView, invoiceFileView, invoiceView } from '../views/billing.js';
import { apiBase } from '../views/links.js';

/** E49: the file itself is the raw body; these describe it. */
const UploadQuery = queryObject({
  erpReference: param.string(LIMITS.erpReference),
  sendToBillingAddress: param.bool(),
  fileName: param.string(),
});

/** E50: `includeNext` appends that many upcoming (preliminary) periods. */
const BillingQuery = queryObject({ ...paging(), includeNext: param.int(LIMITS.includeNext) });

/** E45-E51: contract, invoices, invoice files and billing data of a business unit. */
export function registerRoutes(app: Hono<SimEnv>, sim: Sim): void {
  app.get('/v1/bunits/:bunitId/contract', (c) => {
    const unit = unitParam(sim, c);
    const contract = contractOf(sim.state, unit.id);
    if (!contract) throw notFound(`Business unit ${unit.id} ('${unit.name}') has no contract`);
    return c.json(contractView(apiBase(c), unit.id, contract));
  });

  app.get('/v1/bunits/:bunitId/invoices', query(Paged), (c) => {
    const unit = unitParam(sim, c);
    const base = apiBase(c);
    const invoices = sim.state.invoices.filter((i) => i.payingBusinessUnitId === unit.id);
    return listed(c, invoices, (i) => invoiceView(base, sim.state, i));
  });

  app.get('/v1/bunits/:bunitId/invoices/:invoiceDate', (c) => {
    const unit = unitParam(sim, c);
    const date = invoiceDateParam(c);
    const invoice = sim.state.invoices.find(
      (i) => i.payingBusinessUnitId === unit.id && i.invoiceDate === date,
    );
    if (!invoice) {
      throw notFound(
        `Business unit ${unit.id} has no invoice dated ${date}`,
        `List them with GET /v1/bunits/${unit.id}/invoices.`,
      );
    }
    return c.json(invoiceView(apiBase(c), sim.state, invoice));
  });

  app.get('/v1/bunits/:bunitId/invoicefiles', query(Paged), (c) => {
    const unit = unitParam(sim, c);
    const base = apiBase(c);
    const files = sim.state.invoiceFiles.filter((f) => f.businessUnitId === unit.id);
    return listed(c, files, (f) => invoiceFileView(base, sim.state, f));
  });

  app.post('/v1/bunits/:bunitId/invoicefiles', query(UploadQuery), async (c) => {
    const unit = unitParam(sim, c);
    const { erpReference, sendToBillingAddress = false, fileName: given } = c.req.valid('query');
    const content = new Uint8Array(await c.req.arrayBuffer());
    if (content.length === 0) {
      throw badRequest(
        'The invoice file is empty',
        'Send the file (usually a PDF) as the raw request body.',
      );
    }
    const now = sim.clock.now().toISOString();
    const contentType =
      c.req.header('content-type')?.split(';')[0]?.trim() || 'application/octet-stream';
    const id = nextId(sim.state, 'invoiceFile');
    const file: InvoiceFileRecord = {
      id,
      businessUnitId: unit.id,
      name: fileName(c, given, id, contentType, now),
      size: content.length,
      contentType,
      ...(erpReference ? { erpReference } : {}),
      sendToBillingAddress,
      content,
      createdDate: now,
    };
    sim.state.invoiceFiles.push(file);
    auditWrite(sim, c, {
      type: 100,
      message: `Invoice file '${file.name}' (${file.size} bytes) uploaded`,
      businessUnitId: unit.id,
      subject: 'businessUnit',
    });
    return c.json(invoiceFileView(apiBase(c), sim.state, file), 201);
  });

  app.get('/v1/bunits/:bunitId/invoicefiles/:fileId', (c) => {
    const unit = unitParam(sim, c);
    const id = pathId(c, 'fileId', 'Invoice file');
    const file = sim.state.invoiceFiles.find((f) => f.businessUnitId === unit.id && f.id === id);
    if (!file) throw notFound(`Invoice file ${id} was not found in business unit ${unit.id}`);
    return c.body(new Uint8Array(file.content), 200, {
      'Content-Type': file.contentType,
      'Content-Disposition': `attachment; filename="${file.name.replace(/"/g, '')}"`,
    });
  });

  app.get('/v1/bunits/:bunitId/billing', query(BillingQuery), (c) => {
    const unit = unitParam(sim, c);
    const { includeNext = 0, ...page } = c.req.valid('query');
    const base = apiBase(c);
    const byId = (ids: number[]) =>
      ids
        .map((id) => sim.state.invoices.find((i) => i.id === id))
        .filter((i): i is InvoiceRecord => i !== undefined);
    const items = sim.state.billingData
      .filter((b) => b.billingBusinessUnitId === unit.id)
      .map((b) => billingView(base, sim.state, b, byId(b.invoiceIds)));
    // The upcoming periods, computed from today's consumption and stored nowhere.
    if (unit.id === sim.state.rootBusinessUnitId && includeNext > 0) {
      const next = nextInvoiceDate(sim.state, sim.clock.now().getTime());
      const createdDate = sim.clock.now().toISOString();
      for (let i = 0; i < includeNext; i++) {
        const invoiceDate = addMonths(next, i);
        const drafts = draftInvoices(sim.state, invoiceDate).map((d) => ({
          ...d,
          id: 0,
          createdDate,
        }));
        items.push(
          billingView(
            base,
            sim.state,
            { billingBusinessUnitId: unit.id, invoiceDate, createdDate },
            drafts,
          ),
        );
      }
    }
    return c.json(collection(c, page, items));
  });

  app.get('/v1/bunits/:bunitId/billing/:invoiceDate', (c) => {
    const unit = unitParam(sim, c);
    const date = invoiceDateParam(c);
    const billing = sim.state.billingData.find(
      (b) => b.billingBusinessUnitId === unit.id && b.invoiceDate === date,
    );
    if (!billing) {
      throw notFound(
        `Business unit ${unit.id} has no billing data dated ${date}`,
        `List it with GET /v1/bunits/${unit.id}/billing.`,
      );
    }
    const invoices = billing.invoiceIds
      .map((id) => sim.state.invoices.find((i) => i.id === id))
      .filter((i): i is InvoiceRecord => i !== undefined);
    return c.json(billingView(apiBase(c), sim.state, billing, invoices));
  });
}

/** The `{invoiceDate}` path parameter: a real `YYYY-MM-DD` date. */
function invoiceDateParam(c: Context<SimEnv>): string {
  const raw = c.req.param('invoiceDate') ?? '';
  if (parseDateOnly(raw) === undefined) {
    throw validationFailed(
      `Invoice date must be a date in YYYY-MM-DD form, got '${raw}'`,
      'Take it from Invoice.href.',
    );
  }
  return raw;
}

/** The stored file name: `fileName` query, else the Content-Disposition filename, else generated. */
function fileName(
  c: Context<SimEnv>,
  fromQuery: string | undefined,
  id: number,
  contentType: string,
  now: string,
): string {
  const given =
    fromQuery ?? /filename="?([^";]+)"?/i.exec(c.req.header('content-disposition') ?? '')?.[1];
  if (given) return given.slice(0, 255);
  const ext =
    contentType === 'application/pdf' ? 'pdf' : contentType.startsWith('text/') ? 'txt' : 'bin';
  return `invoice-${now.slice(0, 10)}-${id}.${ext}`;
}
