import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type {
  DocumentComment,
  DocumentComparison,
  DocumentDetail,
  DocumentDirection,
  DocumentSummary,
  DocumentVersionContent,
  IncomingCreateInput,
  Page,
  Retention,
} from '../../api/types';

const KEY = ['documents'] as const;

/** The register filters, exactly as `GET /api/documents` and the export take them. */
export type DocumentFilters = {
  direction: DocumentDirection;
  year?: string;
  unitId?: string;
  docType?: string;
  state?: string;
  urgency?: string;
  overdue?: boolean;
  q?: string;
};

export function useDocumentList(filters: DocumentFilters & { page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...KEY, 'list', filters],
    queryFn: ({ signal }) => api.get<Page<DocumentSummary>>('/documents', filters, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function exportDocumentRegister(filters: DocumentFilters, fileName: string): Promise<void> {
  return api.download('/documents/export.xlsx', filters, fileName);
}

/** Units the user may draft for; more than one means a clerk who keeps several registers. */
export function useDocumentIssuers() {
  return useQuery({
    queryKey: [...KEY, 'issuers'],
    queryFn: ({ signal }) => api.get<{ items: { id: string; name: string; issuerCode: string | null }[] }>('/documents/issuers', undefined, { signal }),
    select: (data) => data.items,
    staleTime: 5 * 60_000,
  });
}

const detailKey = (id: string) => [...KEY, 'detail', id] as const;

export function useDocument(id: string) {
  return useQuery({
    queryKey: detailKey(id),
    queryFn: ({ signal }) => api.get<DocumentDetail>(`/documents/${encodeURIComponent(id)}`, undefined, { signal }),
  });
}

export function useDocumentVersion(id: string, versionNo: number | null) {
  return useQuery({
    queryKey: [...detailKey(id), 'version', versionNo],
    queryFn: ({ signal }) => api.get<DocumentVersionContent>(`/documents/${encodeURIComponent(id)}/versions/${versionNo}`, undefined, { signal }),
    enabled: versionNo !== null,
    staleTime: Infinity,
  });
}

export function useDocumentComparison(id: string, from: number | null, to: number | null) {
  return useQuery({
    queryKey: [...detailKey(id), 'compare', from, to],
    queryFn: ({ signal }) => api.get<DocumentComparison>(`/documents/${encodeURIComponent(id)}/compare`, { from, to }, { signal }),
    enabled: from !== null && to !== null && from !== to,
    staleTime: Infinity,
  });
}

/** Everything an action body may carry (see the action table in docs/API.md). */
export type DocumentActionBody = {
  comment?: string;
  // submit
  reviewerId?: string;
  signerIds?: string[];
  countersigners?: ({ userId: string } | { unitId: string })[];
  // review_pass
  overrideReason?: string;
  // register
  copies?: number;
  distribution?: { unitId?: string; name: string; kind: 'primary' | 'copy'; copies: number }[];
  // archive
  retention?: Retention;
  // propose
  instructorIds?: string[];
  instructMode?: 'sequential' | 'parallel';
  leadUnitId?: string;
  coopUnitIds?: string[];
  deadline?: string;
  chaserId?: string;
  readerIds?: string[];
  forInformation?: boolean;
  // instruct
  createAssignment?: { assigneeUnitId: string; deadline: string; title?: string };
  // conclude
  reply?: string;
};

export function useDocumentAction(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ action, body }: { action: string; body: DocumentActionBody }) =>
      api.post<DocumentDetail>(`/documents/${encodeURIComponent(id)}/actions/${encodeURIComponent(action)}`, body),
    onSuccess: (detail) => {
      queryClient.setQueryData(detailKey(id), detail);
      void queryClient.invalidateQueries({ queryKey: [...KEY, 'list'] });
      // 批示 may have created a 交办; its list should show it.
      void queryClient.invalidateQueries({ queryKey: ['assignments', 'list'] });
    },
    // A refused step usually means someone acted first: reload so the page shows what is left to do.
    onError: () => queryClient.invalidateQueries({ queryKey: detailKey(id) }),
  });
}

export function useAddDocumentComment(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { element: string; quote: string; text: string }) =>
      api.post<DocumentComment>(`/documents/${encodeURIComponent(id)}/comments`, input),
    meta: { skipInboxRefresh: true },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: detailKey(id) }),
  });
}

export function useResolveDocumentComment(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (commentId: string) =>
      api.post<{ ok: true }>(`/documents/${encodeURIComponent(id)}/comments/${encodeURIComponent(commentId)}/resolve`),
    meta: { skipInboxRefresh: true },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: detailKey(id) }),
  });
}

export function useRegisterIncoming() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: IncomingCreateInput) => api.post<{ id: string }>('/documents/incoming', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...KEY, 'list'] }),
  });
}

export function downloadDocx(detail: Pick<DocumentDetail, 'id' | 'title'>): Promise<void> {
  return api.download(`/documents/${encodeURIComponent(detail.id)}/docx`, undefined, `${detail.title || '公文'}.docx`);
}

export function printUrl(id: string): string {
  return `/api/documents/${encodeURIComponent(id)}/print`;
}

