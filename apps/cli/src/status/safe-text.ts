import { cell } from '../output/values.js';

// C0 and C1 controls, DEL, and the bidirectional overrides that can disguise text.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly what is removed
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * A server string made safe for a terminal: formatted as the output helpers format cells, then
 * every control character (escape sequences included) shown as `\xNN`/`\uNNNN` instead of
 * being sent raw.
 */
export function safeText(value: unknown): string {
  return cell(value).replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff
      ? `\\x${code.toString(16).padStart(2, '0')}`
      : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
