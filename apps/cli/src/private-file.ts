import { randomBytes } from 'node:crypto';
import { closeSync, constants, fchmodSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Writes `data` to `file` by creating a new file beside it and renaming it into place. The new
 * file is created exclusively (`O_EXCL`, `O_NOFOLLOW`) under an unpredictable name, so a planted
 * file or symlink never receives the data, and it has its mode from the first byte: an existing
 * file's mode (say 0644) never carries over, and a reader never sees half a file. A `secret` file
 * is 0600 whatever the umask; any other is 0644 under the umask, as any file the user creates.
 */
export function writeFileReplacing(file: string, data: string, secret: boolean): void {
  const mode = secret ? 0o600 : 0o644;
  const temp = join(dirname(file), `.${basename(file)}.${randomBytes(8).toString('hex')}.tmp`);
  const fd = openSync(
    temp,
    constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0),
    mode,
  );
  try {
    try {
      if (secret) fchmodSync(fd, mode);
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
