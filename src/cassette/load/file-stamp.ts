import { closeSync, fstatSync, openSync, readFileSync, statSync, type BigIntStats } from 'node:fs';

/** A cassette file's bytes, with the stamp of the file they were read from. */
export interface StampedBytes {
  bytes: Buffer;
  /** Set only when the file's last change is old enough for the stamp to be trusted (see `fileStamp`). */
  stamp: string | undefined;
}

// A change within this much of a stamp's taking could share its timestamps with the change
// before it (file systems keep coarse clocks: a few ms on ext4, 2 s on FAT), so a file changed
// more recently than this gets no stamp and is hashed instead.
const SETTLED_MS = 3_000;

/**
 * Reads a cassette file at once, with its stamp; undefined when there is no file. A thread-pool
 * read waits about 0.3 ms for a small file, most of what a test's cassette may cost; a
 * synchronous one takes a tenth of that.
 */
export function readStampedBytes(path: string): StampedBytes | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return undefined;
    }
    throw error;
  }
  try {
    // Stat first: a change during the read then shows in the stamp of the next load.
    const stats = fstatSync(fd, { bigint: true });
    return { bytes: readFileSync(fd), stamp: fileStamp(stats) };
  } finally {
    closeSync(fd);
  }
}

/** A file's size and stamp, without reading it; undefined when there is no file. */
export function fileStampOf(path: string): { size: number; stamp: string | undefined } | undefined {
  const stats = statSync(path, { bigint: true, throwIfNoEntry: false });
  return stats ? { size: Number(stats.size), stamp: fileStamp(stats) } : undefined;
}

/**
 * What identifies a file's content without reading it: device, inode, size and the modification
 * and change times in nanoseconds. The change time cannot be set by programs, and any write
 * moves it past the stamp's, as long as the stamp was taken after the file settled; a file
 * that changed in the last few seconds gets none.
 */
export function fileStamp(stats: BigIntStats, now = Date.now()): string | undefined {
  const settled = BigInt(now - SETTLED_MS) * 1_000_000n;
  if (stats.ctimeNs > settled || stats.mtimeNs > settled) {
    return undefined;
  }
  return `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}`;
}
