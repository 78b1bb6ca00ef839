// Runs one example by name: `npm run example` runs the quick start, and
// `npm run example -- <name>` any other. An unknown name lists them all and exits with 2.

/** The examples, in reading order, each with what it shows. */
const EXAMPLES: Record<string, string> = {
  'quick-start': 'ask one question (getText)',
  'multi-turn': 'a system prompt and a follow-up question',
  'json-schema': 'a JSON reply that follows a schema (getJson)',
  agent: 'an Agent that calls a tool, two calls at once',
  streaming: 'print a reply while it arrives (stream)',
  responses: "an Agent on OpenAI's Responses API, a reasoning model's reasoning carried",
  'errors-scripted': 'recover from a rate limit and a too-long conversation, with ScriptedModel',
  'errors-cassette': 'the same recovery, against recorded OpenAI error responses',
  'record-session': 'record a real session of your own (needs OPENAI_API_KEY)',
};

const name = process.argv[2] ?? 'quick-start';

if (name in EXAMPLES) {
  await import(`./${name}.ts`);
} else {
  const width = Math.max(...Object.keys(EXAMPLES).map((key) => key.length));
  const list = Object.entries(EXAMPLES).map(([key, what]) => `  ${key.padEnd(width)}  ${what}`);
  const problem = name === '--help' ? 'Examples:' : `Unknown example "${name}". The examples are:`;
  console.error([problem, ...list, '', 'Run one with: npm run example -- <name>'].join('\n'));
  // 2, as for any command-line usage error (spark-cassette does the same).
  process.exitCode = name === '--help' ? 0 : 2;
}
