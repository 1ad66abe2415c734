import { randomBytes } from 'node:crypto';
import {
  closeSync,
  constants,
  fchmodSync,
  linkSync,
  openSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Writes `data` to `file` by creating a new file beside it and renaming it into place. The new
 * file is created exclusively (`O_EXCL`, `O_NOFOLLOW`) under an unpredictable name, so a planted
 * file or symlink never receives the data, and it has its mode from the first byte: an existing
 * file's mode (say 0644) never carries over, and a reader never sees half a file. A `secret` file
 * is 0600 whatever the umask; any other is 0644 under the umask, as any file the user creates.
 */
export function writeFileReplacing(file: string, data: string, secret: boolean): void {
  placeNewFile(file, data, secret, (temp) => renameSync(temp, file));
}

/**
 * Creates `file` (0600) holding `data` unless it exists; returns whether this call created it.
 * Written whole under a new name first and then hard-linked into place, which fails when the
 * name is taken: of processes racing, exactly one wins, and nobody ever reads half a file.
 */
export function createSecretFileOnce(file: string, data: string): boolean {
  let created = false;
  placeNewFile(file, data, true, (temp) => {
    try {
      linkSync(temp, file);
      created = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  });
  return created;
}

/** Writes `data` to a new, exclusive, unpredictable file beside `file`, then `place`s it. */
function placeNewFile(
  file: string,
  data: string,
  secret: boolean,
  place: (temp: string) => void,
): void {
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
    place(temp);
  } finally {
    // Gone after a rename; the spare name after a link (the file keeps its other name).
    rmSync(temp, { force: true });
  }
}
