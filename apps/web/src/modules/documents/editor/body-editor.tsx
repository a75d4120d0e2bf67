// 正文: one text box per paragraph, each a paragraph or a heading of level 1–4 numbered from its position;
// a table (pasted from Word, or in a generated 通报) is edited cell by cell.
import { useLayoutEffect, useMemo, useRef } from 'react';
import { App, Button } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useEditor, statusOf } from './editor-context';
import {
  addTableRow,
  adoptTypedMarker,
  insertParagraph,
  mergeWithPrevious,
  moveBlock,
  removeBlock,
  removeTableRow,
  setBlockLevel,
  setBlockText,
  setTableCaption,
  setTableCell,
  splitBlock,
} from './body-ops';
import { BodyParagraph, type ParagraphHandlers } from './body-paragraph';
import { BodyTable, type TableHandlers } from './body-table';
import { InlineComments } from './element-field';
import { pasteIntoBody, type PasteOutcome } from './paste';

type FocusRequest = { index: number; caret: number | 'end' };

function focusParagraph({ index, caret }: FocusRequest): void {
  const box = document.querySelector<HTMLTextAreaElement>(`[data-testid="editor-body-paragraph-${index}"]`);
  if (!box) return;
  box.focus();
  const at = caret === 'end' ? box.value.length : caret;
  box.setSelectionRange(at, at);
}

export function BodyEditor() {
  const { content, update, severityByElement, commentsByElement, resolveComment, resolvingCommentId } = useEditor();
  const { message } = App.useApp();
  const blocks = content.elements.body;
  const focusRequest = useRef<FocusRequest | null>(null);

  useLayoutEffect(() => {
    if (!focusRequest.current) return;
    focusParagraph(focusRequest.current);
    focusRequest.current = null;
  }, [blocks]);

  // Rows are memoised; the handlers must therefore stay the same object between renders.
  const handlers = useMemo<ParagraphHandlers>(
    () => ({
      onText: (index, text) => update((c) => setBlockText(c, index, text)),
      onLevel: (index, level) => update((c) => setBlockLevel(c, index, level)),
      onSplit: (index, start, end) => {
        focusRequest.current = { index: index + 1, caret: 0 };
        update((c) => splitBlock(c, index, start, end));
      },
      onMergeBack: (index) =>
        update((c) => {
          const merged = mergeWithPrevious(c, index);
          if (!merged) return c;
          focusRequest.current = { index: index - 1, caret: merged.caret };
          return merged.content;
        }),
      onInsertAfter: (index) => {
        focusRequest.current = { index: index + 1, caret: 0 };
        update((c) => insertParagraph(c, index + 1));
      },
      onMove: (index, delta) => {
        focusRequest.current = { index: index + delta, caret: 'end' };
        update((c) => moveBlock(c, index, delta));
      },
      onRemove: (index) => update((c) => removeBlock(c, index)),
      onPaste: (index, text, placement) => {
        let outcome: PasteOutcome | null = null;
        update(
          (c) => {
            outcome = pasteIntoBody(c, text, index, placement);
            return outcome.content;
          },
          { immediate: true },
        );
        const done = outcome as PasteOutcome | null;
        if (done) {
          const filled = done.filled.length ? `，并填入${done.filled.join('、')}` : '';
          message.success(`已粘贴 ${done.paragraphCount} 段，层次标题已自动识别${filled}`);
        }
      },
      onBlur: (index) => update((c) => adoptTypedMarker(c, index)),
      onResolveComment: resolveComment,
    }),
    [update, resolveComment, message],
  );

  const tableHandlers = useMemo<TableHandlers>(
    () => ({
      onCell: (index, row, column, text) => update((c) => setTableCell(c, index, row, column, text)),
      onCaption: (index, caption) => update((c) => setTableCaption(c, index, caption)),
      onAddRow: (index) => update((c) => addTableRow(c, index)),
      onRemoveRow: (index, row) => update((c) => removeTableRow(c, index, row)),
      onMove: (index, delta) => update((c) => moveBlock(c, index, delta)),
      onRemove: (index) => update((c) => removeBlock(c, index)),
      onResolveComment: resolveComment,
    }),
    [update, resolveComment],
  );

  return (
    <div className="zs-body-editor" data-element="body">
      <InlineComments path="body" />
      {blocks.map((block, index) =>
        block.kind === 'table' ? (
          <BodyTable
            key={index}
            index={index}
            block={block}
            count={blocks.length}
            status={statusOf(severityByElement.get(`body[${index}]`))}
            comments={commentsByElement.get(`body[${index}]`)}
            resolvingCommentId={resolvingCommentId}
            handlers={tableHandlers}
          />
        ) : (
          <BodyParagraph
            // Paragraphs have no identity of their own; the focus is put back explicitly after structural edits.
            key={index}
            index={index}
            block={block}
            count={blocks.length}
            status={statusOf(severityByElement.get(`body[${index}]`))}
            comments={commentsByElement.get(`body[${index}]`)}
            resolvingCommentId={resolvingCommentId}
            handlers={handlers}
          />
        ),
      )}
      <Button
        type="dashed"
        block
        icon={<PlusOutlined />}
        onClick={() => {
          focusRequest.current = { index: blocks.length, caret: 0 };
          update((c) => insertParagraph(c, c.elements.body.length));
        }}
      >
        添加段落
      </Button>
    </div>
  );
}
