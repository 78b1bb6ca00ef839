import { CassetteFormatError } from '../errors.js';
import type { CassetteFile, JsonValue, SseEvent, StoredBody } from '../types.js';
import { DeferredBlock, readYamlBytes } from '../yaml/yaml-reader.js';

/**
 * The keys `parseCassetteBytes` checks but does not build at load: the `json` of bodies and
 * of stream events, which hold nearly all of a large cassette. Matching trusts the stored
 * hashes (../match.ts), so a request body is first built when its recording answers: a large
 * cassette's parse builds and collects far fewer strings (bench/targets/load.ts).
 */
export const DEFERRED_KEYS: ReadonlySet<string> = new Set(['json']);

/**
 * Puts, in place of each `DeferredBlock` a parse left (a body's or an event's `json`), a
 * property that reads the block from `bytes` the first time it is touched and then holds the
 * value. The bytes are let go once every block has been read.
 */
export function attachDeferredJson(file: CassetteFile, bytes: Buffer, cassettePath: string): void {
  const holders: (StoredBody | SseEvent)[] = [];
  for (const { request, response } of file.interactions) {
    for (const body of [request.body, response.body]) {
      if (body && 'events' in body) {
        holders.push(...body.events);
      } else if (body) {
        holders.push(body);
      }
    }
  }
  let source: Buffer | undefined = bytes;
  let pending = 0;
  const read = (block: DeferredBlock): JsonValue => {
    const value = readYamlBytes((source as Buffer).subarray(block.start, block.end), { block: block.indent });
    if (value === undefined) {
      throw new CassetteFormatError(
        `Cannot read cassette ${cassettePath}: a body changed in memory after it was checked.`,
        { cassettePath },
      );
    }
    if (--pending === 0) {
      source = undefined;
    }
    return value.value as JsonValue;
  };
  for (const holder of holders) {
    const block = (holder as { json?: unknown }).json;
    if (block instanceof DeferredBlock) {
      pending++;
      readOnFirstUse(holder as { json: JsonValue }, () => read(block));
    }
  }
}

function readOnFirstUse(holder: { json: JsonValue }, read: () => JsonValue): void {
  const settle = (value: JsonValue): JsonValue => {
    Object.defineProperty(holder, 'json', { value, writable: true, enumerable: true, configurable: true });
    return value;
  };
  Object.defineProperty(holder, 'json', {
    get: () => settle(read()),
    set: (value: JsonValue) => {
      settle(value);
    },
    enumerable: true,
    configurable: true,
  });
}
