import type { StringMatch } from './dialect-hooks.js';

/** A LIKE pattern (escape character `\`) matching `value` as a literal. */
export function likePattern(kind: StringMatch, value: string): string {
  const lit = value.replace(/[\\%_]/g, (c) => `\\${c}`);
  return kind === 'contains' ? `%${lit}%` : kind === 'startsWith' ? `${lit}%` : `%${lit}`;
}
