import { CassetteConfigurationError } from '../errors.js';
import type { PreparedRequest } from '../prepare.js';
import type { ReplayForm } from '../replay-form.js';
import { draw, faultRequestId } from './draw.js';
import { faultRequest } from './fault-request.js';
import { chosenFault, eventCount, type ChosenFault } from './fault-answer.js';
import { HeldRequests } from './hold.js';
import type { FaultRequest, FaultRule, InjectedFault } from './types.js';

/** Faults as a cassette runs them: checked, with their seed and where they came from. */
export interface FaultsConfig {
  seed: number;
  rules: readonly FaultRule[];
  /** The `faults` option, or `SPARK_FAULTS`. */
  source: 'option' | 'env';
  /** The `SPARK_FAULTS` value that gives these faults again, when they came from it. */
  envValue: string | undefined;
}

/**
 * The faults of one cassette. Whether rule i fires on a request depends only on the seed, the
 * cassette's name, i, and the request: its number (`on`), its content (`when`), or, for
 * `rate`, its hash and how many times that same request came before (so a retry draws anew,
 * and concurrent requests draw the same whatever order they arrive in). Rules are tried in
 * order; the first that fires decides.
 */
export class FaultInjector {
  /** Every fault injected so far, in the order they were chosen. */
  readonly injected: InjectedFault[] = [];
  readonly config: FaultsConfig;
  readonly #cassette: string;
  readonly #path: string;
  readonly #fired: number[];
  readonly #attempts = new Map<string, number>();
  readonly #held = new HeldRequests();

  constructor(config: FaultsConfig, cassetteName: string, cassettePath: string) {
    this.config = config;
    this.#cassette = cassetteName;
    this.#path = cassettePath;
    this.#fired = config.rules.map(() => 0);
  }

  /**
   * The fault for request `seq` (from 0), which the recording replayed as `form` would answer;
   * undefined for none. The form, not the recording: a warm replay never reads the recording.
   */
  pick(request: PreparedRequest, seq: number, form: ReplayForm): ChosenFault | undefined {
    const number = seq + 1;
    const attempt = (this.#attempts.get(request.hash) ?? 0) + 1;
    this.#attempts.set(request.hash, attempt);
    const events = eventCount(form);
    let seen: FaultRequest | undefined;
    for (const [index, rule] of this.config.rules.entries()) {
      if (
        (rule.times !== undefined && (this.#fired[index] ?? 0) >= rule.times) ||
        (rule.kind === 'truncated_stream' && events === 0)
      ) {
        continue;
      }
      if (rule.on && !rule.on.includes(number)) {
        continue;
      }
      if (rule.when) {
        seen ??= faultRequest(request, number);
        if (!this.#accepts(rule, index, seen)) {
          continue;
        }
      }
      if (
        rule.rate !== undefined &&
        draw(this.config.seed, this.#cassette, index, `${request.hash}#${attempt}`) >= rule.rate
      ) {
        continue;
      }
      this.#fired[index] = (this.#fired[index] ?? 0) + 1;
      const record: InjectedFault = {
        request: number,
        kind: rule.kind,
        method: request.method,
        url: request.url,
        rule: index,
      };
      this.injected.push(record);
      return chosenFault(rule, record, {
        request,
        form,
        held: this.#held,
        requestId: faultRequestId(this.config.seed, this.#cassette, number),
      });
    }
    return undefined;
  }

  /** Fails the requests a `timeout` fault still holds (the cassette is stopping). */
  releaseHeld(): void {
    this.#held.releaseAll();
  }

  #accepts(rule: FaultRule, index: number, request: FaultRequest): boolean {
    try {
      return (rule.when as (request: FaultRequest) => boolean)(request) === true;
    } catch (error) {
      throw new CassetteConfigurationError(
        `The \`when\` of cassette option \`faults.rules[${index}]\` (${rule.kind}) threw on request ${request.number} (${request.method} ${request.url}): ${(error as Error).message}. Fix the predicate.`,
        { cassettePath: this.#path, option: 'faults' },
      );
    }
  }
}
