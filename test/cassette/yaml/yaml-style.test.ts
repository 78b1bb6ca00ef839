import { Document, parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { styleMultilineStrings } from '../../../src/cassette/yaml/yaml-style.js';

const ALPHABET = [
  'a',
  'b',
  ' ',
  ' ',
  '\n',
  '\n',
  '\t',
  '#',
  ':',
  '-',
  '|',
  '"',
  "'",
  '>',
  'é',
  '\r',
  '{',
  '[',
  '0',
  '*',
  '&',
  '!',
  '%',
  '\u2028',
  '\u0085',
];

function roundTrip(value: string): string {
  const document = new Document({ list: [{ value }] }, { aliasDuplicateObjects: false });
  styleMultilineStrings(document);
  return (parse(document.toString({ lineWidth: 0, minContentWidth: 0 })) as { list: { value: string }[] }).list[0]
    ?.value as string;
}

describe('multi-line strings in YAML', () => {
  test('survive a round trip for 20,000 random strings, including lines of only spaces', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const failures: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const value = Array.from(
        { length: 1 + Math.floor(random() * 24) },
        () => ALPHABET[Math.floor(random() * ALPHABET.length)],
      ).join('');
      if (roundTrip(value) !== value) {
        failures.push(value);
      }
    }
    expect(failures).toEqual([]);
  });

  test('are literal blocks when plain, double-quoted when a line holds only spaces', () => {
    const document = new Document({ a: 'first\nsecond\n', b: 'I now\n  \nFinal' });
    styleMultilineStrings(document);
    expect(document.toString({ lineWidth: 0 })).toBe('a: |\n  first\n  second\nb: "I now\\n \\ \\nFinal"\n');
  });
});
