import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { serializeCassette } from '../../../src/cassette/format.js';
import { writeUsageReport } from '../../../src/cassette/usage-report.js';
import { largeInteraction } from '../../cassette/helpers/large-cassette.js';
import { chat } from '../../cassette/helpers/clients.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { buildCli, runBin } from '../cli/helpers/cli.js';
import { recordCassette, TOOL_SESSION, type SessionStep } from '../cli/helpers/record.js';
import { launchBrowser, missingChromium, openPage, type TestBrowser, type WatchedPage } from './helpers/browser.js';

// The page `spark-cassette view` writes, opened from disk in Debian's Chromium: what a person
// sees (turns, tool calls, errors, reasoning, search, keys, print), and that it asks nothing
// of the network. A screenshot of each fixture cassette's page goes to test-artifacts/view/.

const ROOT = resolve(import.meta.dirname, '../../..');
const ARTIFACTS = join(ROOT, 'test-artifacts/view');
const project = useTempDir('spark-view-');
let build: ReturnType<typeof buildCli>;
let browser: TestBrowser;

beforeAll(async () => {
  build = buildCli();
  browser = await launchBrowser();
  await mkdir(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  build?.remove();
});

/** Responses API exchanges: a reasoning summary (32), a function call after reasoning sent back (26), a streamed function call (31), a stream cut by max_output_tokens (35), an error (34). */
const RESPONSES_SESSION: SessionStep[] = [
  {
    reply: '32',
    call: (c) =>
      c.responses.create({
        model: 'gpt-5-nano',
        input: 'Why is the sky blue?',
        reasoning: { effort: 'medium', summary: 'auto' },
      }),
  },
  {
    reply: '26',
    call: (c) =>
      c.responses.create({
        model: 'gpt-5-nano',
        input: [
          { role: 'user', content: "What's the weather in Berlin?" },
          { type: 'reasoning', id: 'rs_1', summary: [], encrypted_content: 'gAAAA-opaque' },
          { type: 'function_call', call_id: 'call_berlin', name: 'weather', arguments: '{"city":"Berlin"}' },
          { type: 'function_call_output', call_id: 'call_berlin', output: '15°C and sunny' },
        ],
      }),
  },
  {
    reply: '31',
    call: async (c) => {
      for await (const _event of await c.responses.create({
        model: 'gpt-5-nano',
        input: 'Weather in Berlin?',
        stream: true,
      })) {
        // Read to the end, so the whole stream is recorded.
      }
    },
  },
  {
    reply: '35',
    call: async (c) => {
      for await (const _event of await c.responses.create({
        model: 'gpt-4o',
        input: 'Tell me a long story',
        stream: true,
        max_output_tokens: 16,
      })) {
        // Read to the end.
      }
    },
  },
  { reply: '34', call: (c) => c.responses.create({ model: 'invalid-model', input: 'Hi' }) },
];

const cli = (...args: string[]) => runBin(build.bin, args, { cwd: project.path });
const cassettes = () => join(project.path, 'fixtures/cassettes');

/** Writes the page for `args` with the built bin and opens it. */
async function view(...args: string[]): Promise<WatchedPage & { out: string }> {
  const out = join(project.path, 'page.html');
  const run = await cli('view', ...args, '--out', out);
  expect(run.stderr).toBe('');
  expect(run.stdout).toContain(`Open file://${out}`);
  return { ...(await openPage(browser, out)), out };
}

/** What a page shows for one selector, as a person reads it. */
const texts = (watched: WatchedPage, selector: string) => watched.page.locator(selector).allInnerTexts();

/** No request beyond the file itself, and no script error or CSP report. */
function expectOffline(watched: WatchedPage): void {
  expect(watched.requests).toEqual([]);
  expect(watched.errors).toEqual([]);
}

describe('spark-cassette view, in Chromium', () => {
  test('shows a tool session as a conversation: turns, tool calls and results, a streamed answer, the error, tokens and duration', async () => {
    await recordCassette(cassettes(), 'agent/tool-session', TOOL_SESSION);
    const watched = await view();
    const { page } = watched;

    expect(await texts(watched, 'section.cassette > h2')).toEqual(['fixtures/cassettes/agent/tool-session.yaml']);
    expect(await page.locator('#count').innerText()).toBe('4 of 4 interactions');
    const first = page.locator('#c0-0');
    expect(await first.locator('.xh').innerText()).toMatch(
      /^#1\s+POST \/v1\/chat\/completions\s+gpt-4o-mini\s+200\s+1 tool call\s+73 tokens\s+\d+ ms$/,
    );
    expect(await first.locator('.r-user .what').innerText()).toBe('What is the square of 5?');
    expect(await first.locator('.response .call').innerText()).toMatch(
      /→ square_number\s+call_i6JVJ1KxX79A4WzFri98E03U\n\{\n {2}"number": 5\n\}/,
    );
    const second = page.locator('#c0-1');
    expect(await second.locator('button.fold').innerText()).toBe('… 1 earlier message as in #1');
    expect(await second.locator('.r-tool .what').innerText()).toBe(
      'result of square_number (call_i6JVJ1KxX79A4WzFri98E03U)\n25',
    );
    expect(await second.locator('.response .r-assistant .text').innerText()).toContain(
      'It’s the capital city of Portugal',
    );
    await second.locator('button.fold').click();
    expect(await second.locator('.r-user .what').innerText()).toBe('What is the square of 5?');
    const stream = page.locator('#c0-2');
    expect(await stream.locator('.xh').innerText()).toContain('streamed');
    expect(await stream.locator('.response .text').innerText()).toBe(
      'I now can give a great answer  \nFinal Answer: hi',
    );
    expect(await stream.locator('.response .meta').innerText()).toMatch(
      /^finish stop · 161 in \+ 12 out = 173 tokens · answered by gpt-4o-\S+ · \d+ ms · recorded \S+ · \S+$/,
    );
    const error = page.locator('#c0-3');
    expect(await error.locator('.xh .st').innerText()).toBe('429 rate_limit_exceeded');
    expect(await error.locator('.error').innerText()).toMatch(
      /^429 rate_limit_exceeded \(tokens\)\nRequest too large for gpt-5-nano/,
    );
    expectOffline(watched);
    await page.screenshot({ path: join(ARTIFACTS, 'tool-session.png'), fullPage: true });
  });

  test('shows Responses API exchanges: reasoning summaries and token details, reasoning sent back, streamed calls, a cut stream, the error', async () => {
    await recordCassette(cassettes(), 'responses', RESPONSES_SESSION);
    const watched = await view();
    const { page } = watched;

    const reasoning = page.locator('#c0-0 .response details.reasoning');
    expect(await reasoning.locator('summary').innerText()).toBe('Reasoning summary');
    await reasoning.locator('summary').click();
    expect(await reasoning.innerText()).toContain('**Explaining sky color**');
    expect(await page.locator('#c0-0 .response .meta').innerText()).toMatch(/853 tokens \(576 reasoning\)/);
    expect(await page.locator('#c0-1 .r-assistant summary').first().innerText()).toBe(
      'Reasoning (encrypted, no summary)',
    );
    expect(await page.locator('#c0-1 .r-tool .what').innerText()).toBe(
      'result of weather (call_berlin)\n15°C and sunny',
    );
    expect(await page.locator('#c0-2 .response .fn').innerText()).toMatch(/^→ weather\s+call_\w+$/);
    expect(await page.locator('#c0-3 .response .meta').innerText()).toMatch(/^finish max_output_tokens/);
    expect(await page.locator('#c0-4 .error').innerText()).toBe(
      "400 model_not_found (invalid_request_error)\nThe requested model 'invalid-model' does not exist.",
    );
    expectOffline(watched);
    await page.screenshot({ path: join(ARTIFACTS, 'responses.png'), fullPage: true });
  });

  test('searches and filters across cassettes, marking what matched', async () => {
    await recordCassette(cassettes(), 'agent/tool-session', TOOL_SESSION);
    await recordCassette(cassettes(), 'responses', RESPONSES_SESSION);
    const watched = await view();
    const { page } = watched;
    expect(await page.locator('#count').innerText()).toBe('9 of 9 interactions');

    await page.locator('#q').fill('berlin');
    await expect.poll(() => page.locator('#count').innerText()).toBe('2 of 9 interactions');
    expect(await page.locator('section.cassette:not([hidden]) > h2').allInnerTexts()).toEqual([
      'fixtures/cassettes/responses.yaml',
    ]);
    expect((await page.locator('article:not([hidden]) mark').allInnerTexts()).map((t) => t.toLowerCase())).toContain(
      'berlin',
    );

    await page.locator('#q').fill('');
    await page.getByRole('button', { name: 'Errors' }).click();
    await expect.poll(() => page.locator('#count').innerText()).toBe('2 of 9 interactions');
    expect(await page.locator('article:not([hidden]) .xh .st').allInnerTexts()).toEqual([
      '429 rate_limit_exceeded',
      '400 model_not_found',
    ]);
    await page.getByRole('button', { name: 'Tool calls' }).click();
    await expect.poll(() => page.locator('#count').innerText()).toBe('0 of 9 interactions');
    expectOffline(watched);
  });

  test('moves between interactions and cassettes with the keyboard', async () => {
    await recordCassette(cassettes(), 'agent/tool-session', TOOL_SESSION);
    await recordCassette(cassettes(), 'responses', RESPONSES_SESSION);
    const { page } = await view();
    const focused = () => page.evaluate(() => document.activeElement?.id ?? '');

    await page.keyboard.press('j');
    expect(await focused()).toBe('c0-0');
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    expect(await focused()).toBe('c0-2');
    await page.keyboard.press('k');
    expect(await focused()).toBe('c0-1');
    await page.keyboard.press(']');
    expect(await focused()).toBe('c1-0');
    await page.keyboard.press('[');
    expect(await focused()).toBe('c0-0');
    await page.keyboard.press('/');
    expect(await focused()).toBe('q');
    await page.keyboard.type('lisbon');
    await page.keyboard.press('Enter');
    await expect.poll(focused).toBe('c0-1');
    await page.keyboard.press('?');
    expect(await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    expect(await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).isVisible()).toBe(false);
  });

  test('shows cassette text as text: markup in a recording runs nothing and loads nothing', async () => {
    const attack =
      '</script><script>window.pwned = 1</script><img src="http://127.0.0.1:9/x.png" onerror="window.pwned = 2"><b>bold</b>';
    await recordCassette(cassettes(), 'hostile', [
      { reply: '01', call: (c) => c.chat.completions.create(chat(attack)) },
    ]);
    const watched = await view();

    expect(await watched.page.locator('#c0-0 .r-user .what').innerText()).toBe(attack);
    expect(await watched.page.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined();
    expect(await watched.page.locator('img, b').count()).toBe(0);
    expectOffline(watched);
    const html = await readFile(watched.out, 'utf8');
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'sha256-`,
    );
    expect(html).not.toContain('</script><script>window.pwned');
  });

  test('flags recordings the last replay left unused and the problems verify finds', async () => {
    await recordCassette(cassettes(), 'agent/tool-session', TOOL_SESSION);
    const file = join(cassettes(), 'agent/tool-session.yaml');
    const key = ['sk', 'proj', 'Ab3dEf6hIj9kLm2nOp5q'.repeat(2)].join('-');
    const text = (await readFile(file, 'utf8')).replace(
      'x-request-id: ',
      `x-debug-key: ${key}\n        x-request-id: `,
    );
    await writeFile(file, text);
    const ids = [...text.matchAll(/^ {2}- id: (\S+)/gm)].map((m) => m[1] as string);
    await writeUsageReport(
      { cassettePath: file, unused: [ids[2] as string], text },
      { dir: join(project.path, '.spark-cache/cassette-usage') },
    );
    const watched = await view();
    const { page } = watched;

    expect(await page.locator('section.cassette > p.meta').innerText()).toMatch(/last replay \S+: 1 recording unused$/);
    expect(await page.locator('#c0-2 .xh .flag').innerText()).toBe('unused in last replay');
    const flagged = page.locator('article', { has: page.locator('.flag', { hasText: 'secret' }) });
    expect(await flagged.count()).toBe(1);
    expect(await flagged.locator('ul.problems').innerText()).toMatch(
      /^secret \(line \d+\) Secret in fixtures\/cassettes\/agent\/tool-session.yaml: interaction #\d \(\S+\) `response.headers.x-debug-key` holds an OpenAI API key/,
    );
    await page.getByRole('button', { name: 'Flagged' }).click();
    await expect.poll(() => page.locator('#count').innerText()).toBe('2 of 4 interactions');
    expect(await page.locator('body').innerText()).not.toContain(key);
    expectOffline(watched);
  });

  test('opens a 1,000-interaction cassette with only the visible bodies drawn, and draws the rest on the way', async () => {
    const file = join(cassettes(), 'large.yaml');
    await mkdir(cassettes(), { recursive: true });
    await writeFile(
      file,
      serializeCassette({
        version: 1,
        interactions: Array.from({ length: 1000 }, (_, i) => largeInteraction(i, 2000)),
      }),
    );
    const watched = await view();
    const { page } = watched;
    const drawn = () => page.locator('article .xb').count();

    expect(await page.locator('article').count()).toBe(1000);
    expect(await drawn()).toBeLessThan(40);
    await page.keyboard.press('End');
    await expect.poll(() => page.locator('#c0-999 .xb').count()).toBe(1);
    expect(await page.locator('#c0-999 .response .text').innerText()).toBe('reply 999');
    expect(await drawn()).toBeLessThan(200);
    const size = (await stat(watched.out)).size;
    expect(size).toBeLessThan((await stat(file)).size);
    expectOffline(watched);
  });

  test('prints every interaction in full, without the controls', async () => {
    await recordCassette(cassettes(), 'agent/tool-session', TOOL_SESSION);
    await writeFile(
      join(cassettes(), 'many.yaml'),
      serializeCassette({ version: 1, interactions: Array.from({ length: 200 }, (_, i) => largeInteraction(i, 500)) }),
    );
    const { page } = await view();

    await page.emulateMedia({ media: 'print' });
    await expect.poll(() => page.locator('article .xb').count()).toBe(204);
    expect(await page.locator('header.bar').isVisible()).toBe(false);
    expect(await page.locator('nav.side').isVisible()).toBe(false);
    expect(await page.locator('#c0-1 .r-user .what').innerText()).toBe('What is the square of 5?');
    const pdf = await page.pdf();
    expect(pdf.length).toBeGreaterThan(10_000);
  });

  test('keeps text readable: at least 4.5:1 contrast in light and dark schemes', async () => {
    await recordCassette(cassettes(), 'agent/tool-session', TOOL_SESSION);
    const { page } = await view();
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      const ratios = await page.evaluate(() => {
        const rgb = (color: string): number[] => (color.match(/[\d.]+/g) ?? []).map(Number);
        const luminance = ([r = 0, g = 0, b = 0]: number[]): number => {
          const [lr, lg, lb] = [r, g, b].map((v) =>
            v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4,
          );
          return 0.2126 * (lr ?? 0) + 0.7152 * (lg ?? 0) + 0.0722 * (lb ?? 0);
        };
        const background = (el: Element | null): number[] => {
          for (let at = el; at; at = at.parentElement) {
            const color = rgb(getComputedStyle(at).backgroundColor);
            if (color.length < 4 || (color[3] ?? 0) > 0) {
              return color;
            }
          }
          return [255, 255, 255];
        };
        const selectors = [
          '.who',
          '.meta',
          '.dim',
          '.xh .st',
          '.xh .model',
          '.error',
          '.text',
          '.fn',
          '.arrow',
          'pre.code',
          '.search',
          'button.filter',
          'section h2',
        ];
        return selectors.flatMap((selector) =>
          [...document.querySelectorAll(selector)].slice(0, 3).map((el) => {
            const [a, b] = [luminance(rgb(getComputedStyle(el).color)), luminance(background(el))];
            return { selector, ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05) };
          }),
        );
      });
      expect(ratios.length).toBeGreaterThan(20);
      for (const { selector, ratio } of ratios) {
        expect(ratio, `${scheme} ${selector}`).toBeGreaterThanOrEqual(4.5);
      }
    }
  });

  test('shows the diff of two recordings side by side', async () => {
    const baseUrl = await recordCassette(join(project.path, 'old'), 'session', TOOL_SESSION);
    const recorded = await recordCassette(join(project.path, 'new'), 'session', [
      TOOL_SESSION[0] as SessionStep,
      { ...(TOOL_SESSION[1] as SessionStep), reply: '12' },
      TOOL_SESSION[2] as SessionStep,
      TOOL_SESSION[3] as SessionStep,
    ]);
    const newFile = join(project.path, 'new/session.yaml');
    await writeFile(newFile, (await readFile(newFile, 'utf8')).replaceAll(recorded, baseUrl));
    const watched = await view('--diff', 'old/session.yaml', 'new/session.yaml');
    const { page } = watched;

    expect(await page.getByRole('button', { name: 'Changes only' }).getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('#count').innerText()).toBe('1 of 4 interactions');
    const row = page.locator('article:not([hidden])');
    expect(await row.locator('.xh').innerText()).toMatch(/^#2 → #2\s+POST \S+\s+gpt-4o-mini\s+changed$/);
    expect(await row.locator('.changes').innerText()).toMatch(
      /finish: stop → length\ntokens: \{"input":18,"output":24,"total":42\} → \{"input":16,"output":10,"total":26\}/,
    );
    expect(await row.locator('.side.old del').first().innerText()).toBe('How about "Lisbon"? It’s the capital city');
    expect(await row.locator('.side.new ins').first().innerText()).toBe('**Title: The Last Ember');
    expect(await row.locator('.side.old h3').innerText()).toBe('Before old/session.yaml');
    expectOffline(watched);
    await page.screenshot({ path: join(ARTIFACTS, 'diff.png'), fullPage: true });
  });

  test('saves a screenshot of the page of each fixture cassette', async () => {
    const dir = join(ROOT, 'fixtures/cassettes/examples');
    const files = (await readdir(dir)).filter((name) => name.endsWith('.yaml'));
    expect(files.length).toBeGreaterThan(0);
    for (const name of files) {
      const watched = await view(join(dir, name));
      expect(await watched.page.locator('article').count()).toBeGreaterThan(0);
      expect(await watched.page.locator('article .xb').count()).toBeGreaterThan(0);
      expectOffline(watched);
      await watched.page.screenshot({ path: join(ARTIFACTS, `${basename(name, '.yaml')}.png`), fullPage: true });
      await watched.page.close();
    }
  });

  test('fails, saying how to install Chromium, when it is missing', async () => {
    await expect(launchBrowser('/nonexistent/chromium')).rejects.toThrow(
      missingChromium('/nonexistent/chromium').message,
    );
    expect(missingChromium('/usr/bin/chromium').message).toContain('apt-get update && apt-get install -y chromium');
  });
});
