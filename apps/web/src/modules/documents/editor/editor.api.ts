// The calls the 拟稿 editor and the new-document page make (docs/API.md, "Documents (办文)").
// Only the fields the editor reads are typed here; the detail page keeps the full shape.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DocumentFormat, DocumentType, Finding, GongwenDocument } from '@zhongshu/core/gongwen/model.ts';
import { api, ApiError } from '../../../api/client';
import type { FileRef } from '../../../api/types';

/** 密级 as the API stores it: 非密 秘密 机密 绝密 */
export type DocumentClassification = 'none' | 'secret' | 'confidential' | 'top_secret';
/** 紧急程度 as the API stores it: 普通 加急 特急 */
export type DocumentUrgency = 'normal' | 'urgent' | 'very_urgent';

import type { DocumentComment } from '../../../api/types';
export type { DocumentComment };

export type EditorDocumentDetail = {
  id: string;
  direction: 'outgoing' | 'incoming';
  state: string;
  stateLabel: string;
  title: string;
  docType: string;
  format: DocumentFormat;
  classification: DocumentClassification;
  classificationPeriod: string | null;
  urgency: DocumentUrgency;
  important: boolean;
  unitId: string;
  unitName: string;
  numberText: string | null;
  coIssuerUnits: { id: string; name: string }[];
  content: GongwenDocument | null;
  contentRev: number;
  findings: Finding[];
  editable: boolean;
  topSecret: boolean;
  reviewerId: string | null;
  reviewerName: string | null;
  comments: DocumentComment[];
  attachments: FileRef[];
  availableActions: { action: string; label: string; requiresComment: boolean }[];
};

export type IssuerUnit = { id: string; name: string; issuerCode: string | null };

export type CreateOutgoingInput = {
  issuerUnitId: string;
  docType: DocumentType;
  format?: DocumentFormat;
  title?: string;
  classification?: DocumentClassification;
  classificationPeriod?: string;
  urgency?: DocumentUrgency;
  important?: boolean;
  coIssuerUnitIds?: string[];
  content?: GongwenDocument;
};

export type SaveContentInput = {
  rev: number;
  content: GongwenDocument;
  title?: string;
  classification?: DocumentClassification;
  classificationPeriod?: string | null;
  urgency?: DocumentUrgency;
  important?: boolean;
};

export type SaveContentResult = { rev: number; findings: Finding[]; resignRequired: boolean };

/** 会签 party: a leader, or a unit whose clerks answer for it. */
export type CountersignParty = { userId: string } | { unitId: string };

export type SubmitInput = {
  reviewerId: string;
  signerIds: string[];
  countersigners?: CountersignParty[];
  comment?: string;
};

const KEY = ['documents'] as const;
export const documentDetailKey = (id: string) => [...KEY, 'detail', id] as const;
const path = (id: string) => `/documents/${encodeURIComponent(id)}`;

export function useEditorDocument(id: string) {
  return useQuery({
    queryKey: documentDetailKey(id),
    queryFn: ({ signal }) => api.get<EditorDocumentDetail>(path(id), undefined, { signal }),
    // Every read of a classified document is audited: the editor reloads only when something changed.
    refetchOnWindowFocus: false,
  });
}

export function fetchEditorDocument(id: string): Promise<EditorDocumentDetail> {
  return api.get<EditorDocumentDetail>(path(id));
}

export function useIssuers() {
  return useQuery({
    queryKey: [...KEY, 'issuers'],
    queryFn: ({ signal }) => api.get<{ items: IssuerUnit[] }>('/documents/issuers', undefined, { signal }),
    staleTime: 5 * 60_000,
  });
}

export function useCreateOutgoing() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateOutgoingInput) => api.post<{ id: string }>('/documents/outgoing', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...KEY, 'list'] }),
  });
}

/** Reads a .docx on the server into the model; nothing is stored. */
export function parseDocx(file: File): Promise<{ content: GongwenDocument; findings: Finding[] }> {
  return api.upload('/documents/parse-docx', file, file.name);
}

export function saveContent(id: string, input: SaveContentInput): Promise<SaveContentResult> {
  return api.put<SaveContentResult>(`${path(id)}/content`, input);
}

/**
 * The same save, sent with `keepalive` so that it completes after the tab is closed or hidden.
 * It bypasses api() because that helper cannot set the flag; the CSRF token is passed in.
 * Browsers cap keepalive bodies at 64 KB: a larger document fails here and stays in the local copy.
 */
export async function saveContentKeepalive(id: string, input: SaveContentInput, csrfToken: string): Promise<SaveContentResult> {
  let response: Response;
  try {
    response = await fetch(`/api${path(id)}/content`, {
      method: 'PUT',
      keepalive: true,
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': csrfToken },
      body: JSON.stringify(input),
    });
  } catch {
    throw new ApiError('NETWORK_ERROR', '无法连接服务器，请检查网络后重试', 0);
  }
  if (response.ok) return (await response.json()) as SaveContentResult;
  let error: { code?: string; message?: string; field?: string } | undefined;
  try {
    error = ((await response.json()) as { error?: typeof error }).error;
  } catch {
    // not JSON
  }
  throw new ApiError(error?.code ?? `HTTP_${response.status}`, error?.message ?? `保存失败（HTTP ${response.status}）`, response.status, error?.field);
}

export function useSubmitDocument(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SubmitInput) => api.post<EditorDocumentDetail>(`${path(id)}/actions/submit`, input),
    onSuccess: (detail) => {
      queryClient.setQueryData(documentDetailKey(id), detail);
      void queryClient.invalidateQueries({ queryKey: [...KEY, 'list'] });
    },
  });
}

export function useResolveComment(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (commentId: string) => api.post<{ ok: true }>(`${path(id)}/comments/${encodeURIComponent(commentId)}/resolve`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: documentDetailKey(id) }),
  });
}


export function useAddAttachments(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (fileIds: string[]) => api.post<{ ok: true }>(`${path(id)}/attachments`, { fileIds }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: documentDetailKey(id) }),
  });
}

/** Opens the server's 版式 print view; 绝密 documents answer 403 there. */
export function printViewUrl(id: string): string {
  return `/api${path(id)}/print`;
}
