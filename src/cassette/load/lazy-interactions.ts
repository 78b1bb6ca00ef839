import { CassetteFormatError } from '../errors.js';
import { parseCassetteBytes } from '../format.js';
import type { InteractionHead } from './interaction-ranges.js';
import type { RecordedInteraction, RecordedRequest, RecordedResponse } from '../types.js';
import { validateInteraction, validateResponse } from '../validate.js';
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
  bytes: Buffer | (() => Buffer),
  heads: readonly InteractionHead[],
  cassettePath: string,
): RecordedInteraction[] {
  // Read when first needed, if given as a function (load/read-cassette.ts).
  let loaded: Buffer | undefined = typeof bytes === 'function' ? undefined : bytes;
  let done = false;
  const source = (): Buffer | undefined => {
    if (!done && loaded === undefined) {
      loaded = (bytes as () => Buffer)();
    }
    return loaded;
  };
  let pending = heads.length;
  let whole: RecordedInteraction[] | undefined;
  const read = (head: InteractionHead, index: number): RecordedInteraction => {
    const halves = readOne(source() as Buffer, head, index) ?? fromWhole(index);
    if (--pending === 0) {
      done = true;
      loaded = undefined;
      whole = undefined;
    }
    return halves;
  };
  // The cache and the file disagree (it cannot happen unless one was edited by hand): read
  // the whole file, which throws CassetteFormatError if it is broken.
  const fromWhole = (index: number): RecordedInteraction => {
    whole ??= parseCassetteBytes(source() as Buffer, cassettePath).interactions;
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
  // A replay touches only the response: read alone, it spares reading the request's body.
  const readResponse = (head: InteractionHead, index: number): RecordedResponse | undefined => {
    const from = source();
    return from ? readResponseOnly(from, head, index) : undefined;
  };
  return heads.map((head, index) =>
    lazyInteraction(
      head,
      () => read(head, index),
      () => readResponse(head, index),
    ),
  );
}

function lazyInteraction(
  head: InteractionHead,
  read: () => RecordedInteraction,
  readResponse: () => RecordedResponse | undefined,
): RecordedInteraction {
  const request = { method: head.method, url: head.url } as RecordedRequest;
  const interaction = { id: head.id, hash: head.hash, request } as RecordedInteraction;
  let settled = false;
  let responseRead = false;
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
    if (!responseRead) {
      define(interaction, 'response', full.response);
    }
  };
  const later = <T extends object>(target: T, key: keyof T & string, settleIt: () => void): void => {
    Object.defineProperty(target, key, {
      get: () => (settleIt(), target[key]),
      set: (value: unknown) => {
        settleIt();
        define(target, key, value);
      },
      enumerable: true,
      configurable: true,
    });
  };
  later(request, 'headers', settle);
  if (head.hasBody) {
    later(request, 'body', settle);
  }
  later(interaction, 'response', () => {
    const response = settled ? undefined : readResponse();
    if (response) {
      responseRead = true;
      define(interaction, 'response', response);
    } else {
      settle();
    }
  });
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

const RESPONSE_KEY = Buffer.from('\n    response:\n');

/**
 * The response of an interaction read from its own lines: the block under `    response:` (as
 * `serializeCassette` writes it), up to the interaction's next key. Undefined when the lines are
 * laid out otherwise, or do not read as a valid response: the whole interaction is read then.
 */
function readResponseOnly(bytes: Buffer, head: InteractionHead, index: number): RecordedResponse | undefined {
  // Searched from the end: the response follows the request's (much larger) body.
  const from = bytes.lastIndexOf(RESPONSE_KEY, head.end - RESPONSE_KEY.length);
  if (from < head.start) {
    return undefined;
  }
  const start = from + 1;
  // The block is every line after it indented six spaces or more, or blank; it ends at the
  // interaction's next key (indented four) or at the interaction's end.
  let end = start + RESPONSE_KEY.length - 1;
  while (end < head.end && lineIndent(bytes, end) >= 6) {
    const newline = bytes.indexOf(10, end);
    if (newline === -1) {
      return undefined;
    }
    end = newline + 1;
  }
  if (end <= start || end > head.end || (end < head.end && lineIndent(bytes, end) !== 4)) {
    return undefined;
  }
  const read = readYamlBytes(bytes.subarray(start, end), { block: 4 });
  const response = (read?.value as { response?: unknown } | undefined)?.response;
  return response !== undefined && validateResponse(response, index) === undefined
    ? (response as RecordedResponse)
    : undefined;
}

// The indent of the line starting at `at`; a blank line counts as indented without end.
function lineIndent(bytes: Buffer, at: number): number {
  let i = at;
  while (bytes[i] === 32) {
    i++;
  }
  return bytes[i] === 10 ? Number.POSITIVE_INFINITY : i - at;
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
