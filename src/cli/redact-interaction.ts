import { storedBodyText, toStoredBody } from '../cassette/body.js';
import { REDACTED } from '../cassette/defaults.js';
import { headerValue } from '../cassette/headers.js';
import { redactHeaders, redactText, requestSecrets } from '../cassette/redact.js';
import type { RecordedInteraction, RecordedRequest, RecordedResponse, StoredBody } from '../cassette/types.js';
import { redactionHook, type RedactionRules } from './redaction-rules.js';

/**
 * An interaction redacted again, the way recording redacts a live exchange (`redact.ts`): the
 * request's key headers give the secrets to scrub everywhere, redacted headers become
 * `REDACTED`, and URLs, header values and text bodies pass the scrubbing and then the hook.
 * Bodies are redacted as their exact text and stored again in their most readable form. The
 * hash is left as it was: the caller recomputes hashes once the whole file is redacted.
 */
export function redactInteraction(interaction: RecordedInteraction, rules: RedactionRules): RecordedInteraction {
  const { request, response } = interaction;
  const secrets = requestSecrets((name) => headerValue(request.headers, name), rules.knownSecrets).filter(
    (s) => s !== REDACTED,
  );
  const hook = redactionHook(rules);
  const redactedRequest: RecordedRequest = {
    method: request.method,
    url: redactText(request.url, secrets, hook, { part: 'request', location: 'url' }),
    headers: redactHeaders(request.headers, secrets, hook, 'request'),
    ...bodyOf(request.body, headerValue(request.headers, 'content-type'), (text) =>
      redactText(text, secrets, hook, { part: 'request', location: 'body' }),
    ),
  };
  const redactedResponse: RecordedResponse = {
    status: response.status,
    headers: redactHeaders(response.headers, secrets, hook, 'response'),
    ...bodyOf(response.body, headerValue(response.headers, 'content-type'), (text) =>
      redactText(text, secrets, hook, { part: 'response', location: 'body' }),
    ),
  };
  return { ...interaction, request: redactedRequest, response: redactedResponse };
}

// Binary bodies are never redacted (recording leaves them as they are too); an unchanged body
// keeps its stored form, so a file only changes where a secret was.
function bodyOf(
  body: StoredBody | undefined,
  contentType: string | undefined,
  redact: (text: string) => string,
): { body?: StoredBody } {
  if (body === undefined) {
    return {};
  }
  if ('base64' in body) {
    return { body };
  }
  const text = storedBodyText(body);
  const redacted = redact(text);
  return { body: redacted === text ? body : toStoredBody(redacted, contentType) };
}

/** The fields of an interaction that differ between two versions, as paths (`request.headers.cookie`). */
export function changedFields(before: RecordedInteraction, after: RecordedInteraction): string[] {
  const changed: string[] = [];
  for (const part of ['request', 'response'] as const) {
    if (part === 'request' && before.request.url !== after.request.url) {
      changed.push('request.url');
    }
    const names = new Set([...Object.keys(before[part].headers), ...Object.keys(after[part].headers)]);
    for (const name of names) {
      if (JSON.stringify(before[part].headers[name]) !== JSON.stringify(after[part].headers[name])) {
        changed.push(`${part}.headers.${name}`);
      }
    }
    if (before[part].body !== after[part].body) {
      changed.push(`${part}.body`);
    }
  }
  if (before.hash !== after.hash) {
    changed.push('hash');
  }
  return changed;
}
