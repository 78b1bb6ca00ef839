import { readFile, writeFile } from 'node:fs/promises';

/**
 * Edits a cassette by hand, as a person would: replaces the first occurrence of `from` with
 * `to`. Throws when `from` is not there, so a test never passes on an edit that did not happen.
 */
export async function editFile(path: string, from: string, to: string): Promise<void> {
  const text = await readFile(path, 'utf8');
  if (!text.includes(from)) {
    throw new Error(`editFile: ${JSON.stringify(from)} is not in ${path}`);
  }
  await writeFile(path, text.replace(from, to));
}
