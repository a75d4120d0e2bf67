// The checker's findings beside the text: severity, message, clause, the element it is about
// (click to go there) and, for mechanical ones, a one-click fix.
import { Button, Card, Empty, Tag, Tooltip } from 'antd';
import { CheckCircleOutlined } from '@ant-design/icons';
import { getElementText } from '@zhongshu/core/gongwen/element-text.ts';
import type { GongwenDocument, Severity } from '@zhongshu/core/gongwen/model.ts';
import { describeElement, revealElement } from './element-paths';
import type { FindingCounts, LiveFinding } from './use-live-findings';

export const SEVERITY_LABELS: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };
const SEVERITY_COLORS: Record<Severity, string> = { error: 'red', warning: 'orange', info: 'blue' };

/** "错误 2 · 警告 1 · 提示 0" */
export function countsText(counts: FindingCounts): string {
  return (['error', 'warning', 'info'] as const).map((s) => `${SEVERITY_LABELS[s]} ${counts[s]}`).join(' · ');
}

/** What a fix will do, in words: "“。”改为“：”", "删除“的”", "补上“号”". */
function describeFix(content: GongwenDocument, finding: LiveFinding): string | null {
  const fix = finding.fix;
  if (!fix) return null;
  const text = getElementText(content, fix.element) ?? '';
  const before = text.slice(fix.range.start, fix.range.end);
  if (!before && fix.replacement) return `补上“${fix.replacement}”`;
  if (before && !fix.replacement) return `删除“${before}”`;
  if (before) return `“${before}”改为“${fix.replacement}”`;
  return null;
}

export function FindingsPanel({
  findings,
  counts,
  content,
  canFix,
  onFix,
}: {
  findings: LiveFinding[];
  counts: FindingCounts;
  content: GongwenDocument;
  canFix: boolean;
  onFix: (finding: LiveFinding) => void;
}) {
  return (
    <Card
      size="small"
      className="zs-editor-side-card"
      data-testid="editor-findings"
      title="检查结果"
      extra={<span className={counts.error ? 'zs-text-overdue' : 'zs-text-muted'} data-testid="editor-findings-counts">{countsText(counts)}</span>}
    >
      {findings.length === 0 ? (
        <Empty image={<CheckCircleOutlined className="zs-editor-ok-icon" />} description="未发现问题" />
      ) : (
        <div className="zs-findings">
          {findings.map((finding) => {
            const fixText = describeFix(content, finding);
            return (
              <div key={finding.key} className={`zs-finding zs-finding-${finding.severity}`} data-testid="finding-item" data-code={finding.code}>
                <div className="zs-finding-head">
                  <Tag color={SEVERITY_COLORS[finding.severity]}>{SEVERITY_LABELS[finding.severity]}</Tag>
                  <Button type="link" size="small" className="zs-finding-element" onClick={() => revealElement(finding.element)}>
                    {describeElement(finding.element)}
                  </Button>
                  {finding.fromServer ? (
                    <Tooltip title="由服务器按本单位敏感词、易错词表和组织机构检查得出，保存后更新">
                      <Tag>服务器</Tag>
                    </Tooltip>
                  ) : null}
                </div>
                <div className="zs-finding-message">{finding.message}</div>
                <div className="zs-finding-clause">依据：{finding.clause}</div>
                {finding.fix && canFix ? (
                  <div className="zs-finding-fix">
                    <Button size="small" type="primary" ghost data-testid="finding-fix" onClick={() => onFix(finding)}>
                      一键修正
                    </Button>
                    {fixText ? <span className="zs-text-muted">{fixText}</span> : null}
                  </div>
                ) : null}
              </div>
            );
          })}
        </div>
      )}
    </Card>
  );
}
