/** A file generated from the registry: where it is and what it should hold. */
export interface Generated {
  file: string;
  render(): string | Promise<string>;
}

/**
 * `text` with the lines between `<!-- name:start -->` and `<!-- name:end -->` replaced by `body`.
 * Throws when the markers are missing, so a README edit cannot silently drop a table.
 */
export declare function replaceSection(text: string, name: string, body: string): string;
