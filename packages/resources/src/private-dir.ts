/**
 * `@cloutapi/resources/private-dir`: the rule for a folder that only its user may write to (the
 * CLI's token cache, the apps' compile cache, enrollment's lock files). Node only, a separate
 * entry point.
 */

// Nothing at the module's top level, Node's modules fetched at the call: the CLI's bundle wraps
// this module lazily (it is also reached through a dynamic import) and skips that wrapper's start
// when the token cache imports it, so imports and constants would be unset there.

/**
 * Makes `dir` (and missing parents, mode 0700) and says why it must not be used, or undefined
 * when it may. Every folder on its real path is checked from the root down before anything is
 * made inside it: each must be the user's or root's, and nobody else may write to it, except to a
 * sticky one like /tmp (where nobody may rename what is not theirs); `dir` itself must be the
 * user's and writable by nobody else. Otherwise a neighbour could swap a folder on the way and
 * plant or remove what the user's processes trust (tokens, compiled code, lock files). On
 * Windows, without modes or owners, the profile folder's permissions keep it private.
 */
export function privateDirProblem(dir: string): string | undefined {
  const { existsSync, mkdirSync, realpathSync, statSync } = process.getBuiltinModule('node:fs');
  const { dirname, join, parse, resolve, sep } = process.getBuiltinModule('node:path');
  try {
    const wanted = resolve(dir);
    // The deepest folder that exists, resolved; the rest is made below it, one level at a time.
    let existing = wanted;
    while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing);
    const real = realpathSync(existing);
    const missing = wanted.slice(existing.length).split(sep).filter(Boolean);
    const { root } = parse(real);
    const parts = [...real.slice(root.length).split(sep).filter(Boolean), ...missing];
    let folder = root;
    for (const [index, part] of parts.entries()) {
      folder = join(folder, part);
      // Its parent was checked; `recursive` only so that a racing process making it is no error.
      if (index >= parts.length - missing.length)
        mkdirSync(folder, { recursive: true, mode: 0o700 });
      const problem = folderProblem(folder, statSync(folder), index === parts.length - 1);
      if (problem) return problem;
    }
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Why `folder` may not hold (or lead to) private files; `last` for the folder itself. */
function folderProblem(
  folder: string,
  stat: { uid: number; mode: number; isDirectory(): boolean },
  last: boolean,
): string | undefined {
  if (!stat.isDirectory()) return `${folder} is not a folder`;
  const uid = process.getuid?.();
  if (uid === undefined || process.platform === 'win32') return undefined;
  if (stat.uid !== uid && (last || stat.uid !== 0))
    return `${folder} belongs to user id ${stat.uid}, not to you`;
  const sticky = (stat.mode & 0o1000) !== 0;
  if (stat.mode & 0o022 && (last || !sticky)) return `others may write in ${folder}`;
  return undefined;
}
