import { readFileSync } from 'node:fs';
import { VERSION as OPENAI_VERSION } from 'openai/version';
import type { Provenance, RecordedInteraction } from './types.js';

let toolkitVersion: string | undefined;

/**
 * Who wrote a cassette: the toolkit and `openai` SDK versions, and the models its requests
 * named (sorted, so the block is stable).
 */
export function provenanceOf(interactions: readonly RecordedInteraction[]): Provenance {
  const models = new Set<string>();
  for (const { request } of interactions) {
    const model = request.body && 'json' in request.body ? modelOf(request.body.json) : undefined;
    if (model) {
      models.add(model);
    }
  }
  return { toolkit: `spark-models ${readToolkitVersion()}`, openai: OPENAI_VERSION, models: [...models].sort() };
}

function modelOf(body: unknown): string | undefined {
  const model = typeof body === 'object' && body !== null ? (body as { model?: unknown }).model : undefined;
  return typeof model === 'string' ? model : undefined;
}

// package.json sits two levels up from both src/cassette and dist/cassette.
function readToolkitVersion(): string {
  if (toolkitVersion === undefined) {
    try {
      const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
        version?: unknown;
      };
      toolkitVersion = typeof manifest.version === 'string' ? manifest.version : 'unknown';
    } catch {
      toolkitVersion = 'unknown';
    }
  }
  return toolkitVersion;
}
