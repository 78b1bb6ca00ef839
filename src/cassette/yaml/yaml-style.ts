import type { Document } from 'yaml';
import { yamlLib } from './yaml-lib.js';

/**
 * Chooses how each multi-line string is written: a literal block (`|`), readable and
 * diff-friendly, when it survives a round trip; else double quotes. yaml 2 writes some
 * strings (a line of only spaces, as in corpus 07) as blocks that read back without the spaces
 * or do not parse at all; double quotes are always exact.
 */
export function styleMultilineStrings(document: Document): void {
  const { Scalar, visit } = yamlLib();
  visit(document, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && node.value.includes('\n')) {
        node.type = isSafeAsBlock(node.value) ? Scalar.BLOCK_LITERAL : Scalar.QUOTE_DOUBLE;
      }
    },
  });
}

// Printable characters only, and lines without leading indentation on the first line or
// whitespace at their end: exactly the strings a literal block gives back unchanged.
const UNSAFE_CHARACTER = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff]/;

function isSafeAsBlock(value: string): boolean {
  if (UNSAFE_CHARACTER.test(value) || /^\s/.test(value)) {
    return false;
  }
  return value.split('\n').every((line) => !/\s$/.test(line));
}
