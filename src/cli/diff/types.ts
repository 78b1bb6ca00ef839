/**
 * The semantic diff of two cassettes, computed on their transcripts (see
 * `../transcript/types.ts`): what a reviewer of a re-recording wants to know, per interaction.
 * Ids (`id`, `call_id`, `tool_call_id`, `previous_response_id` in request bodies, tool call
 * ids, interaction ids), opaque `encrypted_content`, times (`recordedAt`, durations) and
 * headers are ignored: they change on every recording.
 */
import type { CassetteDiffEntry } from '../../cassette/errors.js';
import type { ErrorView, UsageView } from '../transcript/types.js';
import type { TextPart } from './text-diff.js';

/** How one side compares with the other. */
export type ChangeKind = 'same' | 'changed' | 'added' | 'removed';

/** A value before and after; a missing side had none. */
export interface Change<T> {
  before?: T;
  after?: T;
}

/** Where two values differ, path by path, in the form a cassette miss prints them. */
export type PathDiff = CassetteDiffEntry;

/** A tool call the answer added, dropped, or made with other input (matched by name, in order). */
export interface ToolCallChange {
  kind: 'added' | 'removed' | 'changed';
  name: string;
  /** The input before (removed, changed) and after (added, changed). */
  before?: unknown;
  after?: unknown;
  /** For a changed call, where the inputs differ: `input.city: "Paris" -> "London"`. */
  input?: PathDiff[];
}

/** One interaction compared with its counterpart; the fields that did not change are absent. */
export interface InteractionDiff {
  change: ChangeKind;
  /** Position (from 0) and id on each side; a side is absent for an added or removed one. */
  before?: { index: number; id: string };
  after?: { index: number; id: string };
  /** What the interaction is (from the new side when there is one). */
  method: string;
  url: string;
  model?: string;
  /** For an added or removed interaction: the text of the last message its request sent. */
  asked?: string;
  /** Where the requests differ, as matching sees them: `body.messages[0].content: "a" -> "b"`. */
  request: PathDiff[];
  /** The assistant's words, word by word (when they differ). */
  answer?: TextPart[];
  /** The reasoning summary, word by word (when it differs). */
  reasoning?: TextPart[];
  toolCalls: ToolCallChange[];
  /** HTTP status, when it differs. */
  status?: Change<number>;
  /** The error, when either side has one and they differ. */
  error?: Change<ErrorView>;
  finishReason?: Change<string>;
  usage?: Change<UsageView>;
  /** The model the response named. */
  servedModel?: Change<string>;
}

/** Two versions of one cassette compared. */
export interface CassetteDiff {
  /** The old side as shown (`<ref>:<path>` from git); absent for a cassette that is new. */
  before?: string;
  /** The new side as shown; absent for a cassette that was deleted. */
  after?: string;
  change: ChangeKind;
  /** Every interaction of either side, aligned, in the new side's order. */
  interactions: InteractionDiff[];
  counts: Record<ChangeKind, number>;
}
