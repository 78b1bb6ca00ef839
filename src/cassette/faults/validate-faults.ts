import { FAULT_KINDS, type FaultKind, type FaultsOptions } from './types.js';

// Each kind's own options, with what they accept; a rule may hold these and the trigger keys.
const TRIGGER_KEYS = ['kind', 'rate', 'on', 'when', 'times'];
const KIND_OPTIONS: Record<FaultKind, Record<string, (value: unknown) => string | undefined>> = {
  rate_limit: {
    retryAfterMs: (v) => (v === null ? undefined : wholeMs(v)),
    limit: (v) => (v === 'requests' || v === 'tokens' ? undefined : '"requests" or "tokens"'),
  },
  server_error: {
    status: (v) => (v === 500 || v === 502 || v === 503 ? undefined : '500, 502 or 503'),
    retryAfterMs: wholeMs,
  },
  overloaded: { retryAfterMs: wholeMs },
  context_window: { maxContextTokens: positive, requestedTokens: positive },
  timeout: {},
  connection_reset: {},
  truncated_stream: {
    afterEvents: (v) => (Number.isSafeInteger(v) && (v as number) >= 0 ? undefined : 'a whole number from 0'),
    end: (v) => (v === 'close' || v === 'reset' ? undefined : '"close" or "reset"'),
  },
  slow: { delayMs: wholeMs, perEventMs: wholeMs },
};

/**
 * Checks a `faults` value (the option, or `SPARK_FAULTS` once parsed) before any I/O. Returns
 * the first problem as "<where>: <what it accepts>, got <value>", or undefined when it is valid.
 */
export function faultsProblem(faults: unknown): string | undefined {
  if (typeof faults !== 'object' || faults === null || Array.isArray(faults)) {
    return `it must be \`{ seed, rules }\`, a string like "rate_limit=0.2,seed=42", or false, got ${shown(faults)}`;
  }
  const { seed, rules, ...rest } = faults as FaultsOptions;
  const extra = Object.keys(rest)[0];
  if (extra !== undefined) {
    return `\`${extra}\` is not a key of \`faults\`; it takes \`seed\` and \`rules\``;
  }
  if (seed !== undefined && !(Number.isSafeInteger(seed) && seed >= 0)) {
    return `\`seed\` must be a whole number from 0, got ${shown(seed)}`;
  }
  if (!Array.isArray(rules)) {
    return `\`rules\` must be a list of rules like \`{ kind: "rate_limit", rate: 0.2 }\`, got ${shown(rules)}`;
  }
  for (const [index, rule] of (rules as unknown[]).entries()) {
    const problem = ruleProblem(rule);
    if (problem) {
      return `\`rules[${index}]\`${problem}`;
    }
  }
  return undefined;
}

function ruleProblem(rule: unknown): string | undefined {
  if (typeof rule !== 'object' || rule === null) {
    return ` must be an object like \`{ kind: "rate_limit", rate: 0.2 }\`, got ${shown(rule)}`;
  }
  const { kind, rate, on, when, times } = rule as Record<string, unknown>;
  if (!FAULT_KINDS.includes(kind as FaultKind)) {
    return `.kind must be one of ${FAULT_KINDS.map((k) => `"${k}"`).join(', ')}, got ${shown(kind)}`;
  }
  if (rate !== undefined && !(typeof rate === 'number' && rate >= 0 && rate <= 1)) {
    return `.rate must be a number from 0 to 1, got ${shown(rate)}`;
  }
  if (on !== undefined && !(Array.isArray(on) && on.every((n) => Number.isSafeInteger(n) && n >= 1))) {
    return `.on must be a list of request numbers from 1, like [2, 5], got ${shown(on)}`;
  }
  if (when !== undefined && typeof when !== 'function') {
    return `.when must be a function of the request, got ${typeof when}`;
  }
  if (times !== undefined && !(Number.isSafeInteger(times) && (times as number) >= 1)) {
    return `.times must be a whole number from 1, got ${shown(times)}`;
  }
  if (rate !== undefined && on !== undefined) {
    return ' gives both `rate` and `on`; give one (or `when`, alone or with `rate`)';
  }
  if (rate === undefined && on === undefined && when === undefined) {
    return ' says neither when to fire nor how often: give `rate` (0 to 1), `on` (request numbers) or `when` (a predicate)';
  }
  const options = KIND_OPTIONS[kind as FaultKind];
  for (const [key, value] of Object.entries(rule)) {
    if (TRIGGER_KEYS.includes(key) || value === undefined) {
      continue;
    }
    const check = options[key];
    if (!check) {
      const known = [...TRIGGER_KEYS.slice(1), ...Object.keys(options)].map((k) => `\`${k}\``).join(', ');
      return `: \`${key}\` is not an option of "${kind as string}" faults; they take ${known}`;
    }
    const accepts = check(value);
    if (accepts) {
      return `.${key} must be ${accepts}, got ${shown(value)}`;
    }
  }
  return undefined;
}

function wholeMs(value: unknown): string | undefined {
  return Number.isSafeInteger(value) && (value as number) >= 0 ? undefined : 'a whole number of milliseconds from 0';
}

function positive(value: unknown): string | undefined {
  return Number.isSafeInteger(value) && (value as number) >= 1 ? undefined : 'a whole number from 1';
}

function shown(value: unknown): string {
  return typeof value === 'function' ? 'a function' : (JSON.stringify(value) ?? String(value));
}
