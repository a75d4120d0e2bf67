import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { InboxBox, InboxCounts, InboxItem, Page } from '../../api/types';

export const INBOX_KEY = ['inbox'] as const;

export function useInboxCounts(enabled: boolean) {
  return useQuery({
    queryKey: [...INBOX_KEY, 'counts'],
    queryFn: ({ signal }) => api.get<InboxCounts>('/inbox/counts', undefined, { signal }),
    enabled,
    refetchInterval: 60_000,
  });
}

export type InboxFilters = { box: InboxBox; module?: string; urgency?: string; page: number; pageSize: number };

export function useInboxList(filters: InboxFilters) {
  return useQuery({
    queryKey: [...INBOX_KEY, 'list', filters],
    queryFn: ({ signal }) => api.get<Page<InboxItem>>('/inbox', filters, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useMarkInboxRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<{ ok: true }>(`/inbox/${encodeURIComponent(id)}/read`),
    meta: { skipInboxRefresh: true },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: INBOX_KEY }),
  });
}
