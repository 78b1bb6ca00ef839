/**
 * The page script's shared object. The script is the source text of the `install*` functions
 * (`../page.ts` joins them), each adding its part to one `app`. They run in the browser, so
 * each function must be self-contained: no value imports and no module-level constants, only
 * `import type` (erased) and what it defines inside itself.
 */
import type { CassetteDiff, InteractionDiff } from '../../diff/types.js';
import type { TextPart } from '../../diff/text-diff.js';
import type { Problem } from '../../problem.js';
import type { PageData, PageExchange } from '../page-data.js';

/** A child for `app.el`: nodes, text, or nothing (skipped). */
export type Child = Node | string | null | undefined | false;

/** One interaction (or diff row) on the page: its element, what search reads, its filter tags. */
export interface Entry {
  article: HTMLElement;
  section: number;
  /** Lower-case text search looks in, built on first use. */
  haystack(): string;
  tags: ReadonlySet<string>;
  /** Fills the article's body (once, or again after the search changed). */
  render(): void;
  rendered: boolean;
}

/** A filter button: its label and the tag an entry needs to pass it. */
export interface Filter {
  tag: string;
  label: string;
}

/** What the page's parts share. */
export interface ViewerApp {
  data: PageData;
  entries: Entry[];
  /** The current search, lower case ('' for none). */
  query: string;
  /** Tags every shown entry must have. */
  active: Set<string>;
  /** The entry keyboard navigation is on (index into `entries`), or -1. */
  current: number;
  /** An element with classes, text and attributes; children are appended as text nodes or nodes. */
  el(tag: string, className?: string, ...children: Child[]): HTMLElement;
  /** `text` as nodes, with each match of the current search in a `<mark>`. */
  marked(text: string): Node;
  /** Pretty JSON (or the text itself) in a `<pre>`. */
  json(value: unknown): HTMLElement;
  /** One interaction's body: tools, messages (earlier ones folded), the response, its problems. */
  exchangeBody(
    all: readonly PageExchange[],
    index: number,
    problems: readonly Problem[],
    answer?: TextPart[],
    side?: 'removed' | 'added',
  ): HTMLElement;
  /** Problems as a list: code (and line), message, fix. */
  problemList(problems: readonly Problem[]): HTMLElement;
  /** One interaction's header line. */
  exchangeHeader(exchange: PageExchange, problems: readonly Problem[]): HTMLElement;
  /** A diff row's "what changed" panel. */
  changesPanel(diff: InteractionDiff): HTMLElement;
  /** Builds the sections of a view page or of a diff page. */
  buildView(main: HTMLElement): void;
  buildDiff(
    main: HTMLElement,
    diffs: readonly { diff: CassetteDiff; before?: PageExchange[]; after?: PageExchange[] }[],
  ): void;
  /** Fills bodies as they come near the viewport. */
  observe(entry: Entry): void;
  renderAll(): void;
  /** Applies the search and filters: hides what does not match, updates counts. */
  applyFilters(): void;
  /** Moves keyboard focus to an entry (`delta` from the current one among those shown). */
  move(delta: number): void;
  start(): void;
}
