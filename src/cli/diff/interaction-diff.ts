import { diffRequests, type ComparedRequest } from '../../cassette/diff.js';
import type { ExchangeView, ToolCallView } from '../transcript/types.js';
import { align } from './align.js';
import { diffText, type TextPart } from './text-diff.js';
import type { Change, InteractionDiff, PathDiff, ToolCallChange } from './types.js';

/** One side of a compared interaction: its transcript entry and its request as matching sees it. */
export interface DiffSide {
  exchange: ExchangeView;
  /** Method, normalised URL, and the body with ignored fields left out and ids masked. */
  request: ComparedRequest;
}

/** Compares two versions of an interaction; with one side missing, it was added or removed. */
export function diffInteraction(before: DiffSide | undefined, after: DiffSide | undefined): InteractionDiff {
  const [old, next] = [before?.exchange, after?.exchange];
  const shown = (next ?? old) as ExchangeView;
  const diff: InteractionDiff = {
    change: !old ? 'added' : !next ? 'removed' : 'same',
    ...(old ? { before: { index: old.index, id: old.id } } : {}),
    ...(next ? { after: { index: next.index, id: next.id } } : {}),
    method: shown.method,
    url: shown.url,
    ...(shown.model ? { model: shown.model } : {}),
    ...(old && next ? {} : asked(shown)),
    request: before && after ? diffRequests(before.request, after.request) : [],
    toolCalls: diffToolCalls(old?.response.reply?.toolCalls ?? [], next?.response.reply?.toolCalls ?? []),
  };
  const [a, b] = [old?.response, next?.response];
  setText(diff, 'answer', a?.reply?.text ?? a?.reply?.refusal, b?.reply?.text ?? b?.reply?.refusal);
  setText(diff, 'reasoning', a?.reply?.reasoning, b?.reply?.reasoning);
  setChange(diff, 'status', a?.status, b?.status);
  setChange(diff, 'error', a?.error, b?.error);
  setChange(diff, 'finishReason', a?.finishReason, b?.finishReason);
  setChange(diff, 'usage', a?.usage, b?.usage);
  setChange(diff, 'servedModel', old?.servedModel, next?.servedModel);
  if (diff.change === 'same' && isChanged(diff)) {
    diff.change = 'changed';
  }
  return diff;
}

function isChanged(diff: InteractionDiff): boolean {
  const { request, toolCalls, answer, reasoning, status, error, finishReason, usage, servedModel } = diff;
  return (
    request.length > 0 ||
    toolCalls.length > 0 ||
    [answer, reasoning, status, error, finishReason, usage, servedModel].some((field) => field !== undefined)
  );
}

function setText(diff: InteractionDiff, key: 'answer' | 'reasoning', before?: string, after?: string): void {
  if ((before ?? '') !== (after ?? '')) {
    const parts: TextPart[] = diffText(before ?? '', after ?? '');
    diff[key] = parts;
  }
}

type ChangeKey = 'status' | 'error' | 'finishReason' | 'usage' | 'servedModel';

function setChange<K extends ChangeKey>(
  diff: InteractionDiff,
  key: K,
  before: NonNullable<InteractionDiff[K]>['before'] | undefined,
  after: NonNullable<InteractionDiff[K]>['after'] | undefined,
): void {
  if (JSON.stringify(before) !== JSON.stringify(after)) {
    const change: Change<unknown> = {
      ...(before === undefined ? {} : { before }),
      ...(after === undefined ? {} : { after }),
    };
    diff[key] = change as InteractionDiff[K];
  }
}

// Calls are matched by name in order (their ids change with every recording).
function diffToolCalls(before: readonly ToolCallView[], after: readonly ToolCallView[]): ToolCallChange[] {
  const changes: ToolCallChange[] = [];
  const steps = align(
    before.map((call) => call.name),
    after.map((call) => call.name),
  );
  for (const step of steps) {
    if (step.kind === 'both') {
      const [a, b] = [before[step.before] as ToolCallView, after[step.after] as ToolCallView];
      const input = diffValues(a.input, b.input, 'input');
      if (input.length > 0) {
        changes.push({ kind: 'changed', name: b.name, before: a.input, after: b.input, input });
      }
    } else if (step.kind === 'before') {
      const call = before[step.index] as ToolCallView;
      changes.push({ kind: 'removed', name: call.name, before: call.input });
    } else {
      const call = after[step.index] as ToolCallView;
      changes.push({ kind: 'added', name: call.name, after: call.input });
    }
  }
  return changes;
}

/** Where two values differ, by the cassette's own request diff (its body paths, renamed `root`). */
export function diffValues(before: unknown, after: unknown, root: string): PathDiff[] {
  return diffRequests({ method: '', url: '', body: before }, { method: '', url: '', body: after }).map((entry) => ({
    ...entry,
    path: `${root}${entry.path.slice('body'.length)}`,
  }));
}

function asked(exchange: ExchangeView): { asked?: string } {
  const last = exchange.messages.at(-1);
  const text = last?.text ?? last?.toolCalls?.map((call) => call.name).join(', ');
  return text ? { asked: text } : {};
}
