import { Empty, Timeline } from 'antd';
import type { DocumentHistoryEntry } from '../../api/types';
import { formatDateTime } from '../../shared/format';
import { RETENTION_LABELS } from './document-labels';

const RED_ACTIONS = new Set(['cancel', 'review_return', 'review_reject', 'countersign_return', 'sign_return', 'return_to_sender', 'void_number']);
const GREEN_ACTIONS = new Set(['sign', 'issue', 'conclude', 'archive', 'review_pass', 'countersign_agree', 'receive']);
const GOLD_ACTIONS = new Set(['instruct', 'propose', 'remind']);

function historyColor(entry: DocumentHistoryEntry): string {
  if (RED_ACTIONS.has(entry.action)) return 'red';
  if (GREEN_ACTIONS.has(entry.action)) return 'green';
  if (GOLD_ACTIONS.has(entry.action)) return 'orange';
  if (entry.action === 'create' || entry.action === 'register_incoming') return 'gray';
  return 'blue';
}

/** The few step details worth a line of their own (理由 for passing with errors, 保管期限, …). */
function extraLines(entry: DocumentHistoryEntry): string[] {
  const data = entry.data ?? {};
  const lines: string[] = [];
  if (typeof data.overrideReason === 'string' && data.overrideReason) lines.push(`存在错误仍通过的理由：${data.overrideReason}`);
  if (typeof data.reply === 'string' && data.reply) lines.push(`答复来文单位：${data.reply}`);
  if (typeof data.retention === 'string') lines.push(`保管期限：${(RETENTION_LABELS as Record<string, string>)[data.retention] ?? data.retention}`);
  if (typeof data.copies === 'number') lines.push(`${entry.action === 'register' ? '印发份数' : '份数'}：${data.copies}`);
  if (typeof data.deadline === 'string' && data.deadline) lines.push(`办理期限：${data.deadline}`);
  if (typeof data.numberText === 'string' && data.numberText) lines.push(`发文字号：${data.numberText}`);
  return lines;
}

function HistoryItem({ entry }: { entry: DocumentHistoryEntry }) {
  const moved = entry.fromState !== entry.toState && entry.toStateLabel;
  return (
    <div data-testid="document-history-entry">
      <div className="zs-timeline-head">
        <span className="zs-timeline-action">{entry.actionLabel}</span>
        <span>{entry.actorName}</span>
        <span className="zs-text-muted">{formatDateTime(entry.at)}</span>
        {moved ? (
          <span className="zs-cell-sub">
            {entry.fromStateLabel ? `${entry.fromStateLabel} → ` : ''}
            {entry.toStateLabel}
          </span>
        ) : null}
        {entry.versionNo !== null ? <span className="zs-cell-sub">第{entry.versionNo}稿</span> : null}
      </div>
      {entry.comment ? <div className="zs-timeline-comment">{entry.comment}</div> : null}
      {extraLines(entry).map((line) => (
        <div key={line} className="zs-cell-sub" style={{ marginTop: 2 }}>
          {line}
        </div>
      ))}
    </div>
  );
}

/** 办理过程: every step with who took it, when, and the opinion given. */
export function DocumentHistory({ history }: { history: DocumentHistoryEntry[] }) {
  if (!history.length) return <Empty description="暂无办理记录" />;
  return (
    <Timeline
      style={{ marginTop: 8 }}
      items={history.map((entry) => ({ key: entry.id, color: historyColor(entry), content: <HistoryItem entry={entry} /> }))}
    />
  );
}
