import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** A workspace package that is published to npm. */
export interface PublishedPackage {
  name: string;
  version: string;
  dir: string;
  bin: Record<string, string>;
  json: Record<string, unknown>;
}

/** Every non-private package under packages/ and apps/. */
export function publishedPackages(): PublishedPackage[] {
  const out: PublishedPackage[] = [];
  for (const group of ['packages', 'apps']) {
    for (const name of readdirSync(join(ROOT, group))) {
      const dir = join(ROOT, group, name);
      let json: Record<string, unknown>;
      try {
        json = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      } catch {
        continue;
      }
      if (json.private) continue;
      out.push({
        name: json.name as string,
        version: json.version as string,
        dir,
        bin: (json.bin as Record<string, string>) ?? {},
        json,
      });
    }
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}
