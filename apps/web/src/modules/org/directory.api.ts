import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { buildUnitTree } from '../../shared/unit-tree';
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

/** The pickers every assignment form needs: the unit tree and the leaders, labelled with their rank. */
export function useDirectoryPickers(directory: ReturnType<typeof useDirectory>) {
  const unitTree = useMemo(() => buildUnitTree(directory.data?.units ?? []), [directory.data]);
  const leaderOptions = useMemo(
    () =>
      (directory.data?.users ?? [])
        .filter((user) => user.isLeader)
        .map((user) => ({ value: user.id, label: user.leaderRank ? `${user.displayName}（${user.leaderRank}）` : user.displayName })),
    [directory.data],
  );
  return { unitTree, leaderOptions };
}
