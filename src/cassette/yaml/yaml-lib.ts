import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

let loaded: typeof Yaml | undefined;

/**
 * The `yaml` package, loaded the first time it is needed: to write a cassette, or to read one
 * outside the subset `yaml-reader.ts` reads. A replay of files written by `serializeCassette`
 * never needs it, and it is the largest module a cassette would otherwise load in every test
 * file (`npm run bench -- suite` measures the import cost). Its Node entry is CommonJS, so it
 * loads synchronously here and is the same instance an `import` gets.
 */
export function yamlLib(): typeof Yaml {
  loaded ??= createRequire(import.meta.url)('yaml') as typeof Yaml;
  return loaded;
}
