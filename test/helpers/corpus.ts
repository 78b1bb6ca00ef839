import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** One real HTTP exchange from the OpenAI wire corpus (test/fixtures/openai-corpus). */
export interface CorpusExchange {
  file: string;
  request: { method: string; url: string; headers: Record<string, string>; body: unknown };
  response: {
    status: number;
    headers: Record<string, string | string[]>;
    body: string;
    bodyEncoding?: 'base64';
  };
}

export const CORPUS_DIR = fileURLToPath(new URL('../fixtures/openai-corpus/', import.meta.url));

/** Loads a corpus exchange by its number prefix ("01") or file name. */
export function loadCorpus(id: string): CorpusExchange {
  const file = readdirSync(CORPUS_DIR).find((name) => name.startsWith(id));
  if (!file) {
    throw new Error(`no corpus file starts with "${id}"`);
  }
  return { file, ...JSON.parse(readFileSync(CORPUS_DIR + file, 'utf8')) } as CorpusExchange;
}

/** The exact response bytes as the server sent them (gzip bytes for base64 bodies). */
export function corpusBodyBytes(exchange: CorpusExchange): Buffer {
  const { body, bodyEncoding } = exchange.response;
  return bodyEncoding === 'base64' ? Buffer.from(body, 'base64') : Buffer.from(body, 'utf8');
}
