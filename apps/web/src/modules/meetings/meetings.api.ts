// 办会 (meetings): shapes of "Meetings (办会)" in docs/API.md; keep in step with that file.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Clearance, Page } from '../../api/types';

const KEY = ['meetings'] as const;

/** 筹备中 已通知 进行中 已召开 已取消 */
export type MeetingState = 'planned' | 'notified' | 'in_progress' | 'held' | 'cancelled';
/** 出席 列席 */
export type AttendeeRole = 'attend' | 'observe';
/** 未回执 参加 请假 */
export type Reply = 'pending' | 'attending' | 'leave';

export type Attendee = {
  id: string;
  kind: 'person' | 'unit';
  userId: string | null;
  unitId: string | null;
  /** The person's name, or the unit's name. */
  name: string;
  unitName: string | null;
  /** How the 纪要 writes it: the person's name, or the unit's short name. */
  minutesName: string;
  post: string | null;
  role: AttendeeRole;
  roleLabel: string;
  reply: Reply;
  replyLabel: string;
  /** 回执 of a unit: who comes. */
  attendeeNames: string | null;
  leaveReason: string | null;
  repliedAt: string | null;
  repliedByName: string | null;
  signedInAt: string | null;
  signInMethod: 'code' | 'clerk' | null;
  remindedCount: number;
  lastRemindedAt: string | null;
};

export type Counts = { invited: number; replied: number; pending: number; attending: number; leave: number; signedIn: number };

export type MeetingSummary = {
  id: string;
  typeId: string;
  typeName: string;
  title: string;
  state: MeetingState;
  stateLabel: string;
  classification: Clearance;
  roomId: string | null;
  roomName: string | null;
  location: string | null;
  startsAt: string;
  endsAt: string;
  hostId: string | null;
  hostName: string | null;
  replyDeadline: string | null;
  counts: Counts;
  /** Rows the reader may reply or sign in for. */
  myAttendeeIds: string[];
};

export type TopicState = 'proposed' | 'approved' | 'deferred';

export type Topic = {
  id: string;
  seq: number;
  title: string;
  summary: string | null;
  presenter: string | null;
  proposerUnitId: string;
  proposerUnitName: string;
  state: TopicState;
  stateLabel: string;
  decisionReason: string | null;
  createdAt: string;
};

export type Material = {
  id: string;
  title: string;
  fileName: string;
  size: number;
  classification: Clearance;
  topicId: string | null;
  /** Attendee ids; null = every attendee. */
  audience: string[] | null;
  withdrawAfter: boolean;
  withdrawn: boolean;
  createdAt: string;
};

/** 议定事项 */
export type Decision = {
  id: string;
  seq: number;
  content: string;
  leadUnitId: string | null;
  leadUnitName: string | null;
  cooperatingUnitIds: string[];
  leaderId: string | null;
  leaderName: string | null;
  /** YYYY-MM-DD */
  deadline: string | null;
  assignmentId: string | null;
};

/** 纪要 */
export type Minutes = { number: string; date: string; paragraphs: string[]; updatedAt: string };

/** The same leader in two meetings at once. */
export type Conflict = { userId: string; name: string; meetingId: string; title: string; startsAt: string; endsAt: string };

export type MeetingCollection = { id: string; title: string; state: string; submitted: number; total: number };

export type MeetingDetail = MeetingSummary & {
  notice: string | null;
  notifiedAt: string | null;
  acceptsTopics: boolean;
  topicDeadline: string | null;
  attendees: Attendee[];
  /** Office: all; others: approved only. */
  topics: Topic[];
  /** Only those the reader may open. */
  materials: Material[];
  decisions: Decision[];
  minutes: Minutes | null;
  collections: MeetingCollection[];
  signInOpen: boolean;
  /** Office only, while open. */
  signInCode: string | null;
  conflicts: Conflict[];
  canManage: boolean;
};

export type MeetingType = { id: string; name: string; builtin: boolean; disabled: boolean; sortOrder: number };
export type MeetingRoom = { id: string; name: string; location: string | null; capacity: number | null; disabled: boolean };

export type AttendeeInput = { userId?: string; unitId?: string; role: AttendeeRole };

/** Body of POST /api/meetings (and, each field optional, of PUT /api/meetings/:id). */
export type MeetingInput = {
  typeId: string;
  title: string;
  classification?: Clearance;
  roomId?: string | null;
  location?: string | null;
  startsAt: string;
  endsAt: string;
  hostId?: string | null;
  notice?: string | null;
  replyDeadline?: string | null;
  acceptsTopics?: boolean;
  topicDeadline?: string | null;
  attendees?: AttendeeInput[];
};

/** Query of GET /api/meetings; empty strings are left out of the request. */
export type MeetingFilters = {
  from?: string;
  to?: string;
  state?: string;
  typeId?: string;
  q?: string;
  page: number;
  pageSize: number;
};

export type CalendarData = {
  meetings: { id: string; title: string; typeName: string; state: MeetingState; startsAt: string; endsAt: string; roomName: string | null; location: string | null }[];
  leaders: { userId: string; name: string; post: string | null; entries: { meetingId: string; role: AttendeeRole; reply: Reply }[] }[];
  conflicts: Conflict[];
};

export type OpenForTopics = { id: string; title: string; typeName: string; startsAt: string; topicDeadline: string | null };
export type MyTopic = Topic & { meetingId: string; meetingTitle: string; meetingStartsAt: string };

function meetingPath(id: string): string {
  return `/meetings/${encodeURIComponent(id)}`;
}

// ---------- lists ----------

export function useMeetingList(filters: MeetingFilters, enabled = true) {
  return useQuery({
    queryKey: [...KEY, 'list', filters],
    queryFn: ({ signal }) => api.get<Page<MeetingSummary>>('/meetings', filters, { signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useMeetingCalendar(from: string, to: string) {
  return useQuery({
    queryKey: [...KEY, 'calendar', from, to],
    queryFn: ({ signal }) => api.get<CalendarData>('/meetings/calendar', { from, to }, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useMeeting(id: string) {
  return useQuery({
    queryKey: [...KEY, 'detail', id],
    queryFn: ({ signal }) => api.get<MeetingDetail>(meetingPath(id), undefined, { signal }),
  });
}

// ---------- types and rooms ----------

export function useMeetingTypes() {
  return useQuery({
    queryKey: [...KEY, 'types'],
    queryFn: ({ signal }) => api.get<{ items: MeetingType[] }>('/meetings/types', undefined, { signal }),
    staleTime: 5 * 60_000,
    select: (data) => [...data.items].sort((a, b) => a.sortOrder - b.sortOrder),
  });
}

export function useMeetingRooms() {
  return useQuery({
    queryKey: [...KEY, 'rooms'],
    queryFn: ({ signal }) => api.get<{ items: MeetingRoom[] }>('/meetings/rooms', undefined, { signal }),
    staleTime: 5 * 60_000,
    select: (data) => data.items,
  });
}

export function useSaveMeetingType() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...changes }: { id?: string; name?: string; disabled?: boolean }) =>
      id ? api.put<MeetingType>(`/meetings/types/${encodeURIComponent(id)}`, changes) : api.post<MeetingType>('/meetings/types', changes),
    meta: { skipInboxRefresh: true },
    onSettled: () => queryClient.invalidateQueries({ queryKey: [...KEY, 'types'] }),
  });
}

export type RoomInput = { name?: string; location?: string | null; capacity?: number | null; disabled?: boolean };

export function useSaveMeetingRoom() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...changes }: RoomInput & { id?: string }) =>
      id ? api.put<MeetingRoom>(`/meetings/rooms/${encodeURIComponent(id)}`, changes) : api.post<MeetingRoom>('/meetings/rooms', changes),
    meta: { skipInboxRefresh: true },
    onSettled: () => queryClient.invalidateQueries({ queryKey: [...KEY, 'rooms'] }),
  });
}

// ---------- one meeting ----------

/** Every change answered with the whole meeting replaces the cached detail and refreshes the lists. */
function useDetailHandlers(id: string) {
  const queryClient = useQueryClient();
  return {
    onSuccess: (detail: MeetingDetail) => {
      queryClient.setQueryData([...KEY, 'detail', id], detail);
      void queryClient.invalidateQueries({ queryKey: KEY, predicate: (query) => query.queryKey[1] !== 'detail' && query.queryKey[1] !== 'types' && query.queryKey[1] !== 'rooms' });
    },
    // A refusal often means the meeting moved on (someone else acted first): reload what is true now.
    onError: () => queryClient.invalidateQueries({ queryKey: [...KEY, 'detail', id] }),
  };
}

/** For changes answered with something else than the meeting: reload it. */
function useReloadHandlers(id: string) {
  const queryClient = useQueryClient();
  const reload = () => {
    void queryClient.invalidateQueries({ queryKey: [...KEY, 'detail', id] });
    void queryClient.invalidateQueries({ queryKey: KEY, predicate: (query) => query.queryKey[1] === 'list' || query.queryKey[1] === 'calendar' || query.queryKey[1] === 'mine-topics' });
  };
  return { onSuccess: reload, onError: reload };
}

export function useCreateMeeting() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: MeetingInput) => api.post<MeetingDetail>('/meetings', input),
    onSuccess: (detail) => {
      queryClient.setQueryData([...KEY, 'detail', detail.id], detail);
      void queryClient.invalidateQueries({ queryKey: [...KEY, 'list'] });
      void queryClient.invalidateQueries({ queryKey: [...KEY, 'calendar'] });
    },
  });
}

/**
 * Saves an edit: the meeting's own fields, then the attendee list when it changed (its own endpoint keeps
 * the replies of those kept and sends the notice to new attendees once it is out).
 */
export function useUpdateMeeting(id: string) {
  const handlers = useDetailHandlers(id);
  return useMutation({
    mutationFn: async ({ fields, attendees }: { fields: Partial<MeetingInput>; attendees: AttendeeInput[] | null }) => {
      let detail = await api.put<MeetingDetail>(meetingPath(id), fields);
      if (attendees) detail = await api.put<MeetingDetail>(`${meetingPath(id)}/attendees`, { attendees });
      return detail;
    },
    ...handlers,
  });
}

/** The steps answered with the whole meeting: notify, held, cancel, reply, sign-in by code, 代签到 and its undo. */
export function useMeetingStep(id: string) {
  const handlers = useDetailHandlers(id);
  return useMutation({
    mutationFn: ({ method = 'POST', path, body }: { method?: 'POST' | 'DELETE'; path: string; body?: unknown }) =>
      method === 'DELETE' ? api.delete<MeetingDetail>(`${meetingPath(id)}${path}`) : api.post<MeetingDetail>(`${meetingPath(id)}${path}`, body),
    ...handlers,
  });
}

export type ReplyInput = { attendeeId: string; reply: 'attending' | 'leave'; attendeeNames?: string; leaveReason?: string };

export function useRemind(id: string) {
  const handlers = useReloadHandlers(id);
  return useMutation({
    mutationFn: (attendeeIds?: string[]) => api.post<{ reminded: number }>(`${meetingPath(id)}/remind`, attendeeIds ? { attendeeIds } : {}),
    ...handlers,
  });
}

export function useSignInSwitch(id: string) {
  const handlers = useReloadHandlers(id);
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (open: boolean) => api.post<{ code?: string } | MeetingDetail>(`${meetingPath(id)}/sign-in/${open ? 'open' : 'close'}`, {}),
    onSuccess: (result, open) => {
      // The code goes on the room's screen at once; the reload that follows brings the rest.
      const code = result && 'code' in result && typeof result.code === 'string' ? result.code : null;
      queryClient.setQueryData<MeetingDetail>([...KEY, 'detail', id], (detail) =>
        detail
          ? { ...detail, signInOpen: open, signInCode: open ? code ?? detail.signInCode : null, state: open && detail.state === 'notified' ? 'in_progress' : detail.state }
          : detail,
      );
      handlers.onSuccess();
    },
    onError: handlers.onError,
  });
}

export type TopicInput = { title: string; summary?: string; presenter?: string; unitId?: string };

export function useProposeTopic() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ meetingId, ...input }: TopicInput & { meetingId: string }) => api.post<Topic>(`${meetingPath(meetingId)}/topics`, input),
    onSuccess: (_topic, input) => {
      void queryClient.invalidateQueries({ queryKey: [...KEY, 'detail', input.meetingId] });
      void queryClient.invalidateQueries({ queryKey: [...KEY, 'mine-topics'] });
    },
  });
}

export function useDecideTopic(id: string) {
  const handlers = useReloadHandlers(id);
  return useMutation({
    mutationFn: ({ topicId, decision, reason }: { topicId: string; decision: 'approved' | 'deferred'; reason?: string }) =>
      api.post<Topic>(`${meetingPath(id)}/topics/${encodeURIComponent(topicId)}/decide`, reason ? { decision, reason } : { decision }),
    ...handlers,
  });
}

export type MaterialInput = { fileId: string; title: string; classification?: Clearance; topicId?: string | null; audience?: string[] | null; withdrawAfter?: boolean };

export function useAddMaterial(id: string) {
  const handlers = useReloadHandlers(id);
  return useMutation({
    mutationFn: (input: MaterialInput) => api.post<Material>(`${meetingPath(id)}/materials`, input),
    ...handlers,
  });
}

/** For a proposing unit's approved topic, from the topics page (the meeting id comes with each call). */
export function useAddTopicMaterial() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ meetingId, ...input }: MaterialInput & { meetingId: string }) => api.post<Material>(`${meetingPath(meetingId)}/materials`, input),
    onSuccess: (_m, input) => queryClient.invalidateQueries({ queryKey: [...KEY, 'detail', input.meetingId] }),
  });
}

export function useDeleteMaterial(id: string) {
  const handlers = useReloadHandlers(id);
  return useMutation({
    mutationFn: (materialId: string) => api.delete<unknown>(`${meetingPath(id)}/materials/${encodeURIComponent(materialId)}`),
    ...handlers,
  });
}

export function materialDownloadPath(meetingId: string, materialId: string): string {
  return `${meetingPath(meetingId)}/materials/${encodeURIComponent(materialId)}/download`;
}

export function downloadMaterial(meetingId: string, material: Material): Promise<void> {
  return api.download(materialDownloadPath(meetingId, material.id), undefined, material.fileName);
}

export function collectionSummaryPath(meetingId: string, collectionId: string): string {
  return `${meetingPath(meetingId)}/collections/${encodeURIComponent(collectionId)}/summary.xlsx`;
}

export function downloadCollectionSummary(meetingId: string, collection: MeetingCollection): Promise<void> {
  return api.download(collectionSummaryPath(meetingId, collection.id), undefined, `${collection.title}汇总表.xlsx`);
}

export function minutesDocxPath(meetingId: string): string {
  return `${meetingPath(meetingId)}/minutes.docx`;
}

export function downloadMinutesDocx(meeting: Pick<MeetingDetail, 'id' | 'title'>): Promise<void> {
  return api.download(minutesDocxPath(meeting.id), undefined, `${meeting.title}纪要.docx`);
}

export function useSaveMinutes(id: string) {
  const handlers = useReloadHandlers(id);
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { number: string; date?: string; paragraphs: string[] }) => api.put<Minutes>(`${meetingPath(id)}/minutes`, input),
    meta: { skipInboxRefresh: true },
    onSuccess: (minutes) => {
      queryClient.setQueryData<MeetingDetail>([...KEY, 'detail', id], (detail) => (detail ? { ...detail, minutes } : detail));
    },
    onError: handlers.onError,
  });
}

export type DecisionInput = { id?: string; content: string; leadUnitId?: string | null; cooperatingUnitIds?: string[]; leaderId?: string | null; deadline?: string | null };

export function useSaveDecisions(id: string) {
  const handlers = useReloadHandlers(id);
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (decisions: DecisionInput[]) => api.put<{ items: Decision[] }>(`${meetingPath(id)}/decisions`, { decisions }),
    meta: { skipInboxRefresh: true },
    onSuccess: ({ items }) => {
      queryClient.setQueryData<MeetingDetail>([...KEY, 'detail', id], (detail) => (detail ? { ...detail, decisions: items } : detail));
    },
    onError: handlers.onError,
  });
}

export function useSuperviseDecisions(id: string) {
  const handlers = useReloadHandlers(id);
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (decisionIds?: string[]) =>
      api.post<{ created: { decisionId: string; assignmentId: string }[] }>(`${meetingPath(id)}/decisions/supervise`, decisionIds ? { decisionIds } : {}),
    onSuccess: ({ created }) => {
      const made = new Map(created.map((c) => [c.decisionId, c.assignmentId]));
      queryClient.setQueryData<MeetingDetail>([...KEY, 'detail', id], (detail) =>
        detail ? { ...detail, decisions: detail.decisions.map((d) => (made.has(d.id) ? { ...d, assignmentId: made.get(d.id) ?? null } : d)) } : detail,
      );
      handlers.onSuccess();
      void queryClient.invalidateQueries({ queryKey: ['assignments'] });
    },
    onError: handlers.onError,
  });
}

// ---------- topics across meetings ----------

export function useOpenForTopics() {
  return useQuery({
    queryKey: [...KEY, 'open-for-topics'],
    queryFn: ({ signal }) => api.get<{ items: OpenForTopics[] }>('/meetings/open-for-topics', undefined, { signal }),
    select: (data) => data.items,
  });
}

export function useMyTopics() {
  return useQuery({
    queryKey: [...KEY, 'mine-topics'],
    queryFn: ({ signal }) => api.get<{ items: MyTopic[] }>('/meetings/topics/mine', undefined, { signal }),
    select: (data) => data.items,
  });
}
