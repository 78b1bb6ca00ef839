import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { listFiles } from './temp-dir.js';

/**
 * The forms a secret takes in the wild, computed here independently of the code under test:
 * as it is; URL-encoded by encodeURIComponent, by URLSearchParams (`%7E`, `+` for a space), by
 * encodeURI (a bare `/`), with lower-case hex; JSON-escaped, with `\/` and with `\uXXXX` for
 * every character outside letters and digits; and base64 of it alone and after `user:`, `u:`
 * and `us:` (each alignment), standard and URL-safe.
 */
export function secretForms(secret: string): string[] {
  const lower = (text: string): string => text.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase());
  const json = JSON.stringify(secret).slice(1, -1);
  const unicode = [...secret]
    .map((c) =>
      /[A-Za-z0-9]/.test(c) ? c : [...c].map((_, i) => `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`).join(''),
    )
    .join('');
  return [
    ...new Set([
      secret,
      encodeURIComponent(secret),
      lower(encodeURIComponent(secret)),
      new URLSearchParams({ k: secret }).toString().slice(2),
      lower(new URLSearchParams({ k: secret }).toString().slice(2)),
      encodeURI(secret),
      json,
      json.replaceAll('/', '\\/'),
      unicode,
      ...base64Forms(secret).map((form) => form.encoded),
    ]),
  ];
}

function base64Forms(secret: string): { encoded: string; prefix: string }[] {
  return ['', 'user:', 'u:', 'us:'].flatMap((prefix) => {
    const encoded = Buffer.from(prefix + secret).toString('base64');
    return [
      { encoded, prefix },
      { encoded: encoded.replaceAll('+', '-').replaceAll('/', '_'), prefix },
    ];
  });
}

/**
 * What to look for on disk: every form, and of each base64 form the characters the secret alone
 * decides, give or take (its edges dropped), wherever they sit.
 */
function secretTraces(secret: string): string[] {
  const inner = base64Forms(secret).map(({ encoded, prefix }) =>
    encoded.slice(Math.ceil((prefix.length * 4) / 3) + 2, -4),
  );
  return [
    ...new Set([...secretForms(secret).filter((f) => !base64Forms(secret).some((b) => b.encoded === f)), ...inner]),
  ];
}

/** Every file under `root`, as one buffer. */
export async function bytesUnder(root: string): Promise<Buffer> {
  const files = await listFiles(root);
  return Buffer.concat(await Promise.all(files.map((file) => readFile(join(root, file)))));
}

/** The forms of `secret` found in `bytes` (as UTF-8 and as latin1): empty when none is there. */
export function formsIn(bytes: Buffer, secret: string): string[] {
  const texts = [bytes.toString('utf8'), bytes.toString('latin1')];
  return secretTraces(secret).filter((form) => texts.some((text) => text.includes(form)));
}
