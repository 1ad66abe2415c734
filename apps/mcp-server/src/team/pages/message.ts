import { escapeHtml } from './escape.js';
import { layout } from './layout.js';

/** What a message page shows. */
export interface MessagePageOptions {
  /** The heading and document title (plain text). */
  title: string;
  /** The message (plain text). */
  message: string;
  /** An error is announced at once (`role="alert"`); default `info`. */
  status?: 'error' | 'info' | undefined;
}

/**
 * A page with a heading and one message and no form: an expired sign-in, an invalid request, or
 * "you can close this window".
 */
export function messagePage({ title, message, status = 'info' }: MessagePageOptions): string {
  const role = status === 'error' ? 'alert' : 'status';
  return layout({
    title,
    body: `<h1>${escapeHtml(title)}</h1>
<div class="box ${status}" role="${role}"><p>${escapeHtml(message)}</p></div>`,
  });
}
