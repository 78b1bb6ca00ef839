import { CassetteFormatError } from '../errors.js';
import { parseCassetteBytes } from '../format.js';
import type { InteractionHead } from './interaction-ranges.js';
import type { RecordedInteraction, RecordedRequest } from '../types.js';
import { validateInteraction } from '../validate.js';
import { readYamlBytes } from '../yaml/yaml-reader.js';

/**
 * The interactions of a cassette file known from its parsed-form cache. `id`, `hash`,
 * `recordedAt` and the request's `method` and `url` are there at once (enough to match and to
 * report unused recordings); the request's `headers` and `body` and the `response` are read
 * from the file's bytes the first time one is touched.
 * All are own enumerable properties, so spreading, `JSON.stringify` and equality see plain
 * objects. The bytes are let go once every interaction has been read.
 */
export function lazyInteractions(
  bytes: Buffer,
  heads: readonly InteractionHead[],
  cassettePath: string,
): RecordedInteraction[] {
  let source: Buffer | undefined = bytes;
  let pending = heads.length;
  let whole: RecordedInteraction[] | undefined;
  const read = (head: InteractionHead, index: number): RecordedInteraction => {
    const halves = readOne(source as Buffer, head, index) ?? fromWhole(index);
    if (--pending === 0) {
      source = undefined;
      whole = undefined;
    }
    return halves;
  };
  // The cache and the file disagree (it cannot happen unless one was edited by hand): read
  // the whole file, which throws CassetteFormatError if it is broken.
  const fromWhole = (index: number): RecordedInteraction => {
    whole ??= parseCassetteBytes(source as Buffer, cassettePath).interactions;
    const found = whole[index];
    if (!found || !matchesHead(found, heads[index] as InteractionHead)) {
      throw new CassetteFormatError(
        `Cannot read cassette ${cassettePath}: interaction #${index + 1} is not where its parsed-form cache says. ` +
          'Delete the cache (.spark-cache/parsed-cassettes) and run again.',
        { cassettePath },
      );
    }
    return found;
  };
  return heads.map((head, index) => lazyInteraction(head, () => read(head, index)));
}

function lazyInteraction(head: InteractionHead, read: () => RecordedInteraction): RecordedInteraction {
  const request = { method: head.method, url: head.url } as RecordedRequest;
  const interaction = { id: head.id, hash: head.hash, request } as RecordedInteraction;
  let settled = false;
  const settle = (): void => {
    if (settled) {
      return;
    }
    settled = true;
    const full = read();
    define(request, 'headers', full.request.headers);
    if (full.request.body !== undefined) {
      define(request, 'body', full.request.body);
    }
    define(interaction, 'response', full.response);
  };
  const later = <T extends object>(target: T, key: keyof T & string): void => {
    Object.defineProperty(target, key, {
      get: () => (settle(), target[key]),
      set: (value: unknown) => {
        settle();
        define(target, key, value);
      },
      enumerable: true,
      configurable: true,
    });
  };
  later(request, 'headers');
  if (head.hasBody) {
    later(request, 'body');
  }
  later(interaction, 'response');
  interaction.recordedAt = head.recordedAt;
  return interaction;
}

function define(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

// One interaction from its bytes, checked against the cache's head; undefined if they differ.
function readOne(bytes: Buffer, head: InteractionHead, index: number): RecordedInteraction | undefined {
  const read = readYamlBytes(bytes.subarray(head.start, head.end), { block: 2 });
  const item =
    Array.isArray(read?.value) && read.value.length === 1 ? (read.value[0] as RecordedInteraction) : undefined;
  return item !== undefined && validateInteraction(item, index) === undefined && matchesHead(item, head)
    ? item
    : undefined;
}

function matchesHead({ id, hash, recordedAt, request }: RecordedInteraction, head: InteractionHead): boolean {
  return (
    id === head.id &&
    hash === head.hash &&
    recordedAt === head.recordedAt &&
    request.method === head.method &&
    request.url === head.url &&
    (request.body !== undefined) === head.hasBody
  );
}
