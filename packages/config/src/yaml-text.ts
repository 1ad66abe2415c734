/**
 * YAML as the settings files are written: numbers and booleans under the keys named are kept as
 * their text, so `password: 12345678` or `client_id: 0042` is that text (not a number, which
 * would lose leading zeros, nor a value that counts as missing); `~` and an empty value stay
 * missing. Other keys (`read_only: true`) keep YAML's types.
 *
 * @throws the parser's first error
 */
export async function parseYamlKeepingText(
  text: string,
  textKeys: ReadonlySet<string>,
): Promise<unknown> {
  const { isScalar, parseDocument, visit } = await import('yaml');
  const doc = parseDocument(text);
  if (doc.errors[0]) throw doc.errors[0];
  visit(doc, {
    Pair(_, pair) {
      const { key, value } = pair;
      if (!isScalar(key) || !isScalar(value) || !textKeys.has(String(key.value))) return;
      const typed = typeof value.value === 'number' || typeof value.value === 'boolean';
      if (typed && typeof value.source === 'string') value.value = value.source;
    },
  });
  return doc.toJS();
}
