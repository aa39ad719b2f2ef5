import type { QueryClient } from '@tanstack/react-query';
import { isWardenKey } from './query-key.js';

type Row = Record<string, unknown>;

/**
 * Applies a mutation to the cached reads of the same model before the server answers, and
 * returns how to undo it. Only plain shapes are patched: rows in `findMany` lists and single
 * `findUnique`/`findFirst` results, matched on the scalar values in `where`.
 */
export function applyOptimistic(
  queryClient: QueryClient,
  model: string,
  operation: string,
  args: any,
): () => void {
  const snapshots: [readonly unknown[], unknown][] = [];
  for (const query of queryClient.getQueryCache().findAll()) {
    const key = query.queryKey;
    if (!isWardenKey(key) || key[1] !== model || key[4].infinite) continue;
    const before = query.state.data;
    const after = patch(before, key[2], operation, args);
    if (after !== before) {
      snapshots.push([key, before]);
      queryClient.setQueryData(key, after);
    }
  }
  return () => {
    for (const [key, data] of snapshots) queryClient.setQueryData(key, data);
  };
}

function patch(data: unknown, readOp: string, operation: string, args: any): unknown {
  const where: Row = args?.where ?? {};
  const changes: Row = scalarsOf(args?.data ?? {});
  if (readOp === 'findMany' && Array.isArray(data)) {
    switch (operation) {
      case 'create':
        return [...data, { ...changes, $optimistic: true }];
      case 'update':
        return data.map((row: Row) =>
          matches(row, where) ? { ...row, ...changes, $optimistic: true } : row,
        );
      case 'delete':
        return data.filter((row: Row) => !matches(row, where));
      default:
        return data;
    }
  }
  if ((readOp === 'findUnique' || readOp === 'findFirst') && data && typeof data === 'object') {
    if (!matches(data as Row, where)) return data;
    if (operation === 'update') return { ...(data as Row), ...changes, $optimistic: true };
    if (operation === 'delete') return null;
  }
  return data;
}

function matches(row: Row, where: Row): boolean {
  const entries = Object.entries(where).filter(([, v]) => v === null || typeof v !== 'object');
  return entries.length > 0 && entries.every(([k, v]) => row[k] === v);
}

function scalarsOf(data: Row): Row {
  return Object.fromEntries(
    Object.entries(data).filter(
      ([, v]) => v === null || typeof v !== 'object' || v instanceof Date,
    ),
  );
}
