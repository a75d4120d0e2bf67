import { useSearchParams } from 'react-router-dom';

/**
 * List filters kept in the URL (so a filtered list can be bookmarked or shared): returns the current
 * parameters and an updater that sets or clears keys and, unless the page itself changes, goes back to page 1.
 */
export function useUrlFilters() {
  const [params, setParams] = useSearchParams();
  const update = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  };
  return [params, update] as const;
}
