/**
 * Position helpers of the YAML subset reader (yaml-subset-reader.ts): each looks at the text
 * from a position and allocates nothing.
 */

/** Spaces at `pos` (the start of a line). */
export function leadingSpaces(text: string, pos: number): number {
  let i = pos;
  while (text.charCodeAt(i) === 0x20) {
    i++;
  }
  return i - pos;
}

/** The colon ending a plain key that starts at `start` (followed by a space or the line end), or -1. */
export function keyColon(text: string, start: number): number {
  const end = text.indexOf('\n', start);
  for (let colon = text.indexOf(':', start); colon !== -1 && colon < end; colon = text.indexOf(':', colon + 1)) {
    const after = text.charCodeAt(colon + 1);
    if (after === 0x20 || after === 0x0a) {
      return colon;
    }
  }
  return -1;
}

/** The closing quote of a scalar opened at `start`, before `end`, or -1. */
export function closingQuote(text: string, start: number, end: number): number {
  const quote = text[start] as string;
  for (let i = text.indexOf(quote, start + 1); i !== -1 && i < end; i = text.indexOf(quote, i + 1)) {
    if (quote === "'") {
      if (text.charCodeAt(i + 1) !== 0x27) {
        return i;
      }
      i++;
      continue;
    }
    let backslashes = 0;
    while (text.charCodeAt(i - 1 - backslashes) === 0x5c) {
      backslashes++;
    }
    if (backslashes % 2 === 0) {
      return i;
    }
  }
  return -1;
}

/**
 * Whether each line after the first of a quoted scalar from `start` to `close` is empty or
 * indented past the container's column `indent`, as yaml requires.
 */
export function continuationsIndented(text: string, start: number, close: number, indent: number): boolean {
  for (let nl = text.indexOf('\n', start); nl !== -1 && nl < close; nl = text.indexOf('\n', nl + 1)) {
    if (text.charCodeAt(nl + 1) !== 0x0a && leadingSpaces(text, nl + 1) <= indent) {
      return false;
    }
  }
  return true;
}

/**
 * The lines of a literal block from `from` whose content is indented `blockIndent`: `end` is
 * just past them (blank lines included), `contentEnd` just past the last non-blank one.
 * A JS loop over line starts with `indexOf` to each line end: quicker than `startsWith(pad)`
 * or one sticky regex on the many blocks of a large cassette.
 */
export function literalLines(text: string, from: number, blockIndent: number): { end: number; contentEnd: number } {
  let end = from;
  let contentEnd = from;
  while (end < text.length) {
    if (text.charCodeAt(end) === 0x0a) {
      end++;
      continue;
    }
    let spaces = 0;
    while (spaces < blockIndent && text.charCodeAt(end + spaces) === 0x20) {
      spaces++;
    }
    if (spaces < blockIndent) {
      break;
    }
    const lineEnd = text.indexOf('\n', end + spaces);
    const last = text.charCodeAt(lineEnd - 1);
    // A line of only spaces, or one ending in blanks, is never written (yaml-style.ts), and
    // yaml reads some as blank lines: it ends the block here, and the caller refuses the text.
    if (lineEnd === end + spaces || last === 0x20 || last === 0x09) {
      break;
    }
    end = lineEnd + 1;
    contentEnd = end;
  }
  return { end, contentEnd };
}

/**
 * Where a key that is one word ends (its colon), or -1: a letter or `_`, then letters, digits,
 * `_` and `-`, then `: ` or `:` at the line end. Such a key is a plain string to yaml unless it
 * could be `null`, `true` or `false` in some case, which the first letter rules out. Most keys
 * are words, and this skips the general path's regex.
 */
export function wordKeyEnd(text: string, start: number): number {
  let code = text.charCodeAt(start);
  const lower = code | 0x20;
  if (!((lower >= 0x61 && lower <= 0x7a) || code === 0x5f) || lower === 0x6e || lower === 0x74 || lower === 0x66) {
    return -1;
  }
  let i = start;
  do {
    code = text.charCodeAt(++i);
  } while (
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x30 && code <= 0x39) ||
    code === 0x5f ||
    code === 0x2d
  );
  const after = text.charCodeAt(i + 1);
  return code === 0x3a && (after === 0x20 || after === 0x0a) ? i : -1;
}

/** Whether `start` to `end` touches a 4 KB block (`BLOCK_BITS`) marked as holding bytes above 0x7f. */
export function inHighBlock(blocks: Uint8Array, start: number, end: number, bits: number): boolean {
  for (let block = start >> bits; block <= end >> bits; block++) {
    if (blocks[block] === 1) {
      return true;
    }
  }
  return false;
}
