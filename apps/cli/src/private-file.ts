import { randomBytes } from 'node:crypto';
import { closeSync, constants, fchmodSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Options of {@link writeFileReplacing}. */
export interface ReplaceOptions {
  /** The new file's mode. */
  mode: number;
  /**
   * Set exactly this mode, whatever the umask: for files holding secrets (0600). Otherwise the
   * umask applies, as for any file the user creates.
   */
  exactMode?: boolean;
}

/**
 * Writes `data` to `file` by creating a new file beside it and renaming it into place. The new
 * file is created exclusively (`O_EXCL`, `O_NOFOLLOW`) under an unpredictable name, so a planted
 * file or symlink never receives the data, and it has its mode from the first byte: an existing
 * file's mode (say 0644) never carries over, and a reader never sees half a file.
 */
export function writeFileReplacing(file: string, data: string, options: ReplaceOptions): void {
  const temp = join(dirname(file), `.${basename(file)}.${randomBytes(8).toString('hex')}.tmp`);
  const fd = openSync(
    temp,
    constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0),
    options.mode,
  );
  try {
    try {
      if (options.exactMode) fchmodSync(fd, options.mode);
      writeSync(fd, data);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
