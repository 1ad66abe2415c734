/**
 * `@cloutapi/resources/private-dir`: the rule for a folder that only its user may write to (the
 * apps' compile cache, enrollment's lock files). Node only, a separate entry point.
 */
import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Makes `dir` (and missing parents) private to the user (mode 0700) and says why it must not be
 * used, or undefined when it may: it and the folder above must be the user's own and writable by
 * nobody else (a neighbour could plant or remove what the user's processes trust: compiled code,
 * lock files). On Windows, without mode bits, the profile folder's permissions keep it private.
 */
export function privateDirProblem(dir: string): string | undefined {
  try {
    // The folder above first: nothing is made inside a folder that is not the user's own.
    for (const folder of [dirname(dir), dir]) {
      mkdirSync(folder, { recursive: true, mode: 0o700 });
      const stat = statSync(folder);
      const uid = process.getuid?.();
      if (uid !== undefined && stat.uid !== uid)
        return `${folder} belongs to user id ${stat.uid}, not to you`;
      if (process.platform !== 'win32' && stat.mode & 0o022) return `others may write in ${folder}`;
    }
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}
