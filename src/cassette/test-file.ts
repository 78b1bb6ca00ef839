import { isAbsolute, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const TEST_FILE = /\.(test|spec)\.[cm]?[jt]sx?$/;

/**
 * The test file in a stack trace (the first frame whose file looks like a test), relative to
 * the working directory: miss messages name it in the re-record command.
 */
export function testFileFromStack(stack: string | undefined, cwd: string = process.cwd()): string | undefined {
  for (const line of stack?.split('\n') ?? []) {
    const match = /\(?((?:file:\/\/)?[^\s()]+?):\d+:\d+\)?$/.exec(line.trim());
    const location = match?.[1];
    if (!location) {
      continue;
    }
    const path = location.startsWith('file://') ? fileURLToPath(location) : location;
    if (TEST_FILE.test(path)) {
      return isAbsolute(path) ? relative(cwd, path) : path;
    }
  }
  return undefined;
}
