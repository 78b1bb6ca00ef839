import { modelToEncodingMap } from 'gpt-tokenizer/mapping';
import * as modelSpecs from 'gpt-tokenizer/models';

/** A model spec as gpt-tokenizer ships it; only the fields spark-models reads. */
export interface TokenizerModelSpec {
  context_window?: number;
}

const SPECS = modelSpecs as unknown as Readonly<Record<string, TokenizerModelSpec | undefined>>;
const ENCODINGS = modelToEncodingMap as Readonly<Record<string, string | undefined>>;

/** True when gpt-tokenizer knows `name` from its encoding map or its model specs. */
function isKnownModelName(name: string): boolean {
  // hasOwn: the encoding map is a plain object, so "constructor" would otherwise match.
  return Object.hasOwn(ENCODINGS, name) || Object.hasOwn(SPECS, name);
}

/**
 * The names `modelId` may be known by, most specific first: the id itself, then with one
 * trailing `-segment` removed at a time ("gpt-4o-2099-01-01" → … → "gpt-4o" → "gpt").
 * Fine-tuned ids (`ft:gpt-4o-mini:org::id`) use their base model, provider prefixes
 * (`openai/gpt-4o`) are dropped and Azure's `gpt-35-*` deployments read as `gpt-3.5-*`.
 */
function candidateModelNames(modelId: string): string[] {
  let id = modelId.trim().toLowerCase();
  if (id.startsWith('ft:')) {
    id = id.slice(3).split(':')[0] ?? '';
  }
  id = id.slice(id.lastIndexOf('/') + 1).replace(/^gpt-35(?=-|$)/, 'gpt-3.5');
  const names: string[] = [];
  for (let name = id; name.length > 0; name = name.slice(0, Math.max(0, name.lastIndexOf('-')))) {
    names.push(name);
  }
  return names;
}

/**
 * The gpt-tokenizer model name that `modelId` refers to (itself, or the nearest known
 * prefix for dated and fine-tuned variants), or `undefined` when no prefix is known.
 */
export function resolveModelName(modelId: string): string | undefined {
  return candidateModelNames(modelId).find(isKnownModelName);
}

/** The encoding gpt-tokenizer assigns to a known model name, if it lists one. */
export function listedEncoding(name: string): string | undefined {
  return Object.hasOwn(ENCODINGS, name) ? ENCODINGS[name] : undefined;
}

/** The gpt-tokenizer spec of a known model name, if it ships one. */
export function modelSpec(name: string): TokenizerModelSpec | undefined {
  return Object.hasOwn(SPECS, name) ? SPECS[name] : undefined;
}
