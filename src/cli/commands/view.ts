import { relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PathSegment } from '../../cassette/body-paths.js';
import { cassetteDigest, readUsageReport } from '../../cassette/usage-report.js';
import { writeFileAtomic } from '../../internal/atomic-write.js';
import { diffCassettes } from '../diff/cassette-diff.js';
import { findCassettes } from '../find-cassettes.js';
import { loadCassette, type LoadedCassette } from '../load-cassette.js';
import type { Problem } from '../problem.js';
import type { RedactionRules } from '../redaction-rules.js';
import { cassetteTranscript } from '../transcript/transcript.js';
import { renderPage } from '../view/page.js';
import { pageExchanges, type PageCassette, type PageData, type PageUsageReport } from '../view/page-data.js';
import { diffSources, type DiffTarget } from './diff.js';
import { checkCassette } from './verify.js';

/** What `view` shows and where it writes. */
export interface ViewOptions {
  /** The cassettes to show; or `diff`, two versions to compare. */
  paths?: readonly string[];
  diff?: DiffTarget;
  out: string;
  /** Where replays left usage reports (for the unused recordings flag). */
  reportDir: string;
  rules: RedactionRules;
  ignoredFields: readonly (readonly PathSegment[])[];
  version: string;
  cwd: string;
}

/** What `view` wrote. */
export interface ViewResult {
  /** The page, as a path and as a `file://` URL to open. */
  out: string;
  url: string;
  /** Size of the page in bytes. */
  bytes: number;
  cassettes: number;
  interactions: number;
  /** Interactions flagged on the page: unused recordings and those `verify` finds a problem in. */
  flagged: number;
  /** Whether `--open` handed the page to a browser (absent without `--open`). */
  opened?: boolean;
  /** Cassettes that could not be read (the page shows them too). */
  problems: Problem[];
}

/** Builds the page for the cassettes (or the diff) and writes it to `out`. */
export async function viewCassettes(options: ViewOptions): Promise<ViewResult> {
  const generator = `spark-cassette ${options.version}`;
  const data: PageData = { title: 'Cassettes', generator, generatedAt: new Date().toISOString() };
  const problems: Problem[] = [];
  let interactions = 0;
  let flagged = 0;
  if (options.diff) {
    const sources = await diffSources({ target: options.diff, cwd: options.cwd, ignoredFields: options.ignoredFields });
    problems.push(...sources.problems);
    data.title = 'Cassette diff';
    data.diffs = sources.pairs.map(({ before, after }) => {
      const diff = diffCassettes(before, after, options.ignoredFields);
      interactions += diff.interactions.length;
      flagged += diff.interactions.filter((i) => i.change !== 'same').length;
      return {
        diff,
        ...(before ? { before: pageExchanges(cassetteTranscript(before.file, before.shown)) } : {}),
        ...(after ? { after: pageExchanges(cassetteTranscript(after.file, after.shown)) } : {}),
      };
    });
  } else {
    data.cassettes = [];
    for (const location of await findCassettes(options.paths ?? [])) {
      const loaded = await loadCassette(location);
      if ('problem' in loaded) {
        problems.push(loaded.problem);
        data.cassettes.push({
          file: loaded.problem.file,
          problems: [loaded.problem],
          usageReport: { state: 'none' },
          interactions: [],
        });
        continue;
      }
      const cassette = await pageCassette(loaded.cassette, options);
      interactions += cassette.interactions.length;
      flagged += cassette.interactions.filter(
        (x) => x.unused || cassette.problems.some((p) => p.interaction?.index === x.index),
      ).length;
      data.cassettes.push(cassette);
    }
  }
  const html = renderPage(data);
  await writeFileAtomic(options.out, html);
  const shown = relative(options.cwd, options.out);
  return {
    out: shown.startsWith('..') ? options.out : shown,
    url: pathToFileURL(options.out).href,
    bytes: Buffer.byteLength(html),
    cassettes: (data.cassettes ?? data.diffs ?? []).length,
    interactions,
    flagged,
    problems,
  };
}

async function pageCassette(cassette: LoadedCassette, options: ViewOptions): Promise<PageCassette> {
  const report = await readUsageReport(cassette.path, { dir: options.reportDir });
  // A report only speaks for the exact text it was made from (as for `prune`).
  const fresh = report && report.cassetteSha256 === cassetteDigest(cassette.text) ? report : undefined;
  const usageReport: PageUsageReport = fresh
    ? { state: 'fresh', reportedAt: fresh.when, unused: fresh.unused.length }
    : report
      ? { state: 'stale', reportedAt: report.when }
      : { state: 'none' };
  const transcript = cassetteTranscript(cassette.file, cassette.shown);
  return {
    file: transcript.file,
    ...(transcript.provenance ? { provenance: transcript.provenance } : {}),
    problems: checkCassette(cassette, options),
    usageReport,
    interactions: pageExchanges(transcript, new Set(fresh?.unused ?? [])),
  };
}
