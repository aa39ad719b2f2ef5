/** Every query key of ours starts with this, so our invalidation never touches the app's own. */
export const keyPrefix = 'warden';

export type WardenQueryKey = readonly [
  typeof keyPrefix,
  string,
  string,
  unknown,
  { infinite: boolean },
];

export function queryKey(
  model: string,
  operation: string,
  args: unknown,
  infinite = false,
): WardenQueryKey {
  return [keyPrefix, model, operation, args ?? null, { infinite }];
}

export function isWardenKey(key: readonly unknown[]): key is WardenQueryKey {
  return key[0] === keyPrefix && typeof key[1] === 'string' && typeof key[2] === 'string';
}
