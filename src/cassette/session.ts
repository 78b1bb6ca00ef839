import type { CassetteMode } from './defaults.js';
import { isCassetteError, type CassetteError, type CassetteMissError } from './errors.js';
import type { LiveRequest } from './live-request.js';
import type { FaultInjector } from './faults/fault-injector.js';
import type { InjectedFault } from './faults/types.js';
import { InteractionIndex, type CassetteMatcher, type IndexedInteraction } from './match.js';
import { missError, type MissContext } from './miss.js';
import { prepareRequest, type ExchangeRules, type PreparedRequest } from './prepare.js';
import { provenanceOf } from './provenance.js';
import type { ReplayForms } from './load/replay-forms.js';
import type { ReplayMemo } from './load/replay-memo.js';
import { captureInteraction } from './record.js';
import { replayResponse } from './replay.js';
import { replayFormOf, type ReplayForm } from './replay-form.js';
import type { CassetteFile, RecordedInteraction } from './types.js';

/** Everything a session needs, fixed when the cassette starts. */
export interface SessionSetup {
  mode: CassetteMode;
  path: string;
  loaded: readonly RecordedInteraction[];
  rules: ExchangeRules;
  matcher: CassetteMatcher | undefined;
  allowRepeats: boolean;
  keepRetryAfter: boolean;
  streamTiming: boolean;
  miss: MissContext;
  /** Faults to inject into replayed answers (replay mode only). */
  faults: FaultInjector | undefined;
  /** What earlier replays of the same file learned (load/replay-memo.ts), when it has a cache entry. */
  memo?: ReplayMemo | undefined;
  /** The replay forms of the file's recordings (load/replay-forms.ts), stored with the memo. */
  forms?: ReplayForms | undefined;
}

/**
 * The request-handling core of a cassette: replay what matches, record what may be recorded,
 * fail the rest. It keeps what happened for `stop()`: recordings (in request order), misses
 * and counts. Lifecycle and interception live in `Cassette`.
 */
export class CassetteSession {
  replayed = 0;
  passedThrough = 0;
  /** Cassette errors raised to callers, reported again at `stop()`. */
  readonly problems: CassetteError[] = [];
  readonly #setup: SessionSetup;
  // What was served, in the order the responses were ready (replayed and recorded).
  readonly #served: RecordedInteraction[] = [];
  // Recordings of this run as the file holds them, once `fileToWrite` gave them their final ids.
  readonly #final = new Map<RecordedInteraction, RecordedInteraction>();
  readonly #index: InteractionIndex;
  readonly #fresh: { seq: number; group: number; interaction: RecordedInteraction }[] = [];
  // Requests in flight together form a group (see fileToWrite).
  #inFlight = 0;
  #group = 0;
  // Ids in use, so provisional ids of new recordings are unique while the session runs.
  readonly #taken: Set<string>;
  // Recordings whose response body is still arriving (streams).
  readonly #capturing = new Set<Promise<unknown>>();

  constructor(setup: SessionSetup) {
    this.#setup = setup;
    const { loaded, rules, matcher, allowRepeats, mode } = setup;
    // In record mode the file is replaced, so nothing loaded takes part.
    const kept = mode === 'record' ? [] : loaded;
    this.#index = new InteractionIndex(kept, rules, {
      matcher,
      allowRepeats,
      trustStoredHashes: true,
      verifiedHashes: setup.memo,
    });
    this.#taken = new Set(kept.map((interaction) => interaction.id));
  }

  /** Answers one request; `seq` is its arrival number, which orders recordings in the file. */
  async handle(live: LiveRequest, seq: number): Promise<Response> {
    if (this.#inFlight === 0) {
      this.#group++;
    }
    const group = this.#group;
    this.#inFlight++;
    try {
      return await this.#handle(live, seq, group);
    } catch (error) {
      // A cassette error raised on the way (a user hook that threw) is reported at stop() too.
      if (isCassetteError(error) && !this.problems.includes(error)) {
        this.problems.push(error);
      }
      throw error;
    } finally {
      this.#inFlight--;
    }
  }

  async #handle(live: LiveRequest, seq: number, group: number): Promise<Response> {
    const { mode, rules, keepRetryAfter, streamTiming } = this.#setup;
    // As fetch does: a request whose signal already aborted is not made.
    live.signal?.throwIfAborted();
    const request = prepareRequest(live, rules, this.#setup.memo);
    if (mode === 'passthrough') {
      this.passedThrough++;
      return live.send();
    }
    if (mode !== 'record') {
      const found = this.#index.take(request);
      if ('entry' in found) {
        // The one hook of fault injection: a fault answers instead of the recording (which
        // stays for the client's retry), or alters the recorded answer.
        const form = this.#formOf(found.entry);
        const fault = this.#setup.faults?.pick(request, seq, form);
        if (fault?.replaces) {
          this.#index.untake(found.entry);
          return fault.answer(live);
        }
        this.replayed++;
        this.#served.push(found.entry.interaction);
        const response = replayResponse(form, {
          keepRetryAfter,
          streamTiming,
          signal: live.signal,
        });
        return fault ? fault.answer(live, response) : response;
      }
      if (mode === 'replay') {
        const error = missError(request, found, this.#index, this.#setup.miss);
        this.problems.push(error);
        throw error;
      }
    }
    return this.#record(live, request, seq, group);
  }

  /**
   * The interactions served so far, replayed and recorded, in the order their responses were
   * ready. Recordings of this run carry their final ids once `fileToWrite` has run.
   */
  served(): RecordedInteraction[] {
    return this.#served.map((interaction) => this.#final.get(interaction) ?? interaction);
  }

  /** The faults injected so far, in the order they were chosen. */
  get faults(): readonly InjectedFault[] {
    return this.#setup.faults?.injected ?? [];
  }

  /** The cassette is stopping: requests a `timeout` fault holds fail now. */
  releaseHeld(): void {
    this.#setup.faults?.releaseHeld();
  }

  get recorded(): number {
    return this.#fresh.length;
  }

  get misses(): CassetteMissError[] {
    return this.problems.filter((p): p is CassetteMissError => p.name === 'CassetteMissError');
  }

  /** Recordings no request used (only those loaded from the file). */
  unused(): RecordedInteraction[] {
    return this.#index.unused().map((entry) => entry.interaction);
  }

  /**
   * The cassette to write, or undefined when nothing was recorded. `onDisk` is the file's
   * interactions when another writer changed it since this cassette started (a test in another
   * worker recording the same cassette): they are all kept, and this run's recordings join
   * them (see `freshToKeep`), so that neither side loses what it recorded.
   */
  fileToWrite(onDisk?: readonly RecordedInteraction[]): CassetteFile | undefined {
    if (this.#fresh.length === 0) {
      return undefined;
    }
    const base = this.#setup.mode === 'record' ? [] : this.#setup.loaded;
    const kept = [...(onDisk ?? base)];
    const taken = new Set(kept.map((interaction) => interaction.id));
    // Sequential requests keep their order. Requests in flight together reach an MSW resolver
    // in no fixed order, so they are written by hash (identical ones by arrival): recording
    // the same session twice gives the same file. Ids are given again in that order.
    const ordered = [...this.#fresh]
      .sort((a, b) => a.group - b.group || compare(a.interaction.hash, b.interaction.hash) || a.seq - b.seq)
      .map(({ interaction }) => interaction);
    const fresh = freshToKeep(ordered, base, onDisk).map((interaction) => {
      const final = { ...interaction, id: nextId(interaction.hash, taken) };
      this.#final.set(interaction, final);
      return final;
    });
    const interactions = [...kept, ...fresh];
    return { version: 1, provenance: provenanceOf(interactions), interactions };
  }

  /** Resolves once every recording has its whole response (streams still arriving have ended). */
  async settled(): Promise<void> {
    await Promise.all([...this.#capturing]);
  }

  async #record(live: LiveRequest, request: PreparedRequest, seq: number, group: number): Promise<Response> {
    const { rules } = this.#setup;
    const response = await live.send();
    const capture = captureInteraction(request, response, rules, new Date(), {
      streamTiming: this.#setup.streamTiming,
    });
    const recorded = capture.interaction.then((captured) => {
      const interaction: RecordedInteraction = { id: nextId(captured.hash, this.#taken), ...captured };
      this.#fresh.push({ seq, group, interaction });
      this.#served.push(interaction);
      this.#index.add(interaction, true);
      return interaction;
    });
    if (capture.streaming) {
      // The client reads the stream as it arrives; `settled()` waits for its end.
      this.#capturing.add(recorded);
      void recorded.finally(() => this.#capturing.delete(recorded));
      return capture.streaming;
    }
    return replayResponse(replayFormOf((await recorded).response), { keepRetryAfter: true });
  }

  // A loaded recording's form comes from the parsed-form cache when an earlier replay of the
  // same bytes stored it: the recording's response is then never read from the YAML.
  #formOf(entry: IndexedInteraction): ReplayForm {
    const { forms } = this.#setup;
    const { place } = entry;
    if (forms === undefined || place === undefined) {
      return replayFormOf(entry.interaction.response);
    }
    let form = forms.get(place);
    if (!form) {
      form = replayFormOf(entry.interaction.response);
      forms.learn(place, form);
    }
    return form;
  }
}

/**
 * This run's recordings that join a file another writer changed meanwhile. Had the two runs
 * gone one after the other, this one would have replayed the other's recordings of a request
 * before recording more of it: so of each request (by hash), as many of ours as the other
 * writer added are left out, the first ones, and the rest kept.
 */
function freshToKeep(
  fresh: readonly RecordedInteraction[],
  base: readonly RecordedInteraction[],
  onDisk: readonly RecordedInteraction[] | undefined,
): RecordedInteraction[] {
  if (!onDisk) {
    return [...fresh];
  }
  const theirs = new Map<string, number>();
  for (const { hash } of onDisk) {
    theirs.set(hash, (theirs.get(hash) ?? 0) + 1);
  }
  for (const { hash } of base) {
    theirs.set(hash, (theirs.get(hash) ?? 0) - 1);
  }
  return fresh.filter(({ hash }) => {
    const left = theirs.get(hash) ?? 0;
    theirs.set(hash, left - 1);
    return left <= 0;
  });
}

function nextId(hash: string, taken: Set<string>): string {
  for (let n = 1; ; n++) {
    const id = `${hash.slice(0, 12)}-${n}`;
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
