import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** One fenced code block of a Markdown file. */
export interface CodeBlock {
  /** The info string: `ts`, `sh`, `yaml`, `text`, or `""`. */
  lang: string;
  /** 1-based line of the opening fence. */
  line: number;
  lines: string[];
  /** The first line that is not blank, for messages. */
  title: string;
}

/** The fenced code blocks of a Markdown text, in order. */
export function codeBlocks(markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  let open: CodeBlock | undefined;
  markdown.split('\n').forEach((text, index) => {
    const fence = /^```(\S*)\s*$/.exec(text);
    if (!open && fence) {
      open = { lang: fence[1] ?? '', line: index + 1, lines: [], title: '' };
    } else if (open && text.startsWith('```')) {
      open.title = open.lines.find((l) => l.trim() !== '')?.trim() ?? '(empty block)';
      blocks.push(open);
      open = undefined;
    } else if (open) {
      open.lines.push(text);
    }
  });
  return blocks;
}

/** Every file under `dir` (recursively) whose name ends with one of `extensions`, skipping node_modules. */
export function filesUnder(dir: string, extensions: readonly string[]): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === 'node_modules') {
      continue;
    }
    if (statSync(path).isDirectory()) {
      found.push(...filesUnder(path, extensions));
    } else if (extensions.some((extension) => name.endsWith(extension))) {
      found.push(path);
    }
  }
  return found;
}

/** A file's lines in the form blocks are compared: leading and trailing blanks removed. */
export interface SourceFile {
  path: string;
  lines: string[];
}

/** Reads files for `findBlock`, each line passed through `normalize` (trimmed by default). */
export function readSources(
  paths: readonly string[],
  root: string,
  normalize: (line: string) => string = (line) => line.trim(),
): SourceFile[] {
  return paths.map((path) => ({
    path: relative(root, path),
    lines: readFileSync(path, 'utf8').split('\n').map(normalize),
  }));
}

/**
 * The first file holding the block's lines as a contiguous run (each line compared after
 * `normalize`, so indentation does not matter), or undefined.
 */
export function findBlock(
  block: CodeBlock,
  sources: readonly SourceFile[],
  normalize: (line: string) => string = (line) => line.trim(),
): string | undefined {
  const wanted = block.lines.map(normalize);
  for (const source of sources) {
    for (
      let start = source.lines.indexOf(wanted[0] ?? '');
      start !== -1;
      start = source.lines.indexOf(wanted[0] ?? '', start + 1)
    ) {
      if (wanted.every((line, offset) => source.lines[start + offset] === line)) {
        return source.path;
      }
    }
  }
  return undefined;
}

/** Splits a shell command line into words: spaces separate, single and double quotes group. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  for (const match of line.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)) {
    words.push(match[1] ?? match[2] ?? match[3] ?? '');
  }
  return words;
}

/** The rows of the first Markdown table after `heading`: the first cell of each, backticks removed. */
export function tableKeys(markdown: string, heading: string): string[] {
  const start = markdown.indexOf(`\n${heading}\n`);
  if (start === -1) {
    return [];
  }
  const lines = markdown.slice(start).split('\n');
  const first = lines.findIndex((line) => line.startsWith('|'));
  const rows: string[] = [];
  for (const line of lines.slice(first + 2)) {
    if (!line.startsWith('|')) {
      break;
    }
    rows.push(line.split('|')[1]?.trim().replaceAll('`', '') ?? '');
  }
  return rows;
}
