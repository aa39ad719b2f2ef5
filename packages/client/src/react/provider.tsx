import { createContext, useContext, type ReactNode } from 'react';
import type { FetchOptions } from '../fetch/fetch-options.js';

const WardenContext = createContext<FetchOptions>({});

/**
 * Tells the hooks below it where the API is and how to call it. Optional: without it the
 * hooks use `/api/model` and the global `fetch`.
 *
 * @example
 * ```tsx
 * <QueryClientProvider client={queryClient}>
 *   <WardenProvider value={{ endpoint: '/api/model' }}><App /></WardenProvider>
 * </QueryClientProvider>
 * ```
 */
export function WardenProvider(props: { value: FetchOptions; children?: ReactNode }) {
  return <WardenContext.Provider value={props.value}>{props.children}</WardenContext.Provider>;
}

export function useFetchOptions(): FetchOptions {
  return useContext(WardenContext);
}
