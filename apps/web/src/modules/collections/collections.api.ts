// 情况征集 (collections): shapes of "Collections (情况征集)" in docs/API.md; keep in step with that file.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from '../../api/client';
import type { Page } from '../../api/types';
import type { COLUMN_TYPES, FormField, Value } from '@zhongshu/core/collections/form.ts';
import type { CollectionState, Completion, Summary, SummaryMode, UnitState } from '@zhongshu/core/collections/summary.ts';

const KEY = ['collections'] as const;

// The form and the summary are the shapes core checks and computes on the server: one definition for both sides.
export type { FieldType, FileValue, FormField, TableRow, Value } from '@zhongshu/core/collections/form.ts';
export type { CollectionState, Completion, SummaryColumn, SummaryMode, SummaryRow, UnitState } from '@zhongshu/core/collections/summary.ts';
/** The column types a table field may hold. */
export type ColumnType = (typeof COLUMN_TYPES)[number];

export type UnitEntry = {
  unitId: string;
  unitName: string;
  state: UnitState;
  stateLabel: string;
  savedAt: string | null;
  submittedAt: string | null;
  late: boolean;
  returnedReason: string | null;
  returnCount: number;
  remindedCount: number;
};

/** What the list and a collection's page both show of it. */
type CollectionHead = {
  id: string;
  title: string;
  state: CollectionState;
  stateLabel: string;
  deadline: string | null;
  sentAt: string | null;
  meetingId: string | null;
  meetingTitle: string | null;
  completion: Completion;
};

export type CollectionDetail = CollectionHead & {
  description: string | null;
  fields: FormField[];
  /** office and leaders: all; a unit: its own */
  units: UnitEntry[];
  canManage: boolean;
  myUnitId: string | null;
};

export type CollectionSummary = CollectionHead & {
  /** The reader's own unit's entry, when the collection was sent to it. */
  mine: UnitEntry | null;
};

export type Submission = UnitEntry & { data: Record<string, Value> };

export type SummaryTable = Summary & { mode: SummaryMode; completion: Completion };

/** Body of POST /api/collections and PUT /api/collections/:id. */
export type CollectionInput = {
  title: string;
  description?: string;
  fields: FormField[];
  deadline?: string;
  unitIds?: string[];
  /** null on PUT unlinks the meeting. */
  meetingId?: string | null;
};

export type CollectionUpdate = Partial<CollectionInput>;

export type CollectionFilters = { state?: string; q?: string; page: number; pageSize: number };

function collectionPath(id: string): string {
  return `/collections/${encodeURIComponent(id)}`;
}

function unitPath(id: string, unitId: string): string {
  return `${collectionPath(id)}/units/${encodeURIComponent(unitId)}`;
}

export function useCollectionList(filters: CollectionFilters) {
  return useQuery({
    queryKey: [...KEY, 'list', filters],
    queryFn: ({ signal }) => api.get<Page<CollectionSummary>>('/collections', filters, { signal }),
    placeholderData: keepPreviousData,
  });
}

/** One collection; while it is open the page follows units' submissions (every 15 s). */
export function useCollection(id: string, options: { follow?: boolean } = {}) {
  return useQuery({
    queryKey: [...KEY, 'detail', id],
    queryFn: ({ signal }) => api.get<CollectionDetail>(collectionPath(id), undefined, { signal }),
    enabled: Boolean(id),
    refetchInterval: (query) => (options.follow && query.state.data?.state === 'open' ? 15_000 : false),
  });
}

function useCollectionWrite<TInput, TResult>(mutationFn: (input: TInput) => Promise<TResult>, id?: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: (result: TResult) => {
      if (result && typeof result === 'object' && 'fields' in result && 'completion' in result && 'id' in result) {
        const detail = result as unknown as CollectionDetail;
        queryClient.setQueryData([...KEY, 'detail', detail.id], detail);
      }
      void queryClient.invalidateQueries({ queryKey: [...KEY, 'list'] });
      if (id) {
        void queryClient.invalidateQueries({ queryKey: [...KEY, 'detail', id] });
        void queryClient.invalidateQueries({ queryKey: [...KEY, 'summary', id] });
        void queryClient.invalidateQueries({ queryKey: [...KEY, 'unit', id] });
      }
    },
    // A refusal often means the collection changed under the user (sent, closed): show what it is now.
    onError: () => {
      if (id) void queryClient.invalidateQueries({ queryKey: [...KEY, 'detail', id] });
    },
  });
}

/** 新建: a design refused comes back with every problem in `fields` (ApiError.fields). */
export function useCreateCollection() {
  return useCollectionWrite((input: CollectionInput) => api.post<CollectionDetail>('/collections', input));
}

export function useUpdateCollection(id: string) {
  return useCollectionWrite((input: CollectionUpdate) => api.put<CollectionDetail>(collectionPath(id), input), id);
}

/** 发出征集: draft → open; each unit's clerks get a 填报 to-do. */
export function useSendCollection(id: string) {
  return useCollectionWrite((target?: string) => api.post<CollectionDetail>(`${collectionPath(target ?? id)}/send`, {}), id);
}

export function useAddCollectionUnits(id: string) {
  return useCollectionWrite((unitIds: string[]) => api.post<CollectionDetail>(`${collectionPath(id)}/units`, { unitIds }), id);
}

/** 催报: the given units, or every unit not yet submitted. */
export function useRemindCollection(id: string) {
  return useCollectionWrite((unitIds?: string[]) => api.post<{ reminded: number }>(`${collectionPath(id)}/remind`, unitIds ? { unitIds } : {}), id);
}

export function useCloseCollection(id: string) {
  return useCollectionWrite((action: 'close' | 'reopen') => api.post<CollectionDetail>(`${collectionPath(id)}/${action}`, {}), id);
}

export function useSubmission(id: string, unitId: string | null | undefined, enabled = true) {
  return useQuery({
    queryKey: [...KEY, 'unit', id, unitId],
    queryFn: ({ signal }) => api.get<Submission>(unitPath(id, unitId!), undefined, { signal }),
    enabled: Boolean(id && unitId) && enabled,
  });
}

/** A refusal with every error at once, by path: a submission's (`data.f2`, `data.f5[3].c2`) or a design's (`fields[2].options`). */
export const isFieldsError = isApiError;

function useSubmissionWrite<TInput>(id: string, unitId: string, mutationFn: (input: TInput) => Promise<Submission>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: (submission: Submission) => {
      queryClient.setQueryData([...KEY, 'unit', id, unitId], submission);
      void queryClient.invalidateQueries({ queryKey: [...KEY, 'detail', id] });
      void queryClient.invalidateQueries({ queryKey: [...KEY, 'list'] });
      void queryClient.invalidateQueries({ queryKey: [...KEY, 'summary', id] });
    },
    onError: (error) => {
      // Returned, closed or submitted elsewhere: show the current state. A refusal of the data itself changes nothing.
      if (!(isApiError(error) && error.code === 'VALIDATION_FAILED')) {
        void queryClient.invalidateQueries({ queryKey: [...KEY, 'unit', id, unitId] });
        void queryClient.invalidateQueries({ queryKey: [...KEY, 'detail', id] });
      }
    },
  });
}

/** 保存草稿: types are checked, required fields are not. */
export function useSaveDraft(id: string, unitId: string) {
  return useSubmissionWrite(id, unitId, (data: Record<string, Value>) => api.put<Submission>(unitPath(id, unitId), { data }));
}

/** 报送: everything is checked; every error comes back at once. */
export function useSubmitData(id: string, unitId: string) {
  return useSubmissionWrite(id, unitId, (data: Record<string, Value>) => api.post<Submission>(`${unitPath(id, unitId)}/submit`, { data }));
}

/** 退回修改: submitted → returned, with the reason the unit will read. */
export function useReturnSubmission(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ unitId, reason }: { unitId: string; reason: string }) => api.post<Submission>(`${unitPath(id, unitId)}/return`, { reason }),
    onSettled: (_result, _error, { unitId }) => {
      void queryClient.invalidateQueries({ queryKey: [...KEY, 'detail', id] });
      void queryClient.invalidateQueries({ queryKey: [...KEY, 'summary', id] });
      void queryClient.invalidateQueries({ queryKey: [...KEY, 'unit', id, unitId] });
      void queryClient.invalidateQueries({ queryKey: [...KEY, 'list'] });
    },
  });
}

/** A file given in a unit's submission. */
export function submissionFileUrl(id: string, unitId: string, fileId: string): string {
  return `/api${unitPath(id, unitId)}/files/${encodeURIComponent(fileId)}`;
}

/** The summary table; it refreshes every 15 s while the collection is open and the page is on screen. */
export function useCollectionSummary(id: string, mode: SummaryMode, follow: boolean, enabled = true) {
  return useQuery({
    queryKey: [...KEY, 'summary', id, mode],
    queryFn: ({ signal }) => api.get<SummaryTable>(`${collectionPath(id)}/summary`, { mode }, { signal }),
    enabled: Boolean(id) && enabled,
    placeholderData: keepPreviousData,
    refetchInterval: follow ? 15_000 : false,
  });
}

/** The summary as .xlsx; a plain link, so each click is the user's own download (the browser does not hold back a second one). */
export function summaryXlsxUrl(id: string, mode: SummaryMode): string {
  return `/api${collectionPath(id)}/summary.xlsx?mode=${mode}`;
}

/** A meeting a collection can be attached to (a few fields of GET /api/meetings). */
export type MeetingOption = { id: string; title: string; typeName: string; state: string; startsAt: string };

/** Meetings from today on, not cancelled or held: those whose materials the figures can still join. */
export function useUpcomingMeetings(enabled = true) {
  const today = new Date();
  const from = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
  return useQuery({
    queryKey: [...KEY, 'meeting-options', from],
    queryFn: ({ signal }) => api.get<Page<MeetingOption>>('/meetings', { from, pageSize: 100 }, { signal }),
    select: (page) => page.items.filter((meeting) => meeting.state !== 'cancelled' && meeting.state !== 'held'),
    staleTime: 60_000,
    enabled,
    retry: false,
  });
}
