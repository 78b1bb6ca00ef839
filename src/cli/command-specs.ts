import type { ParseArgsConfig } from 'node:util';
import { DEFAULT_CASSETTE_DIR } from '../cassette/defaults.js';
import { DEFAULT_USAGE_REPORT_DIR } from '../cassette/usage-report.js';

/** Where `view` writes its page unless `--out` says otherwise (`.spark-cache/` is git-ignored). */
export const DEFAULT_VIEW_FILE = '.spark-cache/cassettes.html';

type OptionSpecs = NonNullable<ParseArgsConfig['options']>;

/** The subcommands, in the order help lists them. */
export const COMMAND_NAMES = ['list', 'show', 'verify', 'prune', 'redact', 'diff', 'view'] as const;

/** One of `COMMAND_NAMES`. */
export type CommandName = (typeof COMMAND_NAMES)[number];

/** What the parser and the help text need to know about a subcommand. */
export interface CommandSpec {
  summary: string;
  /** The synopsis line, after `spark-cassette`. */
  usage: string;
  /** `paths`: any number, `fixtures/cassettes` when none; `file`: exactly one; `diff`: two, or paths after `--git`. */
  takes: 'paths' | 'file' | 'diff';
  options: OptionSpecs;
  /** Help text after the synopsis: what it does, its options, exit codes, examples. */
  help: string;
}

const COMMON: OptionSpecs = { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } };
const RULES: OptionSpecs = {
  header: { type: 'string', multiple: true },
  pattern: { type: 'string', multiple: true },
  'ignore-body-field': { type: 'string', multiple: true },
};

// Options in two columns; a description may span lines (given as separate strings).
function optionHelp(rows: readonly (readonly [string, ...string[]])[]): string {
  const width = Math.max(...rows.map(([flag]) => flag.length)) + 2;
  return rows
    .map(([flag, ...lines]) => lines.map((line, i) => `  ${(i === 0 ? flag : '').padEnd(width)}${line}`).join('\n'))
    .join('\n');
}

const PATHS = [
  '[path...]',
  'cassette files or directories (searched recursively);',
  `default ${DEFAULT_CASSETTE_DIR}`,
] as const;
const RULE_ROWS = [
  ['--header <name>', 'also treat this header as secret (repeatable)'],
  ['--pattern <regex>', 'also treat matches of this regex as secret (repeatable)'],
  [
    '--ignore-body-field <path>',
    'a body field the cassettes leave out of matching, as in',
    '`ignoreBodyFields` (repeatable): hashes skip it',
  ],
] as const;
const RULE_NOTE = `Cassette options live in your test code, which the CLI cannot read: pass the same extra
rules as your \`startCassette({ redact, ignoreBodyFields })\` options.`;

/** Every subcommand's parser options and help. */
export const COMMANDS: Record<CommandName, CommandSpec> = {
  list: {
    summary: 'table of cassettes: interactions, models, tokens, size, recording time',
    usage: 'list [path...] [--json]',
    takes: 'paths',
    options: COMMON,
    help: `Lists cassettes with their interaction count, the models requested, the total tokens
recorded in response usage (streams included when they carry a usage chunk), file size and
latest recording time.

${optionHelp([PATHS, ['--json', 'print JSON: { cassettes: [...], problems: [...] }']])}

Exit codes: 0 listed, 1 a file could not be read, 2 usage error.`,
  },
  show: {
    summary: 'a cassette as a readable transcript',
    usage: 'show <file> [--full] [--json]',
    takes: 'file',
    options: { ...COMMON, full: { type: 'boolean' } },
    help: `Prints a cassette as a conversation: per interaction the request's messages (roles, text,
tool calls with their input, tool results), then the response (assistant text, tool calls,
finish reason, usage) or the error with its status. Colour on a terminal only (NO_COLOR turns
it off, FORCE_COLOR on).

${optionHelp([
  ['<file>', 'the cassette file'],
  [
    '--full',
    'print every message; by default the messages a request repeats',
    'from the previous one are folded into one line',
  ],
  ['--json', 'print JSON: { file, provenance, interactions: [...], problems }'],
])}

Exit codes: 0 shown, 1 the file could not be read, 2 usage error.`,
  },
  verify: {
    summary: 'check cassettes parse, hold no secrets, and their hashes match (for CI)',
    usage: 'verify [path...] [--json] [rule options]',
    takes: 'paths',
    options: { ...COMMON, ...RULES },
    help: `Checks every cassette: it parses and has a known format version; no secret is left (secret
headers such as authorization, api-key, cookie and set-cookie hold "REDACTED"; no OpenAI key
shape sk-..., no bearer token, no value of OPENAI_API_KEY anywhere); ids are unique; and
each recorded hash matches its request (a hand-edited request would never match again).
Fit for CI and pre-commit: pass the staged files as paths.

${optionHelp([PATHS, ['--json', 'print JSON: { files, interactions, problems: [{ code, file, line, ... }] }'], ...RULE_ROWS])}

${RULE_NOTE}

Exit codes: 0 all good, 1 problems found, 2 usage error.`,
  },
  prune: {
    summary: 'remove interactions the last replay reported unused (dry run unless --write)',
    usage: 'prune [path...] [--write] [--report-dir <dir>] [--json]',
    takes: 'paths',
    options: { ...COMMON, write: { type: 'boolean' }, 'report-dir': { type: 'string' } },
    help: `Removes the interactions that the last replay of each cassette did not use. Replays write
a usage report per cassette; a cassette changed since its report (re-recorded or edited) is
skipped, with the reason. A dry run unless --write.

${optionHelp([
  PATHS,
  ['--write', 'change the files (atomically, under the recording lock)'],
  ['--report-dir <dir>', `where replays wrote usage reports; default ${DEFAULT_USAGE_REPORT_DIR}`],
  ['--json', 'print JSON: { write, cassettes: [...], problems }'],
])}

Exit codes: 0 done (or nothing to do), 1 a file could not be read or written, 2 usage error.`,
  },
  redact: {
    summary: 're-apply redaction rules to existing cassettes (dry run unless --write)',
    usage: 'redact [path...] [--write] [--json] [rule options]',
    takes: 'paths',
    options: { ...COMMON, write: { type: 'boolean' }, ...RULES },
    help: `Applies the redaction rules again to recorded cassettes, for when the rules changed or a
secret slipped in: secret headers become "REDACTED", the request's own key and the value of
OPENAI_API_KEY are scrubbed everywhere, and so are OpenAI key shapes, bearer tokens and
--pattern matches. Hashes are then recomputed (they are taken after redaction), so replay
still matches and \`spark-cassette verify\` passes. A dry run unless --write.
Redacting a request body changes what replay matches: give \`startCassette\` a \`redact\` hook
that scrubs the same value from live requests. After a deliberate hand edit of a request,
run it to store the new hashes.

${optionHelp([
  PATHS,
  ['--write', 'change the files (atomically, under the recording lock)'],
  ['--json', 'print JSON: { write, files, cassettes: [...], problems }'],
  ...RULE_ROWS,
])}

${RULE_NOTE}

Exit codes: 0 done (or nothing to do), 1 a file could not be read or written, 2 usage error.`,
  },
  diff: {
    summary: 'what changed between two versions of cassettes, interaction by interaction (review a re-recording)',
    usage: 'diff <old> <new> | diff --git <ref> [path...] [--json]',
    takes: 'diff',
    options: {
      ...COMMON,
      git: { type: 'string' },
      'ignore-body-field': RULES['ignore-body-field'] as OptionSpecs[string],
    },
    help: `Compares two versions of cassettes as a reviewer reads them, not line by line: per
interaction, where the request differs (paths, as a cassette miss prints them), the
assistant's words (changed words marked [-old-] {+new+}), tool calls added, removed or
called with other input, status, error, finish reason, token usage and the model that
answered; and interactions added or removed. Ids, times and headers are ignored: they
change with every recording. Interactions are paired in order: identical requests first,
then by endpoint.

${optionHelp([
  ['<old> <new>', 'two cassette files, or two directories (cassettes paired by path)'],
  [
    '--git <ref>',
    'compare the cassettes under each path (default',
    `${DEFAULT_CASSETTE_DIR}) with the same files at a git revision`,
  ],
  PATHS,
  ['--ignore-body-field <path>', 'a body field the cassettes leave out of matching (repeatable)'],
  ['--json', 'print JSON: { differences, cassettes: [...], unchanged, problems }'],
])}

Exit codes, as diff(1) and \`git diff --exit-code\`: 0 no differences, 1 differences found,
2 usage error or a cassette that could not be read.`,
  },
  view: {
    summary: 'write one self-contained HTML page showing cassettes (or a diff) as timelines',
    usage: 'view [path...] [--out <file>] [--open] | view --diff (<old> <new> | --git <ref> [path...])',
    takes: 'paths',
    options: {
      ...COMMON,
      ...RULES,
      out: { type: 'string' },
      open: { type: 'boolean' },
      diff: { type: 'boolean' },
      git: { type: 'string' },
      'report-dir': { type: 'string' },
    },
    help: `Writes one HTML file that shows cassettes as conversations: system, user and assistant
turns, tool calls with their input and the results that came back, streamed answers put
together, reasoning summaries, errors with status and type, and per interaction the model,
tokens and duration. Recordings the last replay left unused and \`verify\` problems are
flagged. Search and filter across cassettes; keyboard: j/k next/previous interaction, / search,
? all keys. The page needs no server and makes no request (inline CSS and JS under a strict
Content-Security-Policy): attach it to a pull request or open it from disk.

${optionHelp([
  PATHS,
  ['--out <file>', `where to write the page; default ${DEFAULT_VIEW_FILE}`],
  ['--open', 'open the page in the default browser (or $BROWSER)'],
  ['--diff', 'show the diff of `spark-cassette diff` side by side: give', '<old> <new>, or --git <ref> [path...]'],
  ['--git <ref>', 'with --diff: the old side from a git revision'],
  ['--report-dir <dir>', `where replays wrote usage reports; default ${DEFAULT_USAGE_REPORT_DIR}`],
  ['--json', 'print JSON: { out, cassettes, interactions, problems }'],
  ...RULE_ROWS,
])}

Exit codes: 0 written, 1 a cassette could not be read (the page shows why), 2 usage error.`,
  },
};
