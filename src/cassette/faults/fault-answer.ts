import { sleep } from '../../internal/sleep.js';
import { DEFAULT_SLOW_DELAY_MS } from '../defaults.js';
import type { LiveRequest } from '../live-request.js';
import type { PreparedRequest } from '../prepare.js';
import type { ReplayForm } from '../replay-form.js';
import { apiOfPath } from './fault-request.js';
import { errorAnswer } from './fault-responses.js';
import type { HeldRequests } from './hold.js';
import { connectionResetError } from './network-errors.js';
import { alterEventStream } from './stream-faults.js';
import { FAULT_KINDS, type FaultKind, type FaultRule, type InjectedFault } from './types.js';

/** A fault chosen for one request; `answer` gives what the client gets. */
export interface ChosenFault {
  /** True when the fault answers instead of the recording, which stays unused for a retry. */
  readonly replaces: boolean;
  /** The client's answer: the fault's own, or the recorded `replayed` one altered. */
  answer(live: LiveRequest, replayed?: Response): Promise<Response>;
}

/** What a chosen fault answers from. */
export interface FaultContext {
  request: PreparedRequest;
  /** The recording that would answer the request, as replay sends it. */
  form: ReplayForm;
  held: HeldRequests;
  /** A stable `x-request-id` for an error answer. */
  requestId: string;
}

// Every kind but the two that alter the recorded answer answers instead of it.
const REPLACING: ReadonlySet<FaultKind> = new Set(
  FAULT_KINDS.filter((kind) => kind !== 'truncated_stream' && kind !== 'slow'),
);

/** The fault `rule` as one request's answer; an error answer's status goes into `record`. */
export function chosenFault(rule: FaultRule, record: InjectedFault, context: FaultContext): ChosenFault {
  const { request, form, held } = context;
  const answer = async (live: LiveRequest, replayed?: Response): Promise<Response> => {
    switch (rule.kind) {
      case 'timeout':
        return held.hold(live.signal);
      case 'connection_reset':
        throw connectionResetError();
      case 'truncated_stream': {
        const events = eventCount(form);
        return alterEventStream(replayed as Response, {
          cutAfter: Math.min(rule.afterEvents ?? Math.floor(events / 2), events - 1),
          end: rule.end,
          fullLength: rule.end === 'reset' ? (form.body?.byteLength ?? 0) : undefined,
          signal: live.signal,
        });
      }
      case 'slow':
        await sleep(rule.delayMs ?? DEFAULT_SLOW_DELAY_MS, live.signal);
        return rule.perEventMs
          ? alterEventStream(replayed as Response, { perEventMs: rule.perEventMs, signal: live.signal })
          : (replayed as Response);
      default: {
        const response = errorAnswer(rule, {
          api: apiOfPath(new URL(request.url).pathname),
          model: modelOf(request.value),
          requestId: context.requestId,
        });
        record.status = response.status;
        return response;
      }
    }
  };
  return { replaces: REPLACING.has(rule.kind), answer };
}

/** How many SSE events a recorded answer has (0 when it is not a stream). */
export function eventCount(form: ReplayForm): number {
  return form.events?.length ?? 0;
}

function modelOf(body: unknown): string | undefined {
  const model = typeof body === 'object' && body !== null ? (body as { model?: unknown }).model : undefined;
  return typeof model === 'string' ? model : undefined;
}
