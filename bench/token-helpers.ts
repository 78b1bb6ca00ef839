// Measures what the token helpers cost a fresh process: import, first call per encoding
// (which loads it), warm calls. Run: node_modules/.bin/node --import tsx bench/token-helpers.ts
import { performance } from 'node:perf_hooks';

const time = <T>(run: () => T): [T, number] => {
  const start = performance.now();
  const result = run();
  return [result, performance.now() - start];
};
const rssMb = (): number => Math.round(process.memoryUsage().rss / 1e6);

const rssAtStart = rssMb();
const importStart = performance.now();
const { countTokens, countMessageTokens, truncateConversation } = await import('../src/tokens/index.js');
const importMs = performance.now() - importStart;
const [, o200kFirstMs] = time(() => countTokens('hello world', 'gpt-4o'));
const rssAfterO200k = rssMb();
const [, cl100kFirstMs] = time(() => countTokens('hello world', 'gpt-4'));
const rssAfterCl100k = rssMb();

const paragraph = 'The quick brown fox jumps over the lazy dog. '.repeat(20);
const [, warmMs] = time(() => {
  for (let index = 0; index < 1000; index += 1) {
    countTokens(paragraph, 'gpt-4o');
  }
});
const messages = Array.from({ length: 500 }, (_, index) => ({
  role: index % 2 === 0 ? ('user' as const) : ('assistant' as const),
  content: [{ text: paragraph }],
}));
const [, countMs] = time(() => countMessageTokens(messages, 'gpt-4o'));
const [kept, truncateMs] = time(() => truncateConversation(messages, { maxTokens: 20_000, modelId: 'gpt-4o' }));

console.log({
  importMs: +importMs.toFixed(1),
  o200kFirstCallMs: +o200kFirstMs.toFixed(1),
  cl100kFirstCallMs: +cl100kFirstMs.toFixed(1),
  rssMb: { start: rssAtStart, afterO200k: rssAfterO200k, afterCl100k: rssAfterCl100k },
  warmCountTokensUs: +((warmMs / 1000) * 1000).toFixed(1),
  countMessageTokens500MessagesMs: +countMs.toFixed(1),
  truncate500MessagesTo20kMs: +truncateMs.toFixed(1),
  kept: kept.length,
});
