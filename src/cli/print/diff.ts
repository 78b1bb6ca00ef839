import type { DiffResult } from '../commands/diff.js';
import type { TextPart } from '../diff/text-diff.js';
import type { CassetteDiff, Change, InteractionDiff, ToolCallChange } from '../diff/types.js';
import type { ErrorView } from '../transcript/types.js';
import { formatProblems, plural } from './problems.js';
import { formatUsage } from './show.js';
import type { Style } from './style.js';

const LABEL_WIDTH = 11;
const INDENT = '    ';

/**
 * `diff`: per cassette that differs, each interaction changed, added or removed, with what
 * changed in it; then a one-line summary. Changed words are marked `[-old-]` and `{+new+}`,
 * as `git diff --word-diff` marks them, or shown inverted on a terminal.
 */
export function formatDiff(result: DiffResult, style: Style): string {
  const blocks = result.cassettes.map((cassette) => formatCassette(cassette, style));
  if (result.problems.length > 0) {
    blocks.unshift(formatProblems(result.problems, style));
  }
  blocks.push(summary(result, style));
  return blocks.join('\n\n');
}

function summary(result: DiffResult, style: Style): string {
  const compared = result.cassettes.length + result.unchanged;
  if (result.problems.length > 0) {
    return `${style.red('✗')} ${plural(result.problems.length, 'cassette')} could not be read; ${plural(compared, 'cassette')} compared.`;
  }
  if (result.cassettes.length === 0) {
    return compared === 0
      ? 'No cassettes found on either side.'
      : `${style.green('✓')} No differences: ${plural(compared, 'cassette')} compared.`;
  }
  const totals = { changed: 0, added: 0, removed: 0 };
  for (const { counts } of result.cassettes) {
    totals.changed += counts.changed;
    totals.added += counts.added;
    totals.removed += counts.removed;
  }
  const parts = [
    `${plural(totals.changed, 'interaction')} changed`,
    `${totals.added} added`,
    `${totals.removed} removed`,
  ];
  return `${style.red('✗')} ${plural(result.cassettes.length, 'cassette')} ${result.cassettes.length === 1 ? 'differs' : 'differ'}: ${parts.join(', ')} (${plural(compared, 'cassette')} compared).`;
}

function formatCassette(cassette: CassetteDiff, style: Style): string {
  const { counts } = cassette;
  const title =
    cassette.change === 'added'
      ? `${style.green('+')} ${style.bold(cassette.after ?? '')}  ${style.dim(`new cassette, ${plural(counts.added, 'interaction')}`)}`
      : cassette.change === 'removed'
        ? `${style.red('-')} ${style.bold(cassette.before ?? '')}  ${style.dim(`deleted, ${plural(counts.removed, 'interaction')}`)}`
        : `${style.bold(cassette.after ?? '')}  ${style.dim(`against ${cassette.before}: ${counts.changed} changed, ${counts.added} added, ${counts.removed} removed, ${counts.same} same`)}`;
  if (cassette.change !== 'changed') {
    return title;
  }
  return [title, ...cassette.interactions.map((interaction) => formatInteraction(interaction, style))].join('\n');
}

function formatInteraction(diff: InteractionDiff, style: Style): string {
  const position =
    diff.before && diff.after && diff.before.index !== diff.after.index
      ? `#${diff.before.index + 1} → #${diff.after.index + 1}`
      : `#${((diff.after ?? diff.before)?.index ?? 0) + 1}`;
  const mark = {
    changed: style.yellow('changed'),
    added: style.green('added'),
    removed: style.red('removed'),
    same: 'same',
  }[diff.change];
  const lines = [
    `  ${style.bold(position)}  ${[`${diff.method} ${diff.url}`, diff.model].filter(Boolean).join('  ·  ')}  ${mark}`,
  ];
  const add = (label: string, text: string): void => {
    lines.push(labelled(label, text));
  };
  if (diff.change === 'added' || diff.change === 'removed') {
    lines.push(...oneSide(diff, style));
    return lines.join('\n');
  }
  diff.request.forEach((entry, i) =>
    add(i === 0 ? 'request' : '', `${entry.path}: ${entry.recorded} -> ${entry.received}`),
  );
  for (const [label, parts] of [
    ['reasoning', diff.reasoning],
    ['answer', diff.answer],
  ] as const) {
    if (parts) {
      textLines(parts, style).forEach((line, i) => add(i === 0 ? label : '', line));
    }
  }
  diff.toolCalls.forEach((call, i) => add(i === 0 ? 'tool calls' : '', toolCallLine(call, style)));
  if (diff.status) {
    add('status', change(diff.status, String));
  }
  if (diff.error) {
    add('error', change(diff.error, errorText));
  }
  if (diff.finishReason) {
    add('finish', change(diff.finishReason, String));
  }
  if (diff.usage) {
    add('tokens', change(diff.usage, formatUsage));
  }
  if (diff.servedModel) {
    add('model', change(diff.servedModel, String));
  }
  return lines.join('\n');
}

// An interaction only one side has: what it asked, what came back, in one block.
function oneSide(diff: InteractionDiff, style: Style): string[] {
  const side = diff.change === 'added' ? 'after' : 'before';
  const sign = diff.change === 'added' ? style.green('+') : style.red('-');
  const lines: string[] = [];
  if (diff.asked) {
    lines.push(labelled('asked', diff.asked));
  }
  if (diff.answer) {
    const text = diff.answer.map((part) => part.text).join('');
    lines.push(labelled('answer', `${sign} ${text}`));
  }
  diff.toolCalls.forEach((call, i) => lines.push(labelled(i === 0 ? 'tool calls' : '', toolCallLine(call, style))));
  const status = diff.status?.[side];
  const error = diff.error?.[side];
  const meta = [
    status === undefined ? '' : `status ${status}`,
    error ? `error ${errorText(error)}` : '',
    diff.finishReason?.[side] ? `finish ${diff.finishReason[side]}` : '',
    diff.usage?.[side] ? `tokens ${formatUsage(diff.usage[side])}` : '',
  ].filter(Boolean);
  if (meta.length > 0) {
    lines.push(labelled('', style.dim(meta.join(' · '))));
  }
  return lines;
}

function labelled(label: string, text: string): string {
  const continuation = `\n${INDENT}${' '.repeat(LABEL_WIDTH)}`;
  return `${INDENT}${label.padEnd(LABEL_WIDTH)}${text.split('\n').join(continuation)}`;
}

function change<T>(value: Change<T>, show: (value: T) => string): string {
  const side = (v: T | undefined): string => (v === undefined ? '(none)' : show(v));
  return `${side(value.before)} -> ${side(value.after)}`;
}

function errorText(error: ErrorView): string {
  return `${error.status}${error.code ? ` ${error.code}` : ''}${error.type && error.type !== error.code ? ` (${error.type})` : ''}: ${error.message}`;
}

function toolCallLine(call: ToolCallChange, style: Style): string {
  const json = (input: unknown): string => (typeof input === 'string' ? input : JSON.stringify(input));
  if (call.kind === 'added') {
    return `${style.green('+')} ${style.bold(call.name)} ${json(call.after)}`;
  }
  if (call.kind === 'removed') {
    return `${style.red('-')} ${style.bold(call.name)} ${json(call.before)}`;
  }
  const paths = (call.input ?? []).map((d) => `${d.path}: ${d.recorded} -> ${d.received}`);
  return `${style.yellow('~')} ${style.bold(call.name)} ${paths.join('; ')}`;
}

/**
 * A text diff as a `-` line (the old text) and a `+` line (the new), each with its changed
 * words marked; a side with no text is left out. Unchanged lines of a long text fold to `⋯`.
 */
function textLines(parts: readonly TextPart[], style: Style): string[] {
  // A text that is new (or gone) as a whole needs no marks.
  const anySame = parts.some((part) => part.kind === 'same');
  const side = (kind: 'removed' | 'added'): string[] => {
    const marks = kind === 'removed' ? ['[-', '-]'] : ['{+', '+}'];
    const paint = kind === 'removed' ? style.red : style.green;
    let text = '';
    for (const part of parts) {
      if (part.kind === 'same') {
        text += part.text;
      } else if (part.kind === kind) {
        // Marked line by line, so a change that spans lines keeps its marks on each.
        const mark = (line: string): string =>
          line === '' || !anySame ? line : style.enabled ? style.inverse(line) : `${marks[0]}${line}${marks[1]}`;
        text += part.text.split('\n').map(mark).join('\n');
      }
    }
    if (!parts.some((part) => part.kind !== (kind === 'removed' ? 'added' : 'removed'))) {
      return [];
    }
    const sign = kind === 'removed' ? '-' : '+';
    return foldUnchanged(text.replace(/\s+$/, '').split('\n'), style).map((line, i) =>
      paint(`${i === 0 ? sign : ' '} ${line}`),
    );
  };
  return [...side('removed'), ...side('added')];
}

// Keeps the lines that hold a change and one line around each; the rest become `⋯`.
function foldUnchanged(lines: string[], style: Style): string[] {
  const changed = (line: string): boolean => /\[-|\{\+|\u001b\[7m/.test(line);
  if (lines.length <= 6) {
    return lines;
  }
  const keep = lines.map((line, i) => changed(line) || changed(lines[i - 1] ?? '') || changed(lines[i + 1] ?? ''));
  const out: string[] = [];
  lines.forEach((line, i) => {
    if (keep[i]) {
      out.push(line);
    } else if (keep[i - 1] !== false || i === 0) {
      out.push(style.dim('⋯'));
    }
  });
  return out;
}
