import { memo } from 'react';
import { Button, Input, Table, Tooltip } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, MinusOutlined, PlusOutlined } from '@ant-design/icons';
import type { BodyBlock } from '@zhongshu/core/gongwen/model.ts';
import type { DocumentComment } from './editor.api';
import { CommentNotes } from './element-field';

/** What a table block asks of the body editor; one stable object shared by every table. */
export type TableHandlers = {
  onCell: (index: number, row: number, column: number, text: string) => void;
  onCaption: (index: number, caption: string) => void;
  onAddRow: (index: number) => void;
  onRemoveRow: (index: number, row: number) => void;
  onMove: (index: number, delta: -1 | 1) => void;
  onRemove: (index: number) => void;
  onResolveComment: (commentId: string) => void;
};

type Props = {
  index: number;
  block: BodyBlock;
  count: number;
  status: 'error' | 'warning' | undefined;
  comments: readonly DocumentComment[] | undefined;
  resolvingCommentId: string | null;
  handlers: TableHandlers;
};

type TableRow = { key: number; cells: string[] };

/**
 * A table in the 正文 (a 通报's figures, a task list): its caption above, then the cells, row 0
 * the header. Cells are edited in place; the table is printed in 4号 or 小四 仿宋 with black rules.
 */
export const BodyTable = memo(function BodyTable({ index, block, count, status, comments, resolvingCommentId, handlers }: Props) {
  const rows = block.rows ?? [];
  const width = Math.max(1, ...rows.map((row) => row.length));
  const header = rows[0] ?? [];
  const cell = (row: number, column: number, value: string, isHeader: boolean) => (
    <Input
      size="small"
      variant="borderless"
      className={isHeader ? 'zs-body-table-head' : undefined}
      aria-label={`正文第${index + 1}段表格第${row + 1}行第${column + 1}列`}
      value={value}
      status={status}
      onChange={(e) => handlers.onCell(index, row, column, e.target.value)}
    />
  );
  const columns = Array.from({ length: width }, (_, c) => ({
    key: c,
    title: cell(0, c, header[c] ?? '', true),
    render: (_: unknown, row: TableRow) => cell(row.key, c, row.cells[c] ?? '', false),
  }));
  columns.push({
    key: width,
    title: <span className="zs-text-muted">操作</span>,
    render: (_: unknown, row: TableRow) => (
      <Tooltip title="删除本行">
        <Button size="small" type="text" danger icon={<MinusOutlined />} aria-label={`删除表格第${row.key + 1}行`} onClick={() => handlers.onRemoveRow(index, row.key)} />
      </Tooltip>
    ),
  });
  const data: TableRow[] = rows.slice(1).map((cells, r) => ({ key: r + 1, cells }));

  return (
    <div className="zs-body-row zs-body-table" data-element={`body[${index}]`} data-testid={`editor-body-table-${index}`}>
      <div className="zs-body-row-main">
        <span className="zs-body-table-label">表格</span>
        <Input
          size="small"
          className="zs-body-table-caption"
          aria-label={`正文第${index + 1}段表格标题`}
          placeholder="表格标题（居中排在表格上方，可不填）"
          value={block.text}
          onChange={(e) => handlers.onCaption(index, e.target.value)}
        />
        <div className="zs-body-row-tools">
          <Button size="small" type="text" icon={<ArrowUpOutlined />} title="上移" aria-label="上移" disabled={index === 0} onClick={() => handlers.onMove(index, -1)} />
          <Button size="small" type="text" icon={<ArrowDownOutlined />} title="下移" aria-label="下移" disabled={index === count - 1} onClick={() => handlers.onMove(index, 1)} />
          <Button size="small" danger icon={<DeleteOutlined />} onClick={() => handlers.onRemove(index)}>
            删除表格
          </Button>
        </div>
      </div>
      <Table<TableRow> size="small" bordered pagination={false} columns={columns} dataSource={data} scroll={{ x: 'max-content' }} />
      <Button size="small" type="dashed" icon={<PlusOutlined />} className="zs-body-table-add" disabled={rows.length >= 200} onClick={() => handlers.onAddRow(index)}>
        添加一行
      </Button>
      {comments?.length ? <CommentNotes comments={comments} onResolve={handlers.onResolveComment} resolvingId={resolvingCommentId} /> : null}
    </div>
  );
});
