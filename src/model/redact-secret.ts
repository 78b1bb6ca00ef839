/**
 * Removes a secret (the API key) from an error's message and from its cause's message: some
 * servers echo the key they were sent, and error messages end up in logs and CI output.
 * Only values of 8 or more characters are replaced, so a short test key cannot rewrite words.
 */
export function redactSecret<E extends Error>(error: E, secret: string | undefined): E {
  if (!secret || secret.length < 8) {
    return error;
  }
  for (let current: unknown = error; current instanceof Error; current = current.cause) {
    // The stack was rendered with the message when the error was made: scrub both.
    current.message = current.message.split(secret).join('[REDACTED]');
    if (current.stack) {
      current.stack = current.stack.split(secret).join('[REDACTED]');
    }
  }
  return error;
}
