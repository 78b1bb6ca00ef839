import { secretMatcher, type SecretMatcher } from '../internal/secret-forms.js';
import { storedBodyText, toStoredBody } from '../cassette/body.js';
import { REDACTED } from '../cassette/defaults.js';
import { headerValue } from '../cassette/headers.js';
import { redactBytes, redactHeaders, redactText } from '../cassette/redact.js';
import { recordedSecrets } from '../cassette/secrets.js';
import { scrubSplitSecrets } from '../cassette/sse-secrets.js';
import type { RecordedInteraction, RecordedRequest, RecordedResponse, StoredBody } from '../cassette/types.js';
import { redactionHook, type RedactionRules } from './redaction-rules.js';

/**
 * An interaction redacted again, the way recording redacts a live exchange (`secrets.ts`,
 * `redact.ts`): the secrets its request (and its response's headers) still hold are scrubbed
 * everywhere in every encoding, redacted headers become `REDACTED`, and URLs, header values
 * and text bodies pass the scrubbing and then the hook. Bodies are redacted as their exact text
 * (bytes for base64 ones) and stored again in their most readable form; a secret split across a
 * stream's events is cut. The hash is left as it was: the caller recomputes hashes once the
 * whole file is redacted.
 */
export function redactInteraction(interaction: RecordedInteraction, rules: RedactionRules): RecordedInteraction {
  const { request, response } = interaction;
  const secrets = recordedSecrets(interaction, rules.knownSecrets);
  const [forRequest, forResponse] = [secretMatcher(secrets.request), secretMatcher(secrets.response)];
  const hook = redactionHook(rules);
  const redactedRequest: RecordedRequest = {
    method: request.method,
    url: redactText(request.url, forRequest, hook, { part: 'request', location: 'url' }),
    headers: redactHeaders(request.headers, forRequest, hook, 'request'),
    ...bodyOf(request.body, headerValue(request.headers, 'content-type'), forRequest, (text) =>
      redactText(text, forRequest, hook, { part: 'request', location: 'body' }),
    ),
  };
  const redactedResponse: RecordedResponse = {
    status: response.status,
    headers: redactHeaders(response.headers, forResponse, hook, 'response'),
    ...bodyOf(response.body, headerValue(response.headers, 'content-type'), forResponse, (text) =>
      redactText(text, forResponse, hook, { part: 'response', location: 'body' }),
    ),
  };
  return { ...interaction, request: redactedRequest, response: redactedResponse };
}

// An unchanged body keeps its stored form, so a file only changes where a secret was.
function bodyOf(
  body: StoredBody | undefined,
  contentType: string | undefined,
  secrets: SecretMatcher,
  redact: (text: string) => string,
): { body?: StoredBody } {
  if (body === undefined) {
    return {};
  }
  if ('base64' in body) {
    const bytes = Buffer.from(body.base64, 'base64');
    const scrubbed = redactBytes(bytes, secrets);
    return { body: scrubbed === bytes ? body : { base64: Buffer.from(scrubbed).toString('base64') } };
  }
  const text = storedBodyText(body);
  const redacted = redact(text);
  const stored = redacted === text ? body : toStoredBody(redacted, contentType);
  if ('events' in stored) {
    const events = scrubSplitSecrets(stored.events, secrets, REDACTED);
    return { body: events === stored.events ? stored : { events } };
  }
  return { body: stored };
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
