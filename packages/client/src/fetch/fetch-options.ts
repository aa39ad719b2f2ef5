/** How a client reaches the RPC API. */
export interface FetchOptions {
  /** Where the API is mounted. Default `/api/model`. */
  readonly endpoint?: string;
  /** The `fetch` to use; default the global one. */
  readonly fetch?: typeof fetch;
  /** Extra headers on every request, or a function returning them (e.g. an auth token). */
  readonly headers?: HeadersInit | (() => HeadersInit | Promise<HeadersInit>);
  /** `fetch` credentials mode. Default `same-origin`. */
  readonly credentials?: RequestCredentials;
}
