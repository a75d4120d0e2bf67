import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { AssignmentCreateInput, AssignmentDetail, AssignmentSummary, Page } from '../../api/types';

const KEY = ['assignments'] as const;

export type AssignmentFilters = {
  state?: string;
  unitId?: string;
  leaderId?: string;
  flag?: string;
  q?: string;
  page: number;
  pageSize: number;
};

export function useAssignmentList(filters: AssignmentFilters) {
  return useQuery({
    queryKey: [...KEY, 'list', filters],
    queryFn: ({ signal }) => api.get<Page<AssignmentSummary>>('/assignments', filters, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useAssignment(id: string) {
  return useQuery({
    queryKey: [...KEY, 'detail', id],
    queryFn: ({ signal }) => api.get<AssignmentDetail>(`/assignments/${encodeURIComponent(id)}`, undefined, { signal }),
  });
}

export function useCreateAssignment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AssignmentCreateInput) => api.post<{ id: string }>('/assignments', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...KEY, 'list'] }),
  });
}

export type ActionInput = {
  action: string;
  comment?: string;
  newDeadline?: string;
  attachmentIds?: string[];
};

export function useAssignmentAction(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ action, ...body }: ActionInput) =>
      api.post<AssignmentDetail>(`/assignments/${encodeURIComponent(id)}/actions/${encodeURIComponent(action)}`, body),
    onSuccess: (detail) => {
      queryClient.setQueryData([...KEY, 'detail', id], detail);
      void queryClient.invalidateQueries({ queryKey: [...KEY, 'list'] });
    },
    // A refused transition usually means someone acted first: reload so the page shows the actions that are left.
    onError: () => queryClient.invalidateQueries({ queryKey: [...KEY, 'detail', id] }),
  });
}

