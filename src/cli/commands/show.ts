import { loadCassette } from '../load-cassette.js';
import type { Problem } from '../problem.js';
import { cassetteTranscript, type Transcript } from '../transcript/transcript.js';

/** A cassette as a transcript, for `spark-cassette show`. */
export interface ShowResult extends Transcript {
  problems: Problem[];
}

/** Reads one cassette and turns it into its transcript. */
export async function showCassette(options: { path: string }): Promise<ShowResult> {
  const loaded = await loadCassette({ path: options.path, name: '' });
  if ('problem' in loaded) {
    return { file: loaded.problem.file, interactions: [], problems: [loaded.problem] };
  }
  const { shown, file } = loaded.cassette;
  return { ...cassetteTranscript(file, shown), problems: [] };
}
