/**
 * The operating system name this machine's platform has in the Cloutility catalog (enroll's
 * default `--os`). A module of its own: `enroll --help` and the flags need it without loading the
 * registry's schemas, which load once the first connection is under way.
 */
export function platformOs(platform: NodeJS.Platform = process.platform): string | undefined {
  return ({ linux: 'Linux', darwin: 'macOS', win32: 'Windows' } as Record<string, string>)[
    platform
  ];
}
