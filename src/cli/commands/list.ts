import { findCassettes } from '../find-cassettes.js';
import { loadCassette, type LoadedCassette } from '../load-cassette.js';
import type { Problem } from '../problem.js';
import { requestModel } from '../transcript/exchange-view.js';
import { recordedUsage } from '../transcript/usage.js';

/** One row of `spark-cassette list`. */
export interface CassetteListing {
  /** The name `startCassette` takes (path under the searched directory, no extension). */
  name: string;
  file: string;
  interactions: number;
  /** Models the requests named, sorted. */
  models: string[];
  /** Sum of recorded `usage.total_tokens`; null when no response recorded usage. */
  totalTokens: number | null;
  /** File size in bytes. */
  size: number;
  /** The latest `recordedAt`; null for a cassette with no interactions. */
  recordedAt: string | null;
}

/** What `list` found. */
export interface ListResult {
  cassettes: CassetteListing[];
  problems: Problem[];
}

/** Lists the cassettes under `paths` with their size, models, tokens and recording time. */
export async function listCassettes(options: { paths: readonly string[] }): Promise<ListResult> {
  const result: ListResult = { cassettes: [], problems: [] };
  for (const location of await findCassettes(options.paths)) {
    const loaded = await loadCassette(location);
    if ('problem' in loaded) {
      result.problems.push(loaded.problem);
    } else {
      result.cassettes.push(describeCassette(loaded.cassette));
    }
  }
  return result;
}

function describeCassette(cassette: LoadedCassette): CassetteListing {
  const { interactions } = cassette.file;
  const models = new Set<string>();
  let totalTokens: number | null = null;
  let recordedAt: string | null = null;
  for (const { request, response, recordedAt: at } of interactions) {
    const model = requestModel(request);
    if (model) {
      models.add(model);
    }
    const total = recordedUsage(response.body)?.total;
    if (total !== undefined) {
      totalTokens = (totalTokens ?? 0) + total;
    }
    recordedAt = recordedAt === null || Date.parse(at) > Date.parse(recordedAt) ? at : recordedAt;
  }
  return {
    name: cassette.name,
    file: cassette.shown,
    interactions: interactions.length,
    models: [...models].sort(),
    totalTokens,
    size: cassette.size,
    recordedAt,
  };
}
