import { align } from './align.js';

/** A run of text in a text diff: kept, removed from the old text, or added in the new. */
export interface TextPart {
  kind: 'same' | 'removed' | 'added';
  text: string;
}

// Words, runs of white space, and each other character on its own (punctuation, symbols).
const TOKENS = /\s+|[\p{L}\p{N}_]+|[^\s\p{L}\p{N}_]/gu;

/**
 * What changed from `before` to `after`, word by word: runs of kept, removed and added text
 * that read back as either side (the kept and removed runs give `before`, the kept and added
 * runs give `after`).
 */
export function diffText(before: string, after: string): TextPart[] {
  const a = before.match(TOKENS) ?? [];
  const b = after.match(TOKENS) ?? [];
  const parts: TextPart[] = [];
  const push = (kind: TextPart['kind'], text: string): void => {
    const last = parts.at(-1);
    if (last?.kind === kind) {
      last.text += text;
    } else {
      parts.push({ kind, text });
    }
  };
  for (const step of align(a, b)) {
    if (step.kind === 'both') {
      push('same', a[step.before] as string);
    } else {
      push(step.kind === 'before' ? 'removed' : 'added', (step.kind === 'before' ? a : b)[step.index] as string);
    }
  }
  return joinChanges(parts);
}

// White space between two changes joins them ("[-with light snow-]", not three marks), and
// each change reads as its removed text, then its added text.
function joinChanges(parts: readonly TextPart[]): TextPart[] {
  const out: TextPart[] = [];
  let removed = '';
  let added = '';
  const flush = (): void => {
    if (removed) {
      out.push({ kind: 'removed', text: removed });
    }
    if (added) {
      out.push({ kind: 'added', text: added });
    }
    removed = added = '';
  };
  parts.forEach((part, i) => {
    const between = i > 0 && i < parts.length - 1 && /^\s+$/.test(part.text) && !part.text.includes('\n');
    if (part.kind === 'same' && !between) {
      flush();
      out.push({ ...part });
    } else {
      removed += part.kind === 'added' ? '' : part.text;
      added += part.kind === 'removed' ? '' : part.text;
    }
  });
  flush();
  return out;
}
