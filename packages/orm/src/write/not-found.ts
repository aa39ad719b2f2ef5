/** A short rendering of a `where` for messages (bigints, dates and buffers kept readable). */
export function describeWhere(where: unknown): string {
  try {
    const text = JSON.stringify(where, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
    return text.length > 200 ? `${text.slice(0, 197)}...` : text;
  } catch {
    return '{...}';
  }
}
