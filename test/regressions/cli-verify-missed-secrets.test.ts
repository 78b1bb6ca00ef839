/**
 * Regression: `spark-cassette verify` looked for the environment's key as it is, and key
 * shapes, so it passed cassettes holding the key as base64 inside a binary body, URL-encoded,
 * split across stream deltas, or the organization in an error body. It now uses the module
 * recording scrubs with, so whatever recording would scrub, verify finds.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { serializeCassette, type StoredBody } from '../../src/cassette/index.js';
import { verifyCassettes } from '../../src/cli/commands/verify.js';
import { redactionRules } from '../../src/cli/redaction-rules.js';
import { useTempDir } from '../helpers/temp-dir.js';

const dir = useTempDir('spark-regression-verify-');
const KEY = 'sk-missed~0123456789abcdef';
const ORG = 'org-missed0123456789';

const bodies: StoredBody[] = [
  { base64: Buffer.concat([Buffer.from([0xff]), Buffer.from(KEY)]).toString('base64') },
  { text: encodeURIComponent(KEY).replace('~', '%7E') },
  { events: [{ data: 'sk-missed~0123' }, { data: '456789abcdef' }] },
  { json: { error: { message: `in organization ${ORG}` } } },
];

describe('spark-cassette verify', () => {
  test('finds the key as bytes, URL-encoded, split across events, and the organization in a body', async () => {
    const interactions = bodies.map((body, i) => ({
      id: `${i}`.padStart(12, '0') + '-1',
      hash: 'h'.repeat(64),
      request: { method: 'POST', url: 'https://api.openai.com/v1/x', headers: {} },
      response: { status: 200, headers: {}, body },
      recordedAt: '2025-01-31T12:00:00.000Z',
    }));
    await writeFile(join(dir.path, 'missed.yaml'), serializeCassette({ version: 1, interactions }));

    const result = await verifyCassettes({
      paths: [dir.path],
      rules: redactionRules({}, { OPENAI_API_KEY: KEY, OPENAI_ORG_ID: ORG }),
      ignoredFields: [],
    });

    const found = result.problems.filter((p) => p.code === 'secret').map((p) => p.interaction?.index);
    expect(found).toEqual([0, 1, 2, 3]);
  });
});
