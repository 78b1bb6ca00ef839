import { FAULT_KINDS, type FaultKind, type FaultRule, type FaultsOptions } from './types.js';

/** What was wrong with a `SPARK_FAULTS` (or string `faults`) value, for the caller's error. */
export class FaultsSyntaxError extends Error {
  override name = 'FaultsSyntaxError' as const;
}

const FORMS =
  'comma-separated items: `<kind>=<rate>` (a share from 0 to 1), `<kind>@<n>[+<n>...]` (request numbers) and `seed=<n>`, ' +
  'like "rate_limit=0.2,server_error=0.1,seed=42" or "timeout@3"; or the JSON of `{ seed, rules }`';

/**
 * Reads the string form of `faults`: JSON (`{"seed":1,"rules":[...]}`), or the short form
 * `rate_limit=0.2,timeout@3+5,seed=42`. Kind options need the JSON form. The result is still
 * checked by `validateFaults`.
 * @example parseFaults('rate_limit=0.2,seed=42') // { seed: 42, rules: [{ kind: 'rate_limit', rate: 0.2 }] }
 */
export function parseFaults(text: string): FaultsOptions {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    try {
      return JSON.parse(trimmed) as FaultsOptions;
    } catch (error) {
      throw new FaultsSyntaxError(`it is not valid JSON (${(error as Error).message}); use ${FORMS}`);
    }
  }
  const rules: FaultRule[] = [];
  let seed: number | undefined;
  for (const item of trimmed.split(',').map((part) => part.trim())) {
    if (item === '') {
      continue;
    }
    const rate = /^(\w+)=(.+)$/.exec(item);
    const on = /^(\w+)@(\d+(?:\+\d+)*)$/.exec(item);
    if (rate?.[1] === 'seed') {
      seed = wholeNumber(rate[2] as string, item);
    } else if (rate) {
      const value = Number(rate[2]);
      if (rate[2]?.trim() === '' || !Number.isFinite(value)) {
        throw new FaultsSyntaxError(`"${item}" gives no number as the rate; use ${FORMS}`);
      }
      rules.push({ kind: kindOf(rate[1] as string, item), rate: value } as FaultRule);
    } else if (on) {
      const numbers = (on[2] as string).split('+').map((n) => wholeNumber(n, item));
      rules.push({ kind: kindOf(on[1] as string, item), on: numbers } as FaultRule);
    } else {
      throw new FaultsSyntaxError(`"${item}" is not an item of the short form; use ${FORMS}`);
    }
  }
  return seed === undefined ? { rules } : { seed, rules };
}

function kindOf(name: string, item: string): FaultKind {
  if (!(FAULT_KINDS as readonly string[]).includes(name)) {
    throw new FaultsSyntaxError(
      `"${item}" names no fault kind; the kinds are ${FAULT_KINDS.map((k) => `"${k}"`).join(', ')}`,
    );
  }
  return name as FaultKind;
}

function wholeNumber(text: string, item: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value)) {
    throw new FaultsSyntaxError(`"${item}" needs a whole number from 0, got "${text}"`);
  }
  return value;
}
