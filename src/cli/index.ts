#!/usr/bin/env node
/**
 * The `spark-cassette` bin: inspect and maintain cassette files (`list`, `show`, `verify`,
 * `prune`, `redact`). A thin shell: argv goes to `runCli`, whose exit code becomes the
 * process's. Unexpected failures print one line, never a stack, and exit 1.
 */
import { EXIT } from './exit-codes.js';
import { readVersion } from './read-version.js';
import { runCli } from './run-cli.js';

try {
  process.exitCode = await runCli(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    version: readVersion(import.meta.url),
  });
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(
    `spark-cassette: failed: ${message}\nIf this looks like a bug, run again with SPARK_CASSETTE_DEBUG=1 for the stack and report it.\n`,
  );
  if (process.env['SPARK_CASSETTE_DEBUG']) {
    process.stderr.write(`${error instanceof Error ? error.stack : ''}\n`);
  }
  process.exitCode = EXIT.problems;
}
