import { readFileSync } from 'node:fs';

/**
 * The version of the spark-models package this bin belongs to: the first `package.json` named
 * "spark-models" above the bin (two levels up when installed, further in a private build).
 */
export function readVersion(from: string): string {
  for (let up = '../'; up.length <= 3 * 8; up += '../') {
    try {
      const manifest = JSON.parse(readFileSync(new URL(`${up}package.json`, from), 'utf8')) as {
        name?: unknown;
        version?: unknown;
      };
      if (manifest.name === 'spark-models' && typeof manifest.version === 'string') {
        return manifest.version;
      }
    } catch {
      // No package.json at this level: look further up.
    }
  }
  return 'unknown';
}
