import { isAscii } from 'node:buffer';
import { BLOCK_BITS, SubsetReader, SUSPECT } from './yaml-subset-reader.js';
import { NOT_READ } from './yaml-scalars.js';

export { DeferredBlock } from './yaml-subset-reader.js';

/**
 * Reads the block-style YAML that `serializeCassette` writes (mappings, `- ` lists, plain and
 * quoted scalars, `|` literal blocks, `{}` and `[]`) several times faster than the `yaml`
 * package (bench/targets/load.ts measures both). It
 * does not guess at anything else: comments, anchors, tags, flow collections, multi-line plain
 * scalars, duplicate keys, CR line ends... make it return undefined, and the caller reads the
 * text with `yaml` instead. For text it reads, the value is exactly what `yaml.parse` gives
 * (test/cassette/yaml/yaml-reader.test.ts compares the two on random files and random edits).
 * @see https://github.com/spark-models/spark-models/issues/4
 */
export function readYamlSubset(text: string): { value: unknown } | undefined {
  return SUSPECT.test(text) ? undefined : read(text, {}, undefined);
}

/** Options of `readYamlBytes`. */
export interface ReadYamlBytesOptions {
  /** Read a block (mapping or list) at this column instead of a document: part of a file. */
  block?: number;
  /**
   * Keys whose nested block is checked but not built: a `DeferredBlock` with its offsets in
   * `bytes` stands in, to be read later with `block`. Checked to the same rules, so that read
   * gives the value a full read would have.
   */
  defer?: ReadonlySet<string>;
}

/**
 * `readYamlSubset` for UTF-8 bytes, which it reads as latin1 (one byte a character, much
 * quicker to decode than UTF-8 once a few characters are not ASCII): the structure is
 * all ASCII, so only the scalars holding bytes above 0x7f are decoded again, as UTF-8. Which
 * those may be is found per 4 KB block with the native `isAscii`, so most are never scanned in JS.
 */
export function readYamlBytes(bytes: Uint8Array, options: ReadYamlBytesOptions = {}): { value: unknown } | undefined {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let highBlocks: Uint8Array | undefined;
  if (!isAscii(buffer)) {
    const size = 1 << BLOCK_BITS;
    highBlocks = new Uint8Array(Math.ceil(buffer.length / size));
    for (let i = 0; i < highBlocks.length; i++) {
      highBlocks[i] = isAscii(buffer.subarray(i * size, (i + 1) * size)) ? 0 : 1;
    }
  }
  return read(buffer.toString('latin1'), { highBlocks, deferKeys: options.defer }, options.block);
}

function read(
  text: string,
  options: ConstructorParameters<typeof SubsetReader>[1],
  block: number | undefined,
): { value: unknown } | undefined {
  if (!text.endsWith('\n') || text.includes('\r')) {
    return undefined;
  }
  const value = new SubsetReader(text, options).read(block);
  return value === NOT_READ ? undefined : { value };
}
