import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { WebhookControl, WebhookDelivery } from './types.js';

/** The body the portal posts when billing data was generated. */
export const WEBHOOK_BODY = JSON.stringify({ trigger: 'new billing data available' });

/** How long a receiver may take before the delivery counts as failed. */
const DELIVERY_TIMEOUT_MS = 10_000;
/** How long to wait for `100 Continue` before sending the body anyway (as .NET's client does). */
const CONTINUE_TIMEOUT_MS = 1_000;

/** Creates the list of registered receiver URLs. */
export function createWebhookRegistry(): WebhookControl {
  const urls: string[] = [];
  return {
    register(url) {
      const parsed = new URL(url);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
        throw new TypeError(`A webhook URL must be http or https, got ${parsed.protocol}`);
      }
      // Kept as given (list() shows what was registered); duplicates compare normalised.
      if (!urls.some((u) => new URL(u).href === parsed.href)) urls.push(url);
    },
    list: () => [...urls],
  };
}

/**
 * POSTs the billing trigger to one receiver the way the portal does: `Content-Type:
 * application/json; charset=utf-8` and `Expect: 100-continue`; the body is written only after the
 * receiver answers `100 Continue`. Resolves (never rejects) with the receiver's final status, or
 * status 0 and the error.
 */
export function deliverWebhook(url: string, at: () => string): Promise<WebhookDelivery> {
  return new Promise((resolve) => {
    const body = Buffer.from(WEBHOOK_BODY, 'utf8');
    let settled = false;
    const finish = (status: number, error?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(continueTimer);
      resolve({ url, status, at: at(), ...(error ? { error } : {}) });
    };
    const send = url.startsWith('https:') ? httpsRequest : httpRequest;
    const req = send(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Length': String(body.length),
        Expect: '100-continue',
      },
      timeout: DELIVERY_TIMEOUT_MS,
    });
    let bodySent = false;
    const sendBody = () => {
      if (bodySent) return;
      bodySent = true;
      req.end(body);
    };
    const continueTimer = setTimeout(sendBody, CONTINUE_TIMEOUT_MS);
    req.on('continue', sendBody);
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => finish(res.statusCode ?? 0));
      res.on('error', (err) => finish(res.statusCode ?? 0, err.message));
      // A receiver that answers before `100 Continue` does not want the body: close instead.
      if (!bodySent) {
        bodySent = true;
        res.on('end', () => req.destroy());
      }
    });
    req.on('timeout', () => req.destroy(new Error(`No answer within ${DELIVERY_TIMEOUT_MS} ms`)));
    req.on('error', (err) => finish(0, err.message));
    req.flushHeaders();
  });
}
