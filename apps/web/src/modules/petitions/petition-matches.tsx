import { forwardRef } from 'react';
import { Link } from 'react-router-dom';
import { Button, Space, Tag } from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import { labelOf } from '../../shared/labels';
import { formatDate } from '../../shared/format';
import { useErrorToast } from '../../shared/use-error-toast';
import { useMatchDecision, type Match, type PetitionDetail } from './petitions.api';
import { MATCH_REASON_LABELS, STATE_LABELS, formatSimilarity } from './petition-labels';

/**
 * 疑似重复: earlier cases by the same petitioner or with similar content. The clerk links those that are the
 * same matter (重复信访) and dismisses the rest; decided ones stay listed, greyed.
 */
export const PetitionMatches = forwardRef<HTMLDivElement, { detail: PetitionDetail; canDecide: boolean }>(function PetitionMatches({ detail, canDecide }, ref) {
  const decide = useMatchDecision(detail.id);
  const toastError = useErrorToast();
  const linkedIds = new Set(detail.linked.map((link) => link.id));
  const isOpen = (match: Match) => !match.dismissed && !linkedIds.has(match.id);
  const matches = [...detail.matches].sort((a, b) => Number(isOpen(b)) - Number(isOpen(a)) || b.similarity - a.similarity);
  if (!matches.length) return null;
  const openCount = matches.filter(isOpen).length;
  const pendingId = decide.isPending ? decide.variables?.matchId : undefined;

  return (
    <div className="pt-matches" ref={ref} data-testid="pt-matches">
      <h3 className="pt-section-title">
        <WarningOutlined style={{ color: '#cf1322' }} /> 疑似重复信访
        {openCount ? <span className="zs-text-overdue">（{openCount}件待核对）</span> : <span className="zs-text-muted">（已全部核对）</span>}
      </h3>
      {matches.map((match) => {
        const open = isOpen(match);
        return (
          <div key={match.id} className={`pt-match${open ? '' : ' pt-match-dismissed'}`} data-testid={`pt-match-${match.serial}`}>
            <div className="pt-match-main">
              <Space size={6} wrap>
                <Link to={`/petitions/${encodeURIComponent(match.id)}`} className="zs-title-link">
                  {match.serial}
                </Link>
                <Tag color="volcano" style={{ marginInlineEnd: 0 }}>
                  {MATCH_REASON_LABELS[match.reason] ?? match.reason}
                </Tag>
                <span className="pt-similarity" title="内容相似度">
                  相似度 {formatSimilarity(match.similarity)}
                </span>
                {match.final ? (
                  <Tag color="red" style={{ marginInlineEnd: 0 }}>
                    已复核终结
                  </Tag>
                ) : null}
                {linkedIds.has(match.id) ? (
                  <Tag color="green" style={{ marginInlineEnd: 0 }}>
                    已关联
                  </Tag>
                ) : match.dismissed ? (
                  <Tag style={{ marginInlineEnd: 0 }}>已排除</Tag>
                ) : null}
              </Space>
              <div style={{ marginTop: 4 }}>{match.summary}</div>
              <div className="zs-cell-sub">
                收到 {formatDate(match.receivedAt)} · {labelOf(STATE_LABELS, match.state)}
              </div>
            </div>
            {open && canDecide ? (
              <Space>
                <Button
                  type="primary"
                  danger
                  loading={pendingId === match.id && decide.variables?.decision === 'link'}
                  disabled={decide.isPending}
                  onClick={() => decide.mutate({ matchId: match.id, decision: 'link' }, { onError: toastError })}
                  data-testid={`pt-match-link-${match.id}`}
                >
                  关联
                </Button>
                <Button
                  loading={pendingId === match.id && decide.variables?.decision === 'dismiss'}
                  disabled={decide.isPending}
                  onClick={() => decide.mutate({ matchId: match.id, decision: 'dismiss' }, { onError: toastError })}
                  data-testid={`pt-match-dismiss-${match.id}`}
                >
                  排除
                </Button>
              </Space>
            ) : null}
          </div>
        );
      })}
      {canDecide && openCount ? <div className="zs-cell-sub">属于同一事项的点击“关联”（按重复信访处理）；不是同一事项的点击“排除”。</div> : null}
    </div>
  );
});
