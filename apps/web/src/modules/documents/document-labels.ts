// Chinese words of the 办文 flows, in one place so the registers, the detail page and the modals agree.
import type { Clearance, DocumentDirection, DocumentParticipant, DocumentParticipantKind, IncomingState, OutgoingState, Retention, Urgency } from '../../api/types';

export { DOCUMENT_TYPES } from '@zhongshu/core/gongwen/model.ts';

export const DIRECTION_LABELS: Record<DocumentDirection, string> = { outgoing: '发文', incoming: '收文' };
export const REGISTER_TITLES: Record<DocumentDirection, string> = { outgoing: '发文登记簿', incoming: '收文登记簿' };

export const OUTGOING_STATE_LABELS: Record<OutgoingState, string> = {
  drafting: '拟稿',
  reviewing: '核稿',
  countersigning: '会签',
  signing: '签发',
  numbering: '编号登记',
  sealing: '用印',
  distributing: '印发',
  issued: '已印发',
  archived: '已归档',
  rejected: '不予发文',
  cancelled: '已撤销',
};

export const INCOMING_STATE_LABELS: Record<IncomingState, string> = {
  pending_receipt: '待签收',
  registered: '待初审',
  proposing: '待拟办',
  instructing: '待批示',
  handling: '承办中',
  concluded: '已办结',
  archived: '已归档',
  returned: '已退文',
};

const STATE_COLORS: Record<string, string> = {
  drafting: 'default',
  reviewing: 'processing',
  countersigning: 'purple',
  signing: 'gold',
  numbering: 'cyan',
  sealing: 'cyan',
  distributing: 'cyan',
  issued: 'success',
  rejected: 'error',
  cancelled: 'default',
  pending_receipt: 'gold',
  registered: 'processing',
  proposing: 'processing',
  instructing: 'purple',
  handling: 'blue',
  concluded: 'success',
  returned: 'default',
  archived: 'default',
};

export function documentStateColor(state: string): string {
  return STATE_COLORS[state] ?? 'default';
}

/** States in which nothing more is done to the document, so no deadline is chased. */
export const CLOSED_STATES = new Set(['issued', 'archived', 'rejected', 'cancelled', 'concluded', 'returned']);

/** 紧急程度 as documents print it (GB/T 9704: 特急, 加急); 普通 is not printed. */
export const DOCUMENT_URGENCY_LABELS: Record<Urgency, string> = { normal: '普通', urgent: '加急', very_urgent: '特急' };
export const DOCUMENT_URGENCY_COLORS: Record<Urgency, string | undefined> = { normal: undefined, urgent: 'orange', very_urgent: 'red' };

export const CLASSIFICATION_COLORS: Record<Clearance, string | undefined> = { none: undefined, secret: 'gold', confidential: 'orange', top_secret: 'red' };

export const RETENTION_LABELS: Record<Retention, string> = { permanent: '永久', '30y': '30年', '10y': '10年' };

/** 收文方式 */
export const RECEIVED_VIA_OPTIONS = ['机要交通', '邮寄', '传真', '面交', '电子公文', '其他'] as const;

export const PARTICIPANT_KIND_LABELS: Record<DocumentParticipantKind, string> = {
  countersign: '会签',
  signer: '签发',
  instructor: '批示',
  reader: '传阅',
  coop_unit: '协办',
};

/** How a participant's status reads for that kind of participant (a reader who is done has 已阅). */
export function participantStatusLabel(p: Pick<DocumentParticipant, 'kind' | 'status'>): string {
  switch (p.status) {
    case 'waiting':
      return '未轮到';
    case 'pending':
      return p.kind === 'reader' ? '未阅' : '待办理';
    case 'returned':
      return '已退回';
    case 'agreed':
      return p.kind === 'signer' ? '已签发' : '已同意';
    case 'done':
      if (p.kind === 'reader') return '已阅';
      if (p.kind === 'instructor') return '已批示';
      if (p.kind === 'signer') return '已签发';
      if (p.kind === 'coop_unit') return '已反馈';
      return '已完成';
    case 'cancelled':
      return '已取消';
    default:
      return String(p.status);
  }
}

const PARTICIPANT_STATUS_COLORS: Record<string, string> = {
  waiting: 'default',
  pending: 'processing',
  agreed: 'success',
  returned: 'error',
  done: 'success',
};

export function participantStatusColor(status: string): string {
  return PARTICIPANT_STATUS_COLORS[status] ?? 'default';
}

export const FINDING_SEVERITY_LABELS: Record<string, string> = { error: '错误', warning: '警告', info: '提示' };
export const FINDING_SEVERITY_COLORS: Record<string, string> = { error: 'red', warning: 'orange', info: 'blue' };

/** Element paths as findings and comments name them, in Chinese: one naming for the editor and the detail page. */
export { describeElement as elementLabel } from './editor/element-paths';
