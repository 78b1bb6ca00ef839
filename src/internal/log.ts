/**
 * The one place library code writes to the console: warnings the user should see but that
 * must not fail anything (such as unused cassette recordings). Everything carries the
 * `[spark-models]` prefix so it can be found and filtered in CI output.
 */
export function warn(message: string): void {
  // eslint-disable-next-line no-console -- the single sanctioned console call
  console.warn(`[spark-models] ${message}`);
}
