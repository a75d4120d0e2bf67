// The form as a unit sees it: inputs for each field type (also the designer's live preview) and the read-only
// view of a submission. Form values are the API's values themselves (dates as
// YYYY-MM-DD strings, files as {fileId, name}, table rows by column key), so nothing is converted on the way out.
import { useState, type ReactNode } from 'react';
import { App, Button, Checkbox, DatePicker, Descriptions, Empty, Form, Input, InputNumber, Popconfirm, Radio, Select, Table, Upload, type TableColumnsType } from 'antd';
import type { ButtonProps } from 'antd';
import { DeleteOutlined, PaperClipOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { uploadFile } from '../../shared/file-upload';
import type { FileValue, FormField, TableRow, Value } from './collections.api';
import { labelWithUnit } from './collection-labels';

const DAY = 'YYYY-MM-DD';
/** The server's defaults when the designer leaves them open. */
const DEFAULT_MAX_LENGTH = 2000;
const DEFAULT_MAX_ROWS = 200;
/** Up to this many options show as radio buttons; more as a drop-down. */
const RADIO_LIMIT = 5;

/** Errors of table cells by field key, then by "<row>.<column key>". */
export type CellErrors = Record<string, Record<string, string>>;

/** Where a data error belongs: `data.f2` → field f2; `data.f5[3].c2` → field f5, row 3, column c2. */
export function parseDataPath(path: string): { key: string; row: number | null; column: string | null } | null {
  const match = /^(?:data\.)?([a-z][a-z0-9_]*)(?:(?:\[(\d+)\]|\.(\d+))(?:\.([a-z][a-z0-9_]*))?)?$/.exec(path);
  if (!match) return null;
  const row = match[2] ?? match[3];
  return { key: match[1]!, row: row !== undefined ? Number(row) : null, column: match[4] ?? null };
}

/** The form's starting values: what was saved, with empty tables and choices as empty lists. */
export function initialValues(fields: FormField[], data: Record<string, Value> | null | undefined): Record<string, Value> {
  const values: Record<string, Value> = {};
  for (const field of fields) {
    const saved = data?.[field.key];
    if (saved !== undefined && saved !== null) values[field.key] = saved;
    else values[field.key] = field.type === 'table' || field.type === 'multiple' ? [] : null;
  }
  return values;
}

/** The values as the API takes them: blank text becomes null, so a draft does not store whitespace. */
export function collectValues(fields: FormField[], values: Record<string, unknown>): Record<string, Value> {
  const data: Record<string, Value> = {};
  for (const field of fields) {
    const value = values[field.key];
    if (value === undefined || (typeof value === 'string' && value.trim() === '')) data[field.key] = field.type === 'table' || field.type === 'multiple' ? [] : null;
    else if (field.type === 'table' && Array.isArray(value)) {
      data[field.key] = (value as TableRow[]).map((row) => {
        const out: TableRow = {};
        for (const column of field.columns ?? []) {
          const cell = row[column.key];
          out[column.key] = cell === undefined || (typeof cell === 'string' && cell.trim() === '') ? null : cell;
        }
        return out;
      });
    } else data[field.key] = value as Value;
  }
  return data;
}

// ---------- inputs ----------

function DateInput(props: { value?: string | null; onChange?: (value: string | null) => void; disabled?: boolean; minDate?: string; maxDate?: string; testId?: string; id?: string; status?: 'error' }) {
  const { value, onChange, disabled, minDate, maxDate, testId, id, status } = props;
  const parsed = value ? dayjs(value, DAY) : null;
  return (
    <DatePicker
      id={id}
      value={parsed && parsed.isValid() ? parsed : null}
      onChange={(day) => onChange?.(day ? day.format(DAY) : null)}
      disabled={disabled}
      status={status}
      format={DAY}
      placeholder="选择日期"
      disabledDate={(day) => Boolean((minDate && day.isBefore(dayjs(minDate), 'day')) || (maxDate && day.isAfter(dayjs(maxDate), 'day')))}
      data-testid={testId}
      style={{ width: '100%', maxWidth: 220 }}
    />
  );
}

function FileInput(props: { value?: FileValue | null; onChange?: (value: FileValue | null) => void; disabled?: boolean; testId?: string; id?: string; fileHref?: (fileId: string) => string | null }) {
  const { value, onChange, disabled, testId, id, fileHref } = props;
  const { message } = App.useApp();
  const [uploading, setUploading] = useState(false);
  const href = value ? fileHref?.(value.fileId) : null;
  return (
    <div className="cl-file-value" id={id}>
      {value ? (
        <span className="cl-file-name" data-testid={testId ? `${testId}-name` : undefined}>
          <PaperClipOutlined /> {href ? <a href={href}>{value.name}</a> : value.name}
        </span>
      ) : null}
      {!disabled ? (
        <>
          <Upload
            showUploadList={false}
            customRequest={({ file }) => {
              setUploading(true);
              uploadFile(file as File)
                .then((ref) => onChange?.({ fileId: ref.id, name: ref.name }))
                .catch((error: unknown) => message.error(`${(file as File).name}：${error instanceof Error ? error.message : '上传失败'}`))
                .finally(() => setUploading(false));
            }}
          >
            <Button icon={<UploadOutlined />} loading={uploading} data-testid={testId}>
              {value ? '更换文件' : '选择文件'}
            </Button>
          </Upload>
          {value ? (
            <Button type="link" danger onClick={() => onChange?.(null)}>
              移除
            </Button>
          ) : null}
        </>
      ) : null}
      {disabled && !value ? <span className="zs-text-muted">未上传</span> : null}
    </div>
  );
}

function rowHasValue(row: TableRow): boolean {
  return Object.values(row).some((cell) => cell !== null && cell !== undefined && String(cell).trim() !== '');
}

/** A table field: rows added and removed by the unit, one input per cell, errors on the cell they concern. */
function TableInput(props: { field: FormField; value?: TableRow[]; onChange?: (rows: TableRow[]) => void; disabled?: boolean; errors?: Record<string, string>; id?: string }) {
  const { field, onChange, disabled, errors = {}, id } = props;
  const rows = props.value ?? [];
  const columns = field.columns ?? [];
  const maxRows = field.maxRows ?? DEFAULT_MAX_ROWS;
  const setCell = (rowIndex: number, key: string, cell: string | number | null) =>
    onChange?.(rows.map((row, i) => (i === rowIndex ? { ...row, [key]: cell } : row)));
  const removeRow = (rowIndex: number) => onChange?.(rows.filter((_row, i) => i !== rowIndex));
  const addRow = () => onChange?.([...rows, Object.fromEntries(columns.map((column) => [column.key, null]))]);

  const tableColumns: TableColumnsType<TableRow> = [
    { title: '序号', key: '#', width: 56, align: 'center', render: (_v, _row, index) => index + 1 },
    ...columns.map((column) => ({
      title: (
        <span>
          {column.required ? <span className="cl-required-mark">*</span> : null}
          {labelWithUnit(column.label, column.unit)}
        </span>
      ),
      key: column.key,
      width: column.type === 'number' ? 140 : column.type === 'text' ? 180 : 160,
      render: (_v: unknown, row: TableRow, index: number) => {
        const error = errors[`${index}.${column.key}`];
        const testId = `cell-${field.key}-${index}-${column.key}`;
        const cell = row[column.key] ?? null;
        let input: ReactNode;
        if (column.type === 'number') {
          input = (
            <InputNumber
              value={typeof cell === 'number' ? cell : cell === null ? null : Number(cell)}
              onChange={(next) => setCell(index, column.key, typeof next === 'number' ? next : null)}
              disabled={disabled}
              status={error ? 'error' : undefined}
              data-testid={testId}
              aria-label={`第${index + 1}行${column.label}`}
              style={{ width: '100%' }}
            />
          );
        } else if (column.type === 'date') {
          input = (
            <DateInput
              value={typeof cell === 'string' ? cell : null}
              onChange={(next) => setCell(index, column.key, next)}
              disabled={disabled}
              status={error ? 'error' : undefined}
              minDate={column.minDate}
              maxDate={column.maxDate}
              testId={testId}
            />
          );
        } else if (column.type === 'single') {
          input = (
            <Select
              value={typeof cell === 'string' ? cell : undefined}
              onChange={(next?: string) => setCell(index, column.key, next ?? null)}
              options={(column.options ?? []).map((option) => ({ value: option, label: option }))}
              allowClear
              disabled={disabled}
              status={error ? 'error' : undefined}
              placeholder="请选择"
              data-testid={testId}
              aria-label={`第${index + 1}行${column.label}`}
              style={{ width: '100%' }}
            />
          );
        } else {
          input = (
            <Input
              value={typeof cell === 'string' ? cell : cell === null ? '' : String(cell)}
              onChange={(event) => setCell(index, column.key, event.target.value)}
              maxLength={column.maxLength ?? DEFAULT_MAX_LENGTH}
              disabled={disabled}
              status={error ? 'error' : undefined}
              data-testid={testId}
              aria-label={`第${index + 1}行${column.label}`}
            />
          );
        }
        return (
          <div data-testid={error ? `${testId}-error` : undefined}>
            {input}
            {error ? <div className="cl-cell-error">{error}</div> : null}
          </div>
        );
      },
    })),
    ...(disabled
      ? []
      : [
          {
            title: '操作',
            key: 'remove',
            width: 64,
            align: 'center' as const,
            render: (_v: unknown, row: TableRow, index: number) =>
              rowHasValue(row) ? (
                <Popconfirm destroyOnHidden title={`删除第${index + 1}行？`} description="该行已填写的内容将被清除" okText="删除" cancelText="取消" okButtonProps={{ danger: true, 'data-testid': 'action-submit' } as ButtonProps} onConfirm={() => removeRow(index)}>
                  <Button type="text" danger icon={<DeleteOutlined />} aria-label={`删除第${index + 1}行`} data-testid={`table-remove-row-${field.key}-${index}`} />
                </Popconfirm>
              ) : (
                <Button type="text" danger icon={<DeleteOutlined />} aria-label={`删除第${index + 1}行`} data-testid={`table-remove-row-${field.key}-${index}`} onClick={() => removeRow(index)} />
              ),
          },
        ]),
  ];

  return (
    <div className="cl-table-input" id={id} data-testid={`table-${field.key}`}>
      <Table<TableRow>
        rowKey={(_row) => String(rows.indexOf(_row))}
        size="small"
        bordered
        columns={tableColumns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: disabled ? '未填写' : '尚无明细，点击“添加一行”开始填写' }}
      />
      {!disabled ? (
        <div className="cl-table-input-foot">
          <Button icon={<PlusOutlined />} onClick={addRow} disabled={rows.length >= maxRows} data-testid={`table-add-row-${field.key}`}>
            添加一行
          </Button>
          <span className="zs-cell-sub">
            共 {rows.length} 行{field.minRows ? `，至少${field.minRows}行` : ''}
            {`，最多${maxRows}行`}
          </span>
        </div>
      ) : null}
    </div>
  );
}

/** What a field's Form.Item shows under the input: the help text and the field's limits. */
function fieldHint(field: FormField): string | undefined {
  const parts: string[] = [];
  if (field.help) parts.push(field.help);
  if (field.type === 'number') {
    const range =
      field.min !== undefined && field.max !== undefined
        ? `${field.min}～${field.max}`
        : field.min !== undefined
          ? `不小于${field.min}`
          : field.max !== undefined
            ? `不大于${field.max}`
            : '';
    if (range) parts.push(`范围：${range}${field.unit ?? ''}`);
    if (field.decimals === 0) parts.push('填整数');
  }
  if (field.type === 'multiple' && (field.minChoices || field.maxChoices)) {
    parts.push([field.minChoices ? `至少选${field.minChoices}项` : '', field.maxChoices ? `最多选${field.maxChoices}项` : ''].filter(Boolean).join('，'));
  }
  return parts.length ? parts.join('；') : undefined;
}

type ControlProps = { value?: unknown; onChange?: (value: unknown) => void; id?: string };

/** The input of one field; Form.Item hands it value, onChange and id, passed on to the real input. */
function FieldInput(props: ControlProps & { field: FormField; disabled?: boolean; cellErrors?: Record<string, string>; isMobile: boolean; fileHref?: (fileId: string) => string | null }) {
  const { field, disabled, cellErrors, isMobile, fileHref, value, onChange, id } = props;
  const control = { onChange, id };
  const testId = `fill-${field.key}`;
  const options = (field.options ?? []).map((option) => ({ value: option, label: option }));
  switch (field.type) {
    case 'number':
      return <InputNumber {...control} value={value as number | null | undefined} suffix={field.unit || undefined} disabled={disabled} data-testid={testId} style={{ width: isMobile ? '100%' : 240 }} placeholder="请输入数字" />;
    case 'date':
      return <DateInput {...control} value={value as string | null | undefined} disabled={disabled} minDate={field.minDate} maxDate={field.maxDate} testId={testId} />;
    case 'single':
      return options.length <= RADIO_LIMIT ? (
        <Radio.Group {...control} value={value as string | null | undefined} disabled={disabled} data-testid={testId} options={options} />
      ) : (
        <Select {...control} value={(value as string | null | undefined) ?? undefined} disabled={disabled} data-testid={testId} allowClear placeholder="请选择" options={options} style={{ width: isMobile ? '100%' : 320 }} />
      );
    case 'multiple':
      return <Checkbox.Group {...control} value={(value as string[] | null | undefined) ?? []} disabled={disabled} data-testid={testId} options={options} />;
    case 'file':
      return <FileInput {...control} value={value as FileValue | null | undefined} disabled={disabled} testId={testId} fileHref={fileHref} />;
    case 'table':
      return <TableInput {...control} value={(value as TableRow[] | null | undefined) ?? []} field={field} disabled={disabled} errors={cellErrors} />;
    case 'text':
    default:
      return field.multiline ? (
        <Input.TextArea {...control} value={(value as string | null | undefined) ?? ''} autoSize={{ minRows: 3, maxRows: 10 }} maxLength={field.maxLength ?? DEFAULT_MAX_LENGTH} showCount disabled={disabled} data-testid={testId} />
      ) : (
        <Input {...control} value={(value as string | null | undefined) ?? ''} maxLength={field.maxLength ?? DEFAULT_MAX_LENGTH} disabled={disabled} data-testid={testId} />
      );
  }
}

/**
 * The Form.Items of a collection's fields (inside the caller's Form): one per top-level field, labelled by the
 * field's label. The values are checked as a whole before 报送 (validateValues, the server's own check).
 */
export function FillFields(props: { fields: FormField[]; disabled?: boolean; cellErrors?: CellErrors; isMobile: boolean; fileHref?: (fileId: string) => string | null }) {
  const { fields, disabled, cellErrors = {}, isMobile, fileHref } = props;
  if (!fields.length) return <Empty description="尚未添加字段" image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <>
      {fields.map((field) => (
        <Form.Item
          key={field.key}
          name={field.key}
          label={field.label || '（未命名字段）'}
          required={Boolean(field.required)}
          extra={fieldHint(field)}
          data-testid={`fill-item-${field.key}`}
        >
          <FieldInput field={field} disabled={disabled} cellErrors={cellErrors[field.key]} isMobile={isMobile} fileHref={fileHref} />
        </Form.Item>
      ))}
    </>
  );
}

// ---------- read-only ----------

function formatNumber(value: number): string {
  return String(Number(value.toFixed(6)));
}

/** One value as text: numbers with their unit, choices joined with "、". */
export function formatValue(field: Pick<FormField, 'type' | 'unit'>, value: Value | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'number') return `${formatNumber(value)}${field.unit ? ` ${field.unit}` : ''}`;
  if (Array.isArray(value)) return value.every((item) => typeof item === 'string') ? (value as string[]).join('、') : '';
  if (typeof value === 'object' && 'name' in value) return value.name;
  return String(value);
}

/** A submission as the office reads it (and as the unit sees it once submitted). */
export function SubmissionView({ fields, data, fileHref, isMobile }: { fields: FormField[]; data: Record<string, Value>; fileHref: (fileId: string) => string; isMobile: boolean }) {
  const items = fields.map((field) => {
    const value = data[field.key];
    let children: ReactNode;
    if (field.type === 'table') {
      const rows = Array.isArray(value) ? (value as TableRow[]) : [];
      children = (
        <Table<TableRow>
          rowKey={(row) => String(rows.indexOf(row))}
          size="small"
          bordered
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={rows}
          locale={{ emptyText: '未填写' }}
          columns={[
            { title: '序号', key: '#', width: 56, align: 'center', render: (_v, _row, index) => index + 1 },
            ...(field.columns ?? []).map((column) => ({
              title: labelWithUnit(column.label, column.unit),
              key: column.key,
              align: column.type === 'number' ? ('right' as const) : undefined,
              render: (_v: unknown, row: TableRow) => {
                const cell = row[column.key];
                return cell === null || cell === undefined ? '' : typeof cell === 'number' ? formatNumber(cell) : cell;
              },
            })),
          ]}
        />
      );
    } else if (field.type === 'file' && value && typeof value === 'object' && 'fileId' in value) {
      children = (
        <a href={fileHref(value.fileId)} data-testid={`view-file-${field.key}`}>
          <PaperClipOutlined /> {value.name}
        </a>
      );
    } else {
      const text = formatValue(field, value);
      children = text ? <span className="cl-value-text">{text}</span> : <span className="zs-text-muted">未填写</span>;
    }
    return { key: field.key, label: field.label, children: <div data-testid={`view-${field.key}`}>{children}</div> };
  });
  return <Descriptions column={1} size="small" bordered layout={isMobile ? 'vertical' : 'horizontal'} styles={{ label: { width: isMobile ? undefined : 160 } }} items={items} />;
}
