import { execFile } from 'node:child_process';

/** Runs git in `cwd` and resolves to its stdout, or rejects with its stderr as the message. */
export function git(args: readonly string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    // Cassettes can be tens of megabytes: the default 1 MB buffer would cut them.
    execFile('git', [...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 }, (error, stdout, stderr) => {
      if (error) {
        const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
        reject(new Error(missing ? 'git is not installed (or not on PATH)' : stderr.trim() || error.message));
      } else {
        resolve(stdout);
      }
    });
  });
}
