import type { ReactNode } from 'react';
import { Button } from 'antd';
import { CommentOutlined } from '@ant-design/icons';
import type { DocumentComment } from './editor.api';
import { useEditor } from './editor-context';

/** The id of an element's input, so that its label names it for screen readers and tests. */
export function fieldId(path: string): string {
  return `zs-el-${path.replace(/[^\w]+/g, '-')}`;
}

/**
 * One element of the 公文 in the form: its label, its input, and the reviewers' comments on it.
 * `data-element` is where findings and comments scroll to.
 */
export function ElementField({
  path,
  label,
  hint,
  children,
  className,
}: {
  path: string;
  label: ReactNode;
  hint?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <div className={`zs-editor-field${className ? ` ${className}` : ''}`} data-element={path}>
      <label className="zs-editor-field-label" htmlFor={fieldId(path)}>
        {label}
        {hint ? <span className="zs-editor-field-hint">{hint}</span> : null}
      </label>
      {children}
      <InlineComments path={path} />
    </div>
  );
}

/** Comments on one element, connected to the editor. */
export function InlineComments({ path }: { path: string }) {
  const { commentsByElement, resolveComment, resolvingCommentId } = useEditor();
  const comments = commentsByElement.get(path);
  if (!comments?.length) return null;
  return <CommentNotes comments={comments} onResolve={resolveComment} resolvingId={resolvingCommentId} />;
}

/** Reviewers' comments shown under the text they are about, each with its 已处理 button. */
export function CommentNotes({
  comments,
  onResolve,
  resolvingId,
}: {
  comments: readonly DocumentComment[];
  onResolve: (id: string) => void;
  resolvingId: string | null;
}) {
  return (
    <div className="zs-editor-comments">
      {comments.map((comment) => (
        <div key={comment.id} className="zs-editor-comment" data-testid="editor-comment">
          <CommentOutlined className="zs-editor-comment-icon" />
          <div className="zs-editor-comment-main">
            <span className="zs-editor-comment-author">{comment.authorName}：</span>
            {comment.text}
            {comment.quote ? <span className="zs-text-muted">（原文：“{comment.quote}”）</span> : null}
          </div>
          <Button size="small" type="link" loading={resolvingId === comment.id} onClick={() => onResolve(comment.id)}>
            已处理
          </Button>
        </div>
      ))}
    </div>
  );
}
