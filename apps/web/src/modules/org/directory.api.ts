import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Directory } from '../../api/types';

/** Units and people for pickers; any business user may read it. */
export function useDirectory(enabled = true) {
  return useQuery({
    queryKey: ['org', 'directory'],
    queryFn: ({ signal }) => api.get<Directory>('/org/directory', undefined, { signal }),
    staleTime: 5 * 60_000,
    enabled,
  });
}
