/**
 * Normalises a response body before it is parsed: PascalCase property names (which an ASP.NET
 * server may send) become camelCase, and `null` values are dropped, since the API's contract is
 * that an unset field is simply absent. Names starting with `$` (`$type`) are kept as they are.
 */
export function normalizeResponse(value: unknown, depth = 0): unknown {
  if (depth > 64) return value;
  if (Array.isArray(value)) return value.map((v) => normalizeResponse(v, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      // JSON.parse keeps "__proto__" as a plain key; assigning it here would set the prototype.
      if (v === null || key === '__proto__') continue;
      out[camelKey(key)] = normalizeResponse(v, depth + 1);
    }
    return out;
  }
  return value;
}

/** `TsmName` -> `tsmName`, `ID` -> `id`, `CPUCount` -> `cpuCount`; `$type` and `camel` unchanged. */
export function camelKey(key: string): string {
  if (!/^[A-Z]/.test(key)) return key;
  const leadingCaps = key.match(/^[A-Z]+/)?.[0] ?? '';
  if (leadingCaps.length === key.length) return key.toLowerCase();
  if (leadingCaps.length > 1) {
    // An acronym followed by a word: keep the word's capital ("CPUCount" -> "cpuCount").
    return leadingCaps.slice(0, -1).toLowerCase() + key.slice(leadingCaps.length - 1);
  }
  return key.charAt(0).toLowerCase() + key.slice(1);
}

/**
 * Unquotes a string the API returns as a JSON string, e.g. the suggested node name: a server may
 * answer `"ACME-WEB01"` with the quotes when it does not declare JSON.
 */
export function unquote(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  if (trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')) {
    try {
      return JSON.parse(trimmed);
    } catch {
      return trimmed.slice(1, -1);
    }
  }
  return value;
}
