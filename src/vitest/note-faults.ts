import type { Cassette } from '../cassette/cassette.js';
import { faultsNote } from '../cassette/faults/fault-note.js';

/** What `noteFaults` needs of a test context. */
export interface AnnotatingContext {
  task: { name: string; file: { name: string } };
  /** vitest's `annotate` (3.2 and later); absent in older versions. */
  annotate?: ((message: string, type?: string) => Promise<unknown>) | undefined;
}

/**
 * With faults on, notes the seed that reproduces the test (and, for `SPARK_FAULTS`, the command
 * that reruns it): vitest's default reporter prints a note only when the test fails.
 */
export async function noteFaults(cassette: Cassette, context: AnnotatingContext): Promise<void> {
  const note = faultsNote(cassette, { file: context.task.file.name, title: context.task.name });
  if (note && typeof context.annotate === 'function') {
    await context.annotate(note, 'notice');
  }
}
