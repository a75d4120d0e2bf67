// 信访 (petitions): shapes of "Petitions (信访)" in docs/API.md; keep in step with that file.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { AvailableAction, Page } from '../../api/types';

const KEY = ['petitions'] as const;

/** 网上信访 来信 来访 电话 传真 领导信箱 上级转送交办 */
export type Channel = 'online' | 'letter' | 'visit' | 'phone' | 'fax' | 'leader_mailbox' | 'superior';
/** 建议意见类 检举控告类 申诉求决类 */
export type PetitionKind = 'suggestion' | 'accusation' | 'appeal';
/** 已登记待受理 办理中 延期审批中 已答复 复查中 已复查 复核中 已办结 已导入法定程序 不予受理 */
export type PetitionState =
  | 'registered'
  | 'handling'
  | 'extension_requested'
  | 'replied'
  | 'review'
  | 'review_decided'
  | 'recheck'
  | 'closed'
  | 'routed_legal'
  | 'not_accepted';
/** 直接办理 转送 交办 */
export type HandlingMode = 'direct' | 'transfer' | 'assign';
/** 诉讼 仲裁 行政复议 党员申诉 */
export type LegalRoute = 'litigation' | 'arbitration' | 'reconsideration' | 'party_appeal';
/** 支持 解释说明 不予支持 (申诉求决/检举控告); 采纳 未采纳 (建议意见) */
export type Outcome = 'support' | 'explain' | 'reject' | 'adopted' | 'not_adopted';
/** 满意 基本满意 不满意 */
export type Evaluation = 'satisfied' | 'basically_satisfied' | 'unsatisfied';
/** Whether the petitioner went to another organ first: 本级 上一级 更高层级 未到过其他机关 (越级 when it skips a level). */
export type FirstOrgan = 'this_level' | 'superior' | 'higher' | 'none';

export type PersonInput = { name: string; idNumber?: string; phone?: string; address?: string };

export type DeadlineKind = 'register' | 'notice' | 'objection' | 'handle' | 'review_request' | 'review' | 'recheck_request' | 'recheck';

export type Deadline = {
  kind: DeadlineKind;
  label: string;
  /** YYYY-MM-DD (Asia/Shanghai) */
  due: string;
  /** e.g. "收到之日起15日（期满日为节假日的顺延至下一个工作日）" */
  rule: string;
  /** Negative when overdue; counted in the configured day mode. */
  daysRemaining: number;
  metAt: string | null;
  overdue: boolean;
};

export type PetitionSummary = {
  id: string;
  /** e.g. 信〔2026〕12号 */
  serial: string;
  channel: Channel;
  channelLabel: string;
  kind: PetitionKind;
  kindLabel: string;
  state: PetitionState;
  stateLabel: string;
  summary: string;
  townshipId: string;
  townshipName: string;
  village: string | null;
  categoryId: string;
  categoryName: string;
  peopleCount: number;
  /** 集体访 */
  isGroup: boolean;
  /** 越级访 */
  skipLevel: boolean;
  petitionerName: string;
  petitionerIdMasked: string | null;
  petitionerPhoneMasked: string | null;
  handlingUnitId: string | null;
  handlingUnitName: string | null;
  nextDeadline: Deadline | null;
  overdue: boolean;
  receivedAt: string;
  createdAt: string;
};

/** 疑似重复: an earlier case by the same petitioner or with similar content; `id` is that case's id. */
export type Match = {
  id: string;
  serial: string;
  summary: string;
  receivedAt: string;
  reason: 'same_person' | 'similar_content' | 'both';
  /** 0–1 */
  similarity: number;
  state: string;
  /** The earlier case ended with a 复核 decision: the same facts are not taken again. */
  final: boolean;
  dismissed: boolean;
};

export type PersonRole = 'petitioner' | 'representative' | 'present';

export type PetitionPerson = {
  id: string;
  role: PersonRole;
  name: string;
  idMasked: string | null;
  phoneMasked: string | null;
  address: string | null;
};

export type PetitionDocumentKind = 'acceptance_notice' | 'opinion' | 'review_decision' | 'recheck_decision';

export type PetitionDetail = PetitionSummary & {
  content: string;
  firstOrgan: FirstOrgan;
  superiorRef: string | null;
  people: PetitionPerson[];
  handlingMode: HandlingMode | null;
  legalRoute: LegalRoute | null;
  /** Hidden (null) for everyone but the 信访 staff. */
  accusedUnitId: string | null;
  outcome: Outcome | null;
  reply: string | null;
  evaluation: Evaluation | null;
  extensionUsed: boolean;
  stage: 'initial' | 'review' | 'recheck';
  parentId: string | null;
  deadlines: Deadline[];
  matches: Match[];
  linked: { id: string; serial: string; relation: 'repeat' | 'earlier_final' }[];
  documents: { id: string; kind: PetitionDocumentKind; label: string; createdAt: string }[];
  history: { id: string; action: string; actionLabel: string; actorName: string; comment: string | null; at: string }[];
  availableActions: AvailableAction[];
  /** Supervision items created by 领导批示 on this case. */
  assignmentIds: string[];
  /** 修改登记: which fields the reader may change now (role petition, open case); otherwise `allowed: false`. */
  editable: { allowed: boolean; fields: PetitionEditField[] };
  files: PetitionFile[];
};

export type PetitionCategory = { id: string; name: string; sortOrder: number; disabled: boolean };

/** Body of POST /api/petitions. */
export type PetitionCreateInput = {
  channel: Channel;
  kind: PetitionKind;
  summary: string;
  content: string;
  townshipId: string;
  village?: string;
  categoryId: string;
  firstOrgan: FirstOrgan;
  superiorRef?: string;
  receivedAt?: string;
  petitioner: PersonInput;
  representatives?: PersonInput[];
  present?: PersonInput[];
  peopleCount?: number;
  accusedUnitId?: string;
  /** Own uploads (POST /api/files), attached as 来信原件. */
  fileIds?: string[];
};

/** Query of GET /api/petitions; empty strings are left out of the request. */
export type PetitionFilters = {
  state?: string;
  kind?: string;
  channel?: string;
  townshipId?: string;
  categoryId?: string;
  handlingUnitId?: string;
  /** The cases on one matter (a 群体性预警's drill-down). */
  matterId?: string;
  flag?: string;
  q?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
};

export function usePetitionList(filters: PetitionFilters) {
  return useQuery({
    queryKey: [...KEY, 'list', filters],
    queryFn: ({ signal }) => api.get<Page<PetitionSummary>>('/petitions', filters, { signal }),
    placeholderData: keepPreviousData,
  });
}

/** The list as filtered, as .xlsx (masked; the server audits the export). */
export function exportPetitions(filters: PetitionFilters): Promise<void> {
  const { page: _page, pageSize: _pageSize, ...rest } = filters;
  return api.download('/petitions/export.xlsx', rest, '信访事项.xlsx');
}

export function usePetition(id: string) {
  return useQuery({
    queryKey: [...KEY, 'detail', id],
    queryFn: ({ signal }) => api.get<PetitionDetail>(`/petitions/${encodeURIComponent(id)}`, undefined, { signal }),
  });
}

export function useCreatePetition() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: PetitionCreateInput) => api.post<{ id: string; matches: Match[] }>('/petitions', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...KEY, 'list'] }),
  });
}

// ---------- one case ----------

function casePath(id: string): string {
  return `/petitions/${encodeURIComponent(id)}`;
}

export type RevealInput = { personId: string; field: 'idNumber' | 'phone'; reason: string };

/** The unmasked identity number or phone of one person on the case; the server records who looked and why. */
export function useRevealPerson(id: string) {
  return useMutation({
    mutationFn: (input: RevealInput) => api.post<{ value: string }>(`${casePath(id)}/reveal`, input),
    meta: { skipInboxRefresh: true },
  });
}

function useSetDetail(id: string) {
  const queryClient = useQueryClient();
  return {
    onSuccess: (detail: PetitionDetail) => {
      queryClient.setQueryData([...KEY, 'detail', id], detail);
      void queryClient.invalidateQueries({ queryKey: [...KEY, 'list'] });
    },
    // A refusal usually means someone acted first: reload so the page shows what is left to do.
    onError: () => queryClient.invalidateQueries({ queryKey: [...KEY, 'detail', id] }),
  };
}

/** 关联 (the same matter, linked as a repeat) or 排除 (not a repeat) for one suspected duplicate. */
export function useMatchDecision(id: string) {
  const handlers = useSetDetail(id);
  return useMutation({
    mutationFn: ({ matchId, decision }: { matchId: string; decision: 'link' | 'dismiss' }) =>
      api.post<PetitionDetail>(`${casePath(id)}/matches/${encodeURIComponent(matchId)}`, { decision }),
    ...handlers,
  });
}

/** Body of POST /api/petitions/:id/actions/:action; each action reads only its own fields. */
export type PetitionActionInput = {
  action: string;
  comment?: string;
  handlingMode?: HandlingMode;
  handlingUnitId?: string;
  legalRoute?: LegalRoute;
  days?: number;
  outcome?: Outcome;
  evaluation?: Evaluation;
  assigneeUnitId?: string;
  /** YYYY-MM-DD */
  deadline?: string;
};

/** What an objecting unit gets back: the step was taken and the case is no longer theirs to see. */
export type AccessEnded = { id: string; state: 'registered'; stateLabel: string; accessEnded: true };
export const accessEnded = (r: PetitionDetail | AccessEnded): r is AccessEnded => 'accessEnded' in r;

export function usePetitionAction(id: string) {
  const handlers = useSetDetail(id);
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ action, ...body }: PetitionActionInput) => api.post<PetitionDetail | AccessEnded>(`${casePath(id)}/actions/${encodeURIComponent(action)}`, body),
    onSuccess: (r: PetitionDetail | AccessEnded) => {
      if (accessEnded(r)) {
        queryClient.removeQueries({ queryKey: [...KEY, 'detail', id] });
        void queryClient.invalidateQueries({ queryKey: [...KEY, 'list'] });
        return;
      }
      handlers.onSuccess(r);
    },
    onError: handlers.onError,
  });
}

/** Downloads a 受理告知书 / 信访处理意见书 / 复查 or 复核意见书 as .docx. */
export function downloadPetitionDocument(petition: Pick<PetitionDetail, 'id' | 'serial'>, doc: PetitionDetail['documents'][number]): Promise<void> {
  return api.download(`${casePath(petition.id)}/documents/${encodeURIComponent(doc.id)}/docx`, undefined, `${petition.serial}${doc.label}.docx`);
}

// ---------- categories and settings ----------

export function usePetitionCategories() {
  return useQuery({
    queryKey: [...KEY, 'categories'],
    queryFn: ({ signal }) => api.get<{ items: PetitionCategory[] }>('/petitions/categories', undefined, { signal }),
    staleTime: 5 * 60_000,
    select: (data) => [...data.items].sort((a, b) => a.sortOrder - b.sortOrder),
  });
}

export function useCreateCategory() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api.post<PetitionCategory>('/petitions/categories', { name }),
    meta: { skipInboxRefresh: true },
    onSettled: () => queryClient.invalidateQueries({ queryKey: [...KEY, 'categories'] }),
  });
}

export type CategoryUpdate = { name?: string; sortOrder?: number; disabled?: boolean };

export function useUpdateCategory() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...changes }: CategoryUpdate & { id: string }) => api.put<PetitionCategory>(`/petitions/categories/${encodeURIComponent(id)}`, changes),
    meta: { skipInboxRefresh: true },
    onSettled: () => queryClient.invalidateQueries({ queryKey: [...KEY, 'categories'] }),
  });
}

export type PetitionConfig = {
  /** Whether the 条例's "日" counts calendar days or working days: a local choice. */
  dayMode: 'calendar' | 'workdays';
  /** 0.3–0.95: content at least this similar is shown as a suspected repeat. */
  similarityThreshold: number;
  /** 0.3–0.95: a case joins the matter of its most similar case when their texts are at least this alike. */
  groupSimilarity: number;
  /** 群体性预警: this many cases … */
  groupMinCases: number;
  /** … on one matter from one township within this many days. */
  groupWindowDays: number;
  /** 重复信访人: this many visits … */
  frequentVisits: number;
  /** … within this many days. */
  frequentWindowDays: number;
};

export function usePetitionConfig() {
  return useQuery({
    queryKey: [...KEY, 'config'],
    queryFn: ({ signal }) => api.get<PetitionConfig>('/petitions/config', undefined, { signal }),
  });
}

export function useSavePetitionConfig() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (config: PetitionConfig) => api.put<PetitionConfig>('/petitions/config', config),
    meta: { skipInboxRefresh: true },
    onSuccess: (config) => {
      queryClient.setQueryData([...KEY, 'config'], config);
      // Deadlines and matches shown elsewhere may be counted differently now.
      void queryClient.invalidateQueries({ queryKey: KEY, predicate: (query) => query.queryKey[1] !== 'config' });
    },
  });
}

// ---------- board and statistics ----------

export type PetitionBoard = {
  totals: { open: number; overdue: number; dueSoon: number; group: number; skipLevel: number };
  /** 群体性预警: many cases on one matter (similar texts) from one township within the configured window. */
  groupAlerts: { townshipId: string; townshipName: string; matterId: string; summary: string; categoryNames: string[]; count: number; since: string; caseIds: string[] }[];
  /** 重复信访人 */
  frequentPetitioners: { petitionerId: string; name: string; visits: number; since: string }[];
};

export function usePetitionBoard() {
  return useQuery({
    queryKey: [...KEY, 'board'],
    queryFn: ({ signal }) => api.get<PetitionBoard>('/petitions/board', undefined, { signal }),
  });
}

export type CountRow = { key: string; label: string; count: number };

export type PetitionStats = {
  from: string;
  to: string;
  total: number;
  byChannel: CountRow[];
  byCategory: CountRow[];
  byTownship: CountRow[];
  byHandlingUnit: CountRow[];
  byMonth: CountRow[];
  /** rate: percent with one decimal; null when nothing fell due. */
  onTime: { kind: DeadlineKind | string; label: string; due: number; met: number; rate: number | null }[];
  /** rate: percent (满意 + 基本满意 of those evaluated); null when none was evaluated. */
  satisfaction: { satisfied: number; basically: number; unsatisfied: number; rate: number | null };
  /** 反映集中的问题: matters (cases found alike) petitioned at least twice in the period, most first. */
  topMatters: { matterId: string; summary: string; count: number; townshipNames: string[]; categoryNames: string[] }[];
};

export type StatsPeriod = { from: string; to: string };

export function usePetitionStats(period: StatsPeriod) {
  return useQuery({
    queryKey: [...KEY, 'stats', period],
    queryFn: ({ signal }) => api.get<PetitionStats>('/petitions/stats', period, { signal }),
    placeholderData: keepPreviousData,
  });
}

/** The monthly report (月报) of YYYY-MM as .docx or .xlsx. */
export function downloadMonthlyReport(month: string, format: 'docx' | 'xlsx'): Promise<void> {
  return api.download(`/petitions/stats/report.${format}`, { month }, `信访工作月报${month}.${format}`);
}

// ---------- 修改登记 and files on a case ----------

export type PetitionEditField =
  | 'channel'
  | 'kind'
  | 'receivedAt'
  | 'accusedUnitId'
  | 'superiorRef'
  | 'summary'
  | 'content'
  | 'townshipId'
  | 'village'
  | 'categoryId'
  | 'firstOrgan';

/** Body of PATCH /api/petitions/:id: only the fields that change, with the reason; `null` clears. */
export type PetitionEditInput = {
  reason: string;
  channel?: Channel;
  kind?: PetitionKind;
  /** YYYY-MM-DD */
  receivedAt?: string;
  accusedUnitId?: string | null;
  superiorRef?: string | null;
  summary?: string;
  content?: string;
  townshipId?: string;
  village?: string | null;
  categoryId?: string;
  firstOrgan?: FirstOrgan;
};

/** 来信原件 证明材料 办理材料 */
export type PetitionFileKind = 'original' | 'evidence' | 'handling';

export type PetitionFile = {
  id: string;
  name: string;
  size: number;
  kind: PetitionFileKind;
  kindLabel: string;
  addedByName: string;
  addedByUnitName: string | null;
  addedAt: string;
  canRemove: boolean;
};

/** 修改登记 (role petition). */
export function useEditPetition(id: string) {
  const handlers = useSetDetail(id);
  return useMutation({ mutationFn: (input: PetitionEditInput) => api.patch<PetitionDetail>(casePath(id), input), ...handlers });
}

/** Attaches an upload (already sent to POST /api/files by the same user) to the case. */
export function useAttachPetitionFile(id: string) {
  const handlers = useSetDetail(id);
  return useMutation({
    mutationFn: (input: { fileId: string; kind: PetitionFileKind }) => api.post<PetitionDetail>(`${casePath(id)}/files`, input),
    meta: { skipInboxRefresh: true },
    ...handlers,
  });
}

export function useRemovePetitionFile(id: string) {
  const handlers = useSetDetail(id);
  return useMutation({
    mutationFn: (fileId: string) => api.delete<PetitionDetail>(`${casePath(id)}/files/${encodeURIComponent(fileId)}`),
    meta: { skipInboxRefresh: true },
    ...handlers,
  });
}
