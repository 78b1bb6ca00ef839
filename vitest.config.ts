import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    // Tests must never read a developer's real key or endpoint.
    env: { OPENAI_API_KEY: '', OPENAI_BASE_URL: '', OPENAI_ORG_ID: '' },
  },
});
