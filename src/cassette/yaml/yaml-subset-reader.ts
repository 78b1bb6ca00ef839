import {
  closingQuote,
  continuationsIndented,
  inHighBlock,
  keyColon,
  leadingSpaces,
  literalLines,
  wordKeyEnd,
} from './yaml-lines.js';
import { doubleQuoted, NOT_READ, plainKey, plainScalar, singleQuoted } from './yaml-scalars.js';

// Characters that yaml reads differently from their plain meaning, or that may be the bytes
// of one (C1 controls, NEL, line and paragraph separators, BOM): their text goes to `yaml`.
export const SUSPECT = /[\u0080-\u009f\u2028\u2029\ufeff]/;
const HIGH = /[\u0080-\u00ff]/;

/** Bytes per block of the high-byte map (`readYamlBytes`). */
export const BLOCK_BITS = 12;

/** What a value checked but not built reads as (inside a deferred block). */
const SCANNED: unique symbol = Symbol('scanned');

/** A nested block checked but left unbuilt: where it is, to be read when first needed. */
export class DeferredBlock {
  /** Offset of its first line. */
  readonly start: number;
  /** Offset just past its last line. */
  readonly end: number;
  /** The column of its keys or dashes. */
  readonly indent: number;

  constructor(start: number, end: number, indent: number) {
    this.start = start;
    this.end = end;
    this.indent = indent;
  }
}

/** How a `SubsetReader` reads. */
export interface SubsetReaderOptions {
  /** For latin1 text: the 4 KB blocks holding bytes above 0x7f. */
  highBlocks?: Uint8Array | undefined;
  /**
   * Keys whose nested block (a mapping or list on the next lines) is checked as thoroughly
   * but not built: a `DeferredBlock` stands in for the value.
   */
  deferKeys?: ReadonlySet<string> | undefined;
}

/**
 * The parser behind `yaml-reader.ts`: line by line over a string, each method returning the
 * value it read or `NOT_READ` for anything outside the subset. Inside a deferred block it
 * runs the same checks without building anything (`#build` off), so a file it accepts with
 * deferred blocks reads the same when they are built later.
 */
export class SubsetReader {
  readonly #text: string;
  readonly #highBlocks: Uint8Array | undefined;
  readonly #deferKeys: ReadonlySet<string> | undefined;
  // Start of the current line.
  #pos = 0;
  #build = true;
  // Where the last key read ends (after its colon).
  #keyEnd = 0;

  constructor(text: string, options: SubsetReaderOptions = {}) {
    this.#text = text;
    this.#highBlocks = options.highBlocks;
    this.#deferKeys = options.deferKeys;
  }

  /** The whole text as a mapping at column 0, or as a block (mapping or list) at `blockIndent`. */
  read(blockIndent: number | undefined): unknown {
    const indent = this.#indent();
    let value: unknown = NOT_READ;
    if (blockIndent === undefined) {
      value = indent === 0 && !this.#isDash(0) ? this.#mapping(0, 0) : NOT_READ;
    } else if (indent === blockIndent) {
      value = this.#block(indent);
    }
    return this.#pos === this.#text.length ? value : NOT_READ;
  }

  // A mapping or list whose first line is the current one, at column `indent`.
  #block(indent: number): unknown {
    if (this.#isDash(indent)) {
      return this.#list(indent);
    }
    const first = this.#pos + indent;
    return this.#isKeyLine(first) ? this.#mapping(indent, first) : NOT_READ;
  }

  // A block mapping whose keys sit at column `indent`; the first key starts at `first` (after
  // `- ` for a mapping inside a list item).
  #mapping(indent: number, first: number): unknown {
    const build = this.#build;
    const map: Record<string, unknown> = {};
    // Unbuilt, only the keys are kept, to refuse duplicates as yaml does (`uniqueKeys`): in a
    // list while there are few (quicker than a Set for a handful of keys), then a Set.
    let seen: string[] | Set<string> | undefined = build ? undefined : [];
    for (let start = first; ; start = this.#pos + indent) {
      const key = this.#key(start);
      const duplicate =
        seen === undefined
          ? Object.hasOwn(map, key as string)
          : Array.isArray(seen)
            ? seen.includes(key as string)
            : seen.has(key as string);
      if (key === NOT_READ || duplicate) {
        return NOT_READ;
      }
      const value = this.#valueAfter(this.#keyEnd, indent, key);
      if (value === NOT_READ) {
        return NOT_READ;
      }
      if (seen === undefined) {
        map[key] = value;
      } else if (Array.isArray(seen)) {
        seen.push(key);
        seen = seen.length > 32 ? new Set(seen) : seen;
      } else {
        seen.add(key);
      }
      if (this.#pos >= this.#text.length) {
        return build ? map : SCANNED;
      }
      const next = this.#indent();
      if (next < indent) {
        return build ? map : SCANNED;
      }
      if (next > indent || this.#isDash(next)) {
        return NOT_READ;
      }
    }
  }

  // A block list whose dashes sit at column `indent`.
  #list(indent: number): unknown {
    const build = this.#build;
    const list: unknown[] = [];
    for (;;) {
      const text = this.#text;
      const dash = this.#pos + indent;
      const after = text.charCodeAt(dash + 1);
      let item: unknown;
      if (after === 0x0a) {
        this.#pos = dash + 2;
        item = this.#nested(indent, true);
      } else if (after !== 0x20) {
        return NOT_READ;
      } else if (this.#isDash(indent + 2)) {
        // `- - x`: a list in a list starts on the same line, one column step in.
        item = this.#list(indent + 2);
      } else {
        item = this.#isKeyLine(dash + 2) ? this.#mapping(indent + 2, dash + 2) : this.#inline(dash + 2, indent);
      }
      if (item === NOT_READ) {
        return NOT_READ;
      }
      if (build) {
        list.push(item);
      }
      if (this.#pos >= text.length) {
        return build ? list : SCANNED;
      }
      const next = this.#indent();
      if (next < indent) {
        return build ? list : SCANNED;
      }
      if (next > indent || !this.#isDash(next)) {
        return NOT_READ;
      }
    }
  }

  // The value of `key`, from `afterColon`, in a mapping at column `indent`.
  #valueAfter(afterColon: number, indent: number, key: string): unknown {
    const code = this.#text.charCodeAt(afterColon);
    if (code !== 0x0a) {
      return code === 0x20 ? this.#inline(afterColon + 1, indent) : NOT_READ;
    }
    this.#pos = afterColon + 1;
    const start = this.#pos;
    const deferred = this.#build && this.#deferKeys?.has(key) === true && start < this.#text.length;
    const blockIndent = deferred ? this.#indent() : 0;
    if (!deferred || blockIndent <= indent) {
      return this.#nested(indent);
    }
    this.#build = false;
    const checked = this.#nested(indent);
    this.#build = true;
    return checked === NOT_READ ? NOT_READ : new DeferredBlock(start, this.#pos, blockIndent);
  }

  // A mapping or list on the following lines, indented more than `parent`; null when none.
  #nested(parent: number, inList = false): unknown {
    if (this.#pos >= this.#text.length) {
      return null;
    }
    const indent = this.#indent();
    if (indent <= parent) {
      // `key:` or `-` with nothing under it is null; a list at a key's own column is left to yaml.
      return indent === parent && this.#isDash(indent) && !inList ? NOT_READ : null;
    }
    return this.#block(indent);
  }

  // A value that starts on this line at `start`, in a container at column `indent`.
  #inline(start: number, indent: number): unknown {
    const text = this.#text;
    const end = text.indexOf('\n', start);
    const code = text.charCodeAt(start);
    let value: unknown;
    if (code === 0x22) {
      // It may go on over more lines (see `doubleQuoted`), each indented past the container.
      const close = closingQuote(text, start, text.length);
      if (close === -1 || text.charCodeAt(close + 1) !== 0x0a || !continuationsIndented(text, start, close, indent)) {
        return NOT_READ;
      }
      const inside = this.#decoded(text.slice(start + 1, close), start, close);
      this.#pos = close + 2;
      const unquoted = inside === NOT_READ ? NOT_READ : doubleQuoted(inside);
      return unquoted === NOT_READ ? NOT_READ : own(unquoted);
    } else if (code === 0x27) {
      const close = closingQuote(text, start, end);
      const inside = close === end - 1 ? this.#decoded(text.slice(start + 1, close), start, close) : NOT_READ;
      value = inside === NOT_READ ? NOT_READ : singleQuoted(inside);
    } else if (code === 0x7c) {
      return this.#literal(text.slice(start + 1, end), end + 1, indent);
    } else if (code === 0x7b || code === 0x5b) {
      value = end === start + 2 && text.charCodeAt(start + 1) === code + 2 ? (code === 0x7b ? {} : []) : NOT_READ;
    } else {
      const raw = this.#decoded(text.slice(start, end), start, end);
      value = raw === NOT_READ ? NOT_READ : plainScalar(raw);
    }
    this.#pos = end + 1;
    return typeof value === 'string' ? own(value) : value;
  }

  // A `|` block: its lines are those indented more than `indent`, and blank lines between.
  #literal(header: string, from: number, indent: number): unknown {
    const chomp = header === '' ? 'clip' : header === '-' ? 'strip' : header === '+' ? 'keep' : undefined;
    const text = this.#text;
    this.#pos = from;
    const blockIndent = from < text.length ? this.#indent() : 0;
    if (chomp === undefined || blockIndent <= indent || text.charCodeAt(from + blockIndent) === 0x0a) {
      return NOT_READ;
    }
    const { end, contentEnd } = literalLines(text, from, blockIndent);
    this.#pos = end;
    // The next line must close the block at a container's column.
    if (contentEnd === from || (end < text.length && this.#indent() > indent)) {
      return NOT_READ;
    }
    if (!this.#build) {
      return this.#decoded(text.slice(from, contentEnd), from, contentEnd) === NOT_READ ? NOT_READ : SCANNED;
    }
    // Chomping: strip drops the last line break, clip keeps it, keep also keeps the blank lines.
    const raw = text.slice(
      from + blockIndent,
      chomp === 'strip' ? contentEnd - 1 : chomp === 'clip' ? contentEnd : end,
    );
    const body = raw.replaceAll(`\n${' '.repeat(blockIndent)}`, '\n');
    const value = this.#decoded(body, from, contentEnd);
    // A block of one line comes back as the slice itself (see `own`).
    return value === raw ? own(value) : value;
  }

  // The key starting at `start` on this line (and `#keyEnd`, just past its colon).
  #key(start: number): string | typeof NOT_READ {
    const text = this.#text;
    const code = text.charCodeAt(start);
    if (code === 0x22 || code === 0x27) {
      const close = closingQuote(text, start, text.indexOf('\n', start));
      if (close === -1 || text.charCodeAt(close + 1) !== 0x3a) {
        return NOT_READ;
      }
      const inside = this.#decoded(text.slice(start + 1, close), start, close);
      const name = inside === NOT_READ ? NOT_READ : code === 0x22 ? doubleQuoted(inside) : singleQuoted(inside);
      this.#keyEnd = close + 2;
      return name === '__proto__' ? NOT_READ : name;
    }
    const word = wordKeyEnd(text, start);
    if (word !== -1) {
      this.#keyEnd = word + 1;
      const name = text.slice(start, word);
      return name === '__proto__' ? NOT_READ : name;
    }
    const colon = keyColon(text, start);
    if (colon === -1) {
      return NOT_READ;
    }
    const raw = this.#decoded(text.slice(start, colon), start, colon);
    // `--- ` and `... ` at a line start are document markers, not keys.
    if (raw === NOT_READ || (start === this.#pos && (raw.startsWith('---') || raw.startsWith('...')))) {
      return NOT_READ;
    }
    this.#keyEnd = colon + 1;
    return plainKey(raw);
  }

  // Whether the line from `start` holds a key (so a mapping starts there), not a scalar.
  #isKeyLine(start: number): boolean {
    const text = this.#text;
    const code = text.charCodeAt(start);
    if (code !== 0x22 && code !== 0x27) {
      return keyColon(text, start) !== -1;
    }
    const close = closingQuote(text, start, text.indexOf('\n', start));
    return close !== -1 && text.charCodeAt(close + 1) === 0x3a;
  }

  // Scalar text as UTF-8 when it was read as latin1; `NOT_READ` for characters left to yaml.
  #decoded(raw: string, start: number, end: number): string | typeof NOT_READ {
    const blocks = this.#highBlocks;
    if (blocks === undefined || !inHighBlock(blocks, start, end, BLOCK_BITS) || !HIGH.test(raw)) {
      return raw;
    }
    const value = Buffer.from(raw, 'latin1').toString('utf8');
    return SUSPECT.test(value) ? NOT_READ : value;
  }

  // A `- ` (or a lone `-`) at `column` of the current line: a list item, not a `-x` scalar.
  #isDash(column: number): boolean {
    const text = this.#text;
    const at = this.#pos + column;
    const after = text.charCodeAt(at + 1);
    return text.charCodeAt(at) === 0x2d && (after === 0x20 || after === 0x0a);
  }

  #indent(): number {
    return leadingSpaces(this.#text, this.#pos);
  }
}

/**
 * `value` in a string of its own. A slice of the text (or a concatenation holding one) keeps
 * the whole text alive: all of a large cassette, which a replay would hold on to through a few
 * header values. Prefixing and slicing makes V8 copy it, cheaply for such short strings.
 */
function own(value: string): string {
  return value.length < 13 ? value : (' ' + value).slice(1);
}
