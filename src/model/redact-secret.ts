/**
 * Removes a secret (the API key) from an error's message and stack, and from those of its
 * causes: some servers echo the key they were sent, and error messages end up in logs and CI
 * output. Only values of 8 or more characters are replaced, so a short test key cannot rewrite
 * ordinary words.
 */
export function redactSecret<E extends Error>(error: E, secret: string | undefined): E {
  if (!secret || secret.length < 8) {
    return error;
  }
  for (let current: unknown = error; current instanceof Error; current = current.cause) {
    // The stack was rendered with the message when the error was made: scrub both.
    for (const field of ['message', 'stack'] as const) {
      const value = current[field];
      if (value?.includes(secret)) {
        // DOMException exposes read-only getters; define an own property instead of assigning.
        Object.defineProperty(current, field, {
          value: value.split(secret).join('[REDACTED]'),
          configurable: true,
          writable: true,
        });
      }
    }
  }
  return error;
}
