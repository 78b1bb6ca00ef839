/** Splits text the way the API streams it: each piece starts with its leading space. */
export function splitForStream(text: string): string[] {
  return text.match(/\s*\S+|\s+$/g) ?? [];
}

/** Splits tool-call arguments into the short pieces a stream carries (8 characters each). */
export function splitArguments(json: string): string[] {
  return json.match(/[\s\S]{1,8}/g) ?? [];
}
