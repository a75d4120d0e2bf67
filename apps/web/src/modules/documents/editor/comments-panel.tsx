// Reviewers' comments (核稿、会签、签发批注) in one list beside the text; each also shows under its element.
import { Button, Card } from 'antd';
import type { DocumentComment } from './editor.api';
import { describeElement, revealElement } from './element-paths';
import { formatDateTime } from '../../../shared/format';

export function CommentsPanel({
  comments,
  onResolve,
  resolvingId,
}: {
  comments: readonly DocumentComment[];
  onResolve: (id: string) => void;
  resolvingId: string | null;
}) {
  const open = comments.filter((c) => !c.resolvedAt);
  const resolved = comments.length - open.length;
  if (comments.length === 0) return null;
  return (
    <Card
      size="small"
      className="zs-editor-side-card"
      data-testid="editor-comments"
      title="修改意见"
      extra={<span className="zs-text-muted">{open.length ? `待处理 ${open.length}` : '均已处理'}{resolved ? ` · 已处理 ${resolved}` : ''}</span>}
    >
      {open.map((comment) => (
        <div key={comment.id} className="zs-side-comment">
          <div className="zs-side-comment-head">
            <Button type="link" size="small" className="zs-finding-element" onClick={() => revealElement(comment.element)}>
              {describeElement(comment.element)}
            </Button>
            <span className="zs-text-muted">
              {comment.authorName} · {formatDateTime(comment.createdAt)}
            </span>
          </div>
          {comment.quote ? <div className="zs-side-comment-quote">“{comment.quote}”</div> : null}
          <div className="zs-side-comment-text">{comment.text}</div>
          <Button size="small" loading={resolvingId === comment.id} onClick={() => onResolve(comment.id)}>
            已处理
          </Button>
        </div>
      ))}
    </Card>
  );
}
