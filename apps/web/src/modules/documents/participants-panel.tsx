import { Tag } from 'antd';
import type { DocumentParticipant, DocumentParticipantKind } from '../../api/types';
import { formatDateTime } from '../../shared/format';
import { PARTICIPANT_KIND_LABELS, participantStatusColor, participantStatusLabel } from './document-labels';

const KIND_ORDER: DocumentParticipantKind[] = ['countersign', 'signer', 'instructor', 'reader', 'coop_unit'];

function nameOf(p: DocumentParticipant): string {
  return p.userName ?? p.unitName ?? '—';
}

function ParticipantRow({ participant, order }: { participant: DocumentParticipant; order?: number }) {
  const acted = participant.actedByName && participant.actedByName !== participant.userName ? `（${participant.actedByName}办理）` : '';
  return (
    <div className="zs-doc-list-item" data-testid="document-participant">
      <div style={{ minWidth: 0 }}>
        <div>
          {order !== undefined ? <span className="zs-text-muted">{order}. </span> : null}
          {nameOf(participant)}
          {participant.userName && participant.unitName ? <span className="zs-cell-sub"> · {participant.unitName}</span> : null}
          {acted ? <span className="zs-cell-sub">{acted}</span> : null}
        </div>
        {participant.opinion ? <div className="zs-doc-opinion">{participant.opinion}</div> : null}
        {participant.actedAt ? <div className="zs-cell-sub">{formatDateTime(participant.actedAt)}</div> : null}
      </div>
      <Tag color={participantStatusColor(participant.status)} style={{ marginInlineEnd: 0 }}>
        {participantStatusLabel(participant)}
      </Tag>
    </div>
  );
}

/** 传阅: who has read it and who has not, at a glance. */
function ReaderSummary({ readers }: { readers: DocumentParticipant[] }) {
  const read = readers.filter((p) => p.status === 'done' || p.status === 'agreed');
  const unread = readers.filter((p) => !(p.status === 'done' || p.status === 'agreed'));
  return (
    <div className="zs-cell-sub" style={{ marginBottom: 4 }} data-testid="reader-summary">
      已阅 {read.length} 人{read.length ? `（${read.map(nameOf).join('、')}）` : ''}；未阅 {unread.length} 人
      {unread.length ? `（${unread.map(nameOf).join('、')}）` : ''}
    </div>
  );
}

/**
 * The people and units taking part, grouped by what they do: 会签, 签发, 批示 (in order), 传阅, 协办.
 * Earlier rounds (a document sent back and submitted again) are kept, marked with their round.
 */
export function ParticipantsPanel({ participants }: { participants: DocumentParticipant[] }) {
  if (!participants.length) return <span className="zs-text-muted">暂无</span>;
  return (
    <div>
      {KIND_ORDER.map((kind) => {
        const group = participants.filter((p) => p.kind === kind).sort((a, b) => b.round - a.round || a.seq - b.seq);
        if (!group.length) return null;
        const latestRound = Math.max(...group.map((p) => p.round));
        const current = group.filter((p) => p.round === latestRound);
        const earlier = group.filter((p) => !current.includes(p));
        return (
          <div key={kind} className="zs-doc-group" data-testid={`participants-${kind}`}>
            <div className="zs-doc-group-title">{PARTICIPANT_KIND_LABELS[kind]}</div>
            {kind === 'reader' ? <ReaderSummary readers={current} /> : null}
            {current.map((p, index) => (
              <ParticipantRow key={p.id} participant={p} order={kind === 'instructor' && current.length > 1 ? index + 1 : undefined} />
            ))}
            {earlier.length ? (
              <details style={{ marginTop: 4 }}>
                <summary className="zs-cell-sub" style={{ cursor: 'pointer' }}>
                  此前轮次（{earlier.length}）
                </summary>
                {earlier.map((p) => (
                  <div key={p.id}>
                    <span className="zs-cell-sub">第{p.round}轮</span>
                    <ParticipantRow participant={p} />
                  </div>
                ))}
              </details>
            ) : null}
          </div>
        );
      })}
    </div>
  );
}
