import {
  createAccessControlProvider,
  type AccessControlOptions,
} from './access-control-provider.js';
import { createDataProvider, type DataProviderOptions } from './data-provider.js';

/**
 * Both providers, wired so that every mutation through the data provider clears the access
 * control cache (a new post changes which Edit buttons are live).
 *
 * @example
 * ```tsx
 * const { dataProvider, accessControlProvider } = createWardenProviders('/api/model', { schema });
 * <Refine dataProvider={dataProvider} accessControlProvider={accessControlProvider} ... />
 * ```
 */
export function createWardenProviders(
  apiUrl: string,
  options: DataProviderOptions & AccessControlOptions = {},
) {
  const accessControlProvider = createAccessControlProvider(apiUrl, options);
  const dataProvider = createDataProvider(apiUrl, {
    ...options,
    onMutation: () => {
      accessControlProvider.invalidate();
      options.onMutation?.();
    },
  });
  return { dataProvider, accessControlProvider };
}
