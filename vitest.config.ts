import { defineConfig } from 'vitest/config';

// Tests must never read a developer's real key or endpoint.
const env = {
  OPENAI_API_KEY: '',
  OPENAI_BASE_URL: '',
  OPENAI_ORG_ID: '',
  OPENAI_PROJECT_ID: '',
  SPARK_CASSETTE_MODE: '',
};

export default defineConfig({
  test: {
    projects: [
      {
        test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/e2e/**'], testTimeout: 20_000, env },
      },
      {
        // The packed tarball and subprocesses: slower, so they run as their own project.
        test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], testTimeout: 240_000, hookTimeout: 240_000, env },
      },
    ],
  },
});
