import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Registers toHaveCalledTool, toHaveToolCallSequence and toHaveModelCallCount.
    setupFiles: ['spark-models/vitest/setup'],
  },
});
