import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';

/**
 * Hands the page to a browser without waiting for it: `$BROWSER` when set (as `git web--browse`
 * and Python's `webbrowser` honour it), else the platform's opener. Resolves to whether the
 * opener started.
 */
export function openInBrowser(path: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  const url = pathToFileURL(path).href;
  const [command, ...args] = env['BROWSER']
    ? [env['BROWSER'], url]
    : process.platform === 'darwin'
      ? ['open', url]
      : process.platform === 'win32'
        ? ['cmd', '/c', 'start', '""', url]
        : ['xdg-open', url];
  return new Promise((resolve) => {
    const child = spawn(command as string, args, { detached: true, stdio: 'ignore', env });
    child.once('error', () => resolve(false));
    child.once('spawn', () => {
      child.unref();
      resolve(true);
    });
  });
}
