import { ModelConfigurationError } from './errors.js';
import type { AudioBlock, AudioFormat, DocumentBlock, ImageBlock, ImageDetail, ImageFormat } from './types.js';

// What an image, audio or document block holds, checked and resolved once for every wire format.

/** Document formats sent as text rather than as a file part. */
const TEXT_DOCUMENTS: ReadonlySet<string> = new Set(['txt', 'md', 'csv', 'html', 'json', 'xml']);

const MIME: Record<string, string> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  jpg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  pdf: 'application/pdf',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const DETAILS: ReadonlySet<string> = new Set(['auto', 'low', 'high']);
const AUDIO_FORMATS: ReadonlySet<string> = new Set(['wav', 'mp3']);

/** An image as a URL: a URL as it is, bytes as a data URL; with its `detail` when given. */
export function imageSource({ image }: ImageBlock, path: string): { url: string; detail?: ImageDetail } {
  const source = (image?.source ?? {}) as { bytes?: unknown; url?: unknown };
  const { detail } = image ?? {};
  if (detail !== undefined && !DETAILS.has(detail)) {
    throw invalid(`${path}.image.detail`, `must be "auto", "low" or "high", got ${JSON.stringify(detail)}`);
  }
  let url: string;
  if (typeof source.url === 'string') {
    if (!/^(https?:\/\/|data:image\/)/.test(source.url)) {
      throw invalid(`${path}.image.source.url`, 'must be an http(s) URL or a data:image/... URL');
    }
    url = source.url;
  } else if (isBytes(source.bytes)) {
    const format = image.format ?? sniffImageFormat(source.bytes);
    if (format === undefined) {
      throw invalid(
        `${path}.image.format`,
        'is needed: the bytes are not a PNG, JPEG, GIF or WebP file (set `format`)',
      );
    }
    url = `data:${MIME[format] ?? `image/${format}`};base64,${toBase64(source.bytes)}`;
  } else {
    throw invalid(`${path}.image.source`, 'must be { bytes: Uint8Array | base64 string } or { url: string }');
  }
  return detail === undefined ? { url } : { url, detail };
}

/** Audio as base64 data and its format. */
export function audioSource({ audio }: AudioBlock, path: string): { data: string; format: AudioFormat } {
  if (!audio || !AUDIO_FORMATS.has(audio.format)) {
    throw invalid(`${path}.audio.format`, `must be "wav" or "mp3", got ${JSON.stringify(audio?.format)}`);
  }
  if (!isBytes(audio.source?.bytes)) {
    throw invalid(`${path}.audio.source`, 'must be { bytes: Uint8Array | base64 string }');
  }
  return { data: toBase64(audio.source.bytes), format: audio.format };
}

/** A document: text formats as text (wrapped in a `<document>` tag), others as a file data URL. */
export function documentSource(
  { document }: DocumentBlock,
  path: string,
): { text: string } | { filename: string; fileData: string } {
  if (!document || !isBytes(document.source?.bytes)) {
    throw invalid(`${path}.document.source`, 'must be { bytes: Uint8Array | base64 string }');
  }
  if (TEXT_DOCUMENTS.has(document.format)) {
    const text = Buffer.from(toBase64(document.source.bytes), 'base64').toString('utf8');
    return { text: `<document name="${document.name}" format="${document.format}">\n${text}\n</document>` };
  }
  const mime = MIME[document.format] ?? 'application/octet-stream';
  return { filename: document.name, fileData: `data:${mime};base64,${toBase64(document.source.bytes)}` };
}

/** The image format the bytes start with (PNG, JPEG, GIF, WebP), or undefined. */
export function sniffImageFormat(bytes: Uint8Array | string): ImageFormat | undefined {
  const head = typeof bytes === 'string' ? Buffer.from(bytes.slice(0, 16), 'base64') : Buffer.from(bytes.slice(0, 12));
  const ascii = (from: number, to: number): string => head.subarray(from, to).toString('latin1');
  if (head[0] === 0x89 && ascii(1, 4) === 'PNG') {
    return 'png';
  }
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) {
    return 'jpeg';
  }
  if (ascii(0, 4) === 'GIF8') {
    return 'gif';
  }
  return ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP' ? 'webp' : undefined;
}

function isBytes(value: unknown): value is Uint8Array | string {
  return typeof value === 'string' || value instanceof Uint8Array;
}

function toBase64(bytes: Uint8Array | string): string {
  return typeof bytes === 'string' ? bytes : Buffer.from(bytes).toString('base64');
}

/** The error for a malformed message part, naming where it is. */
export function invalid(path: string, why: string): ModelConfigurationError {
  return new ModelConfigurationError(`Invalid \`${path}\`: ${why}.`, { option: 'messages' });
}
