import { CassetteConflictError, isCassetteError } from './errors.js';
import { parseCassetteBytes, parseCassette, serializeCassette } from './format.js';
import { isFileStore, readBytes, sha256Hex, type CassetteStore } from './store.js';
import type { CassetteFile, RecordedInteraction } from './types.js';

/** Where a stopping cassette writes, and what the file held when it started. */
export interface SaveTarget {
  store: CassetteStore;
  path: string;
  /** The text read at start (stores other than the file store); undefined when there was none. */
  previousText: string | undefined;
  /** sha256 of the bytes read at start (the file store); undefined when there was no file. */
  previousSha256: string | undefined;
}

/**
 * Writes what a cassette recorded, under the store's lock: it reads the file again and, when
 * it is what the cassette started from, writes `build()`; when another writer changed it since
 * (a test in another worker recording the same cassette), writes `build(theirs)`, the other
 * writer's interactions with this run's joined to them. So two recordings of one cassette at
 * once both keep theirs, and the read and the write cannot interleave with another writer's.
 * A file deleted meanwhile, or changed into something that is not a cassette, is left alone:
 * `CassetteConflictError`. A store with no `lock` only gets its own compare-on-write.
 * Resolves to the text written.
 */
export async function saveRecordings(
  target: SaveTarget,
  build: (onDisk?: readonly RecordedInteraction[]) => CassetteFile,
): Promise<string> {
  const { store, path } = target;
  if (!store.lock && !isFileStore(store)) {
    // Without a lock, reading again would not stop another writer from coming in between: the
    // store's own compare-on-write is all there is.
    const text = serializeCassette(build());
    await store.write(path, text, target.previousText);
    return text;
  }
  const release = await store.lock?.(path);
  try {
    const now = await readNow(target);
    let file: CassetteFile;
    if (!now.changed) {
      file = build();
    } else if (now.text === undefined) {
      throw changedOnDisk(path, 'was deleted while this run was recording it');
    } else {
      file = build(parseOnDisk(now, path).interactions);
    }
    const text = serializeCassette(file);
    await store.write(path, text, now.text);
    return text;
  } finally {
    await release?.();
  }
}

interface OnDisk {
  text: string | undefined;
  bytes: Buffer | undefined;
  changed: boolean;
}

// The file store compares bytes by sha256 (a cassette does not keep the text it loaded);
// another store, the text its `read` gives.
async function readNow(target: SaveTarget): Promise<OnDisk> {
  if (isFileStore(target.store)) {
    const bytes = await readBytes(target.path);
    const sha256 = bytes && sha256Hex(bytes);
    return { text: bytes?.toString('utf8'), bytes, changed: sha256 !== target.previousSha256 };
  }
  const text = await target.store.read(target.path);
  return { text, bytes: undefined, changed: text !== target.previousText };
}

function parseOnDisk(now: OnDisk, path: string): CassetteFile {
  try {
    return now.bytes ? parseCassetteBytes(now.bytes, path) : parseCassette(now.text as string, path);
  } catch (error) {
    if (isCassetteError(error) && error.name === 'CassetteFormatError') {
      throw changedOnDisk(
        path,
        `changed on disk while this run was recording it, into a file that is not a cassette (${error.message})`,
      );
    }
    throw error;
  }
}

function changedOnDisk(path: string, what: string): CassetteConflictError {
  return new CassetteConflictError(
    `Cannot save cassette ${path}: it ${what}. ` +
      'Nothing was written; restore the file (or remove it) and record again.',
    { cassettePath: path },
  );
}
