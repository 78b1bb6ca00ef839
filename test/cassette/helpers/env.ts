import { afterEach } from 'vitest';

/**
 * Sets environment variables for one test and restores them afterwards. `undefined` unsets.
 * @example
 * const env = useEnv(); test('...', () => { env.set({ CI: 'true' }); ... });
 */
export function useEnv(): { set(vars: Record<string, string | undefined>): void } {
  const saved = new Map<string, string | undefined>();
  afterEach(() => {
    for (const [name, value] of saved) {
      if (value === undefined) {
        delete process.env[name];
      } else {
        process.env[name] = value;
      }
    }
    saved.clear();
  });
  return {
    set(vars) {
      for (const [name, value] of Object.entries(vars)) {
        if (!saved.has(name)) {
          saved.set(name, process.env[name]);
        }
        if (value === undefined) {
          delete process.env[name];
        } else {
          process.env[name] = value;
        }
      }
    },
  };
}
