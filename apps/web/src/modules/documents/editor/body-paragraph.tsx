import { memo, type ClipboardEvent, type KeyboardEvent } from 'react';
import { Button, Input, Select } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { BodyBlock } from '@zhongshu/core/gongwen/model.ts';
import type { DocumentComment } from './editor.api';
import type { HeadingLevel } from './editor-model';
import { CommentNotes } from './element-field';
import { clipboardText, isMultiParagraph, type PastePlacement } from './paste';

export const LEVEL_OPTIONS: { value: HeadingLevel | 0; label: string }[] = [
  { value: 0, label: '正文' },
  { value: 1, label: '一级标题' },
  { value: 2, label: '二级标题' },
  { value: 3, label: '三级标题' },
  { value: 4, label: '四级标题' },
];

/** What a paragraph row asks of the body editor; one stable object shared by every row. */
export type ParagraphHandlers = {
  onText: (index: number, text: string) => void;
  onLevel: (index: number, level: HeadingLevel | 0) => void;
  onSplit: (index: number, start: number, end: number) => void;
  onMergeBack: (index: number) => void;
  onInsertAfter: (index: number) => void;
  onMove: (index: number, delta: -1 | 1) => void;
  onRemove: (index: number) => void;
  onPaste: (index: number, text: string, placement: PastePlacement) => void;
  onBlur: (index: number) => void;
  onResolveComment: (commentId: string) => void;
};

type Props = {
  index: number;
  block: BodyBlock;
  count: number;
  status: 'error' | 'warning' | undefined;
  comments: readonly DocumentComment[] | undefined;
  resolvingCommentId: string | null;
  handlers: ParagraphHandlers;
};

/** One paragraph of 正文: its level, its numbering marker, its text, and the buttons that move it. */
export const BodyParagraph = memo(function BodyParagraph({ index, block, count, status, comments, resolvingCommentId, handlers }: Props) {
  const level: HeadingLevel | 0 = block.kind === 'heading' && block.level ? block.level : 0;

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    // Never act on the Enter that confirms a Chinese input method's candidate.
    if (e.nativeEvent.isComposing || e.keyCode === 229) return;
    const { selectionStart, selectionEnd } = e.currentTarget;
    if (e.key === 'Enter' && !e.shiftKey && !e.ctrlKey && !e.altKey && !e.metaKey) {
      e.preventDefault();
      handlers.onSplit(index, selectionStart, selectionEnd);
    } else if (e.key === 'Backspace' && selectionStart === 0 && selectionEnd === 0 && index > 0) {
      e.preventDefault();
      handlers.onMergeBack(index);
    }
  };

  const onPaste = (e: ClipboardEvent<HTMLTextAreaElement>) => {
    const text = clipboardText(e.clipboardData);
    // A single paragraph is pasted as typed; several are read as a 公文.
    if (!isMultiParagraph(text)) return;
    e.preventDefault();
    const { selectionStart, selectionEnd } = e.currentTarget;
    const placement: PastePlacement = !block.text.trim() ? 'replace' : selectionStart === 0 && selectionEnd === 0 ? 'before' : 'after';
    handlers.onPaste(index, text, placement);
  };

  return (
    <div className={`zs-body-row zs-body-level-${level}`} data-element={`body[${index}]`}>
      <div className="zs-body-row-main">
        <Select<HeadingLevel | 0>
          size="small"
          className="zs-body-level"
          aria-label={`第${index + 1}段层级`}
          value={level}
          options={LEVEL_OPTIONS}
          onChange={(value) => handlers.onLevel(index, value)}
          popupMatchSelectWidth={false}
        />
        {block.marker ? <span className="zs-body-marker">{block.marker}</span> : null}
        <Input.TextArea
          data-testid={`editor-body-paragraph-${index}`}
          aria-label={`正文第${index + 1}段`}
          className="zs-body-text"
          autoSize={{ minRows: 1 }}
          value={block.text}
          status={status}
          placeholder={index === 0 && count === 1 ? '在此输入正文，或从 Word/WPS 粘贴全文' : level ? '标题文字' : '段落文字'}
          onChange={(e) => handlers.onText(index, e.target.value)}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
          onBlur={() => handlers.onBlur(index)}
        />
        <div className="zs-body-row-tools">
          <Button size="small" type="text" icon={<ArrowUpOutlined />} title="上移" aria-label="上移" disabled={index === 0} onClick={() => handlers.onMove(index, -1)} />
          <Button size="small" type="text" icon={<ArrowDownOutlined />} title="下移" aria-label="下移" disabled={index === count - 1} onClick={() => handlers.onMove(index, 1)} />
          <Button size="small" type="text" icon={<PlusOutlined />} title="在下方插入段落" aria-label="在下方插入段落" onClick={() => handlers.onInsertAfter(index)} />
          <Button size="small" type="text" danger icon={<DeleteOutlined />} title="删除本段" aria-label="删除本段" onClick={() => handlers.onRemove(index)} />
        </div>
      </div>
      {comments?.length ? <CommentNotes comments={comments} onResolve={handlers.onResolveComment} resolvingId={resolvingCommentId} /> : null}
    </div>
  );
});
