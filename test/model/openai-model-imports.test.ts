import { expect, test } from 'vitest';
import { finished } from '../cassette/helpers/child.js';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// A fresh process: in this one, vitest and the test files have loaded zod and ajv already.
test('importing OpenAIModel loads neither zod nor ajv; getJson loads them when a schema needs them', async () => {
  const script = fileURLToPath(new URL('./fixtures/lazy-imports.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  const { code, stdout, stderr } = await finished(child);
  expect(stderr).toBe('');
  expect(code).toBe(0);
  expect(JSON.parse(stdout)).toEqual({
    atImport: { zod: false, ajv: false },
    afterCalls: { zod: true, ajv: true },
    parsed: [{ city: 'Paris' }, { city: 'Paris' }],
  });
});
