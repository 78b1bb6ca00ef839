/**
 * True when `value` is an object named one of `names`: how the `is*Error` guards recognise our
 * errors from another realm (a `vm` context, a worker) or another copy of the package, where
 * `instanceof`, even `instanceof Error`, is false.
 */
export function hasErrorName(value: unknown, names: ReadonlySet<string>): boolean {
  return typeof value === 'object' && value !== null && names.has(String((value as { name?: unknown }).name));
}
