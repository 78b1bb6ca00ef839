import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serializeCassette } from '../../src/cassette/format.js';
import type { JsonValue } from '../../src/cassette/types.js';
import { benchDir } from './large-file.js';
import { interactionFor } from './fixtures.js';

/** Writes a one-interaction replay cassette answering `body` with corpus 01; returns its dir and name. */
export function writeSmallCassette(name: string, body: Record<string, JsonValue>): { dir: string; name: string } {
  const dir = benchDir();
  const file = { version: 1 as const, interactions: [interactionFor(body, 0)] };
  writeFileSync(join(dir, `${name}.yaml`), serializeCassette(file));
  return { dir, name };
}
