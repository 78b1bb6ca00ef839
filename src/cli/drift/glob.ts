/**
 * A `--only` glob as a test on cassette names and paths: `*` is any run of characters but
 * `/`, `**` any run at all (`**\/` also none), `?` one character but `/`.
 * @example globMatcher('chat/**')('chat/weather/paris') // true
 */
export function globMatcher(glob: string): (candidate: string) => boolean {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i] as string;
    if (char === '*' && glob[i + 1] === '*') {
      source += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (char === '*') {
      source += '[^/]*';
    } else if (char === '?') {
      source += '[^/]';
    } else {
      source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  const pattern = new RegExp(`^${source}$`);
  return (candidate) => pattern.test(candidate);
}
