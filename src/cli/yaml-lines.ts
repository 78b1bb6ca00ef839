import { LineCounter, parseDocument, type Document } from 'yaml';
import type { DataPath } from './walk-strings.js';

/**
 * Finds the line of a data path in a cassette's YAML text, for problem reports. The document
 * is parsed with positions only when the first line is asked for (only files with problems).
 */
export function lineLocator(text: string): (path: DataPath) => number | undefined {
  let parsed: { document: Document; lines: LineCounter } | undefined;
  return (path) => {
    if (!parsed) {
      const lines = new LineCounter();
      parsed = { document: parseDocument(text, { lineCounter: lines, merge: false }), lines };
    }
    // The deepest node that exists: a value, else its nearest parent.
    for (let depth = path.length; depth >= 0; depth--) {
      const node = parsed.document.getIn(path.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
      if (node?.range) {
        return parsed.lines.linePos(node.range[0]).line;
      }
    }
    return undefined;
  };
}
