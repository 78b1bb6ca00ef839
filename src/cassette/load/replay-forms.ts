import { formBytes, formFromBytes, type ReplayForm } from '../replay-form.js';

/** Replay forms as the parsed-form cache entry stores them: each one's bytes (`formBytes`), in one blob. */
export interface StoredForms {
  blob: Buffer;
  /** `[place, start, end]`: the recording's place in the file and its form's bytes in `blob`. */
  ranges: [number, number, number][];
}

/**
 * The replay forms (../replay-form.ts) of one unchanged cassette file's recordings, by place
 * in the file: those an earlier replay stored in the parsed-form cache entry, read when first
 * asked for, and those this run built. Like the replay memo, they are
 * valid exactly while the entry's bytes are the file's; a stored form that does not read as
 * one counts as absent.
 */
export class ReplayForms {
  readonly #blob: Buffer | undefined;
  readonly #stored = new Map<number, [number, number]>();
  readonly #forms = new Map<number, ReplayForm>();
  #changed = false;

  constructor(stored?: StoredForms) {
    this.#blob = stored?.blob;
    for (const [place, start, end] of stored?.ranges ?? []) {
      this.#stored.set(place, [start, end]);
    }
  }

  /** Whether this run built a form the entry did not hold. */
  get changed(): boolean {
    return this.#changed;
  }

  /** The form of the recording at `place`, if stored or built before. */
  get(place: number): ReplayForm | undefined {
    let form = this.#forms.get(place);
    const range = form ? undefined : this.#stored.get(place);
    if (range && this.#blob) {
      form = formFromBytes(this.#blob.subarray(range[0], range[1]));
      if (form) {
        this.#forms.set(place, form);
      } else {
        this.#stored.delete(place);
      }
    }
    return form;
  }

  /** Keeps the form built for the recording at `place`. */
  learn(place: number, form: ReplayForm): void {
    if (!this.#forms.has(place)) {
      this.#forms.set(place, form);
      this.#changed ||= !this.#stored.has(place);
    }
  }

  /** Every form known, stored ones as their bytes, to write into the entry. */
  toStored(): StoredForms {
    const places = new Set([...this.#stored.keys(), ...this.#forms.keys()]);
    const parts: Buffer[] = [];
    const ranges: [number, number, number][] = [];
    let at = 0;
    for (const place of [...places].sort((a, b) => a - b)) {
      const range = this.#stored.get(place);
      const form = this.#forms.get(place);
      const bytes = range && this.#blob ? this.#blob.subarray(range[0], range[1]) : formBytes(form as ReplayForm);
      parts.push(bytes);
      ranges.push([place, at, at + bytes.length]);
      at += bytes.length;
    }
    return { blob: Buffer.concat(parts), ranges };
  }
}
