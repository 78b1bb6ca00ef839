import type { Provenance } from '../../cassette/types.js';
import { loadCassette } from '../load-cassette.js';
import type { Problem } from '../problem.js';
import { exchangeView } from '../transcript/exchange-view.js';
import type { ExchangeView } from '../transcript/types.js';

/** A cassette as a transcript, for `spark-cassette show`. */
export interface ShowResult {
  file: string;
  provenance?: Provenance;
  interactions: ExchangeView[];
  problems: Problem[];
}

/** Reads one cassette and turns each interaction into a readable exchange. */
export async function showCassette(options: { path: string }): Promise<ShowResult> {
  const loaded = await loadCassette({ path: options.path, name: '' });
  if ('problem' in loaded) {
    return { file: loaded.problem.file, interactions: [], problems: [loaded.problem] };
  }
  const { shown, file } = loaded.cassette;
  return {
    file: shown,
    ...(file.provenance ? { provenance: file.provenance } : {}),
    interactions: file.interactions.map(exchangeView),
    problems: [],
  };
}
