/** The structure of a JSON value: keys and value types, arrays by their first element. */
export function shape(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.length === 0 ? [] : [shape(value[0])];
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, shape(inner)]));
  }
  return value === null ? null : typeof value;
}
