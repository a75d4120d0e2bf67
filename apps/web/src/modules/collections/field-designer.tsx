// The field designer: a card per field with its name, 必填 and the settings of its type; keys are never typed.
import { forwardRef } from 'react';
import { Button, Col, DatePicker, Input, InputNumber, Popconfirm, Row, Select, Switch, Tag, Tooltip, type ButtonProps } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { ColumnType, FieldType } from './collections.api';
import { COLUMN_TYPES, FIELD_TYPE_HINTS, FIELD_TYPE_LABELS, FIELD_TYPES } from './collection-labels';
import { newColumn, type DesignColumn, type DesignError, type DesignField } from './form-design';

const DAY = 'YYYY-MM-DD';
const COLUMN_TYPE_OPTIONS = COLUMN_TYPES.map((type) => ({ value: type, label: FIELD_TYPE_LABELS[type] }));
const DELETE_OK = { danger: true, 'data-testid': 'action-submit' } as ButtonProps;

/** The buttons that add a field of each type. */
export function AddFieldButtons({ onAdd, disabled }: { onAdd: (type: FieldType) => void; disabled?: boolean }) {
  return (
    <div className="cl-add-fields">
      {FIELD_TYPES.map((type) => (
        <Tooltip key={type} title={FIELD_TYPE_HINTS[type]}>
          <Button icon={<PlusOutlined />} onClick={() => onAdd(type)} disabled={disabled} data-testid={`field-add-${type}`}>
            {FIELD_TYPE_LABELS[type]}
          </Button>
        </Tooltip>
      ))}
    </div>
  );
}

/** A labelled setting inside a card. */
function Setting({ label, children, error }: { label: string; children: React.ReactNode; error?: string }) {
  return (
    <div className="cl-setting">
      <div className="cl-setting-label">{label}</div>
      {children}
      {error ? <div className="cl-cell-error">{error}</div> : null}
    </div>
  );
}

function ColumnEditor(props: { fieldIndex: number; index: number; column: DesignColumn; count: number; errors: DesignError[]; onChange: (patch: Partial<DesignColumn>) => void; onRemove: () => void }) {
  const { fieldIndex: i, index: j, column, count, errors, onChange, onRemove } = props;
  const labelError = errors.find((e) => e.columnPart === 'label' || (e.columnPart === null && e.column === j));
  const optionsError = errors.find((e) => e.columnPart === 'options');
  const otherErrors = errors.filter((e) => e !== labelError && e !== optionsError);
  return (
    <div className="cl-column" data-testid={`field-column-${i}-${j}`}>
      <div className="cl-column-main">
        <span className="cl-column-no">列{j + 1}</span>
        <Input
          value={column.label}
          onChange={(event) => onChange({ label: event.target.value })}
          placeholder="列名称，如：项目名称"
          maxLength={60}
          status={labelError ? 'error' : undefined}
          aria-label={`第${j + 1}列名称`}
          data-testid={`field-column-label-${i}-${j}`}
          className="cl-column-label"
        />
        <Select<ColumnType>
          value={column.type}
          options={COLUMN_TYPE_OPTIONS}
          onChange={(type) => onChange({ type })}
          aria-label={`第${j + 1}列类型`}
          data-testid={`field-column-type-${i}-${j}`}
          className="cl-column-type"
        />
        {column.type === 'number' ? (
          <Input
            value={column.unit}
            onChange={(event) => onChange({ unit: event.target.value })}
            placeholder="单位"
            maxLength={10}
            aria-label={`第${j + 1}列单位`}
            data-testid={`field-column-unit-${i}-${j}`}
            className="cl-column-unit"
          />
        ) : null}
        <span className="cl-inline-switch">
          <Switch size="small" checked={column.required} onChange={(required) => onChange({ required })} aria-label={`第${j + 1}列必填`} data-testid={`field-column-required-${i}-${j}`} />
          必填
        </span>
        <Tooltip title={count <= 1 ? '明细表至少保留一列' : '删除此列'}>
          <Button type="text" danger icon={<DeleteOutlined />} disabled={count <= 1} onClick={onRemove} aria-label={`删除第${j + 1}列`} data-testid={`field-column-remove-${i}-${j}`} />
        </Tooltip>
      </div>
      {column.type === 'number' ? (
        <div className="cl-column-extra">
          <InputNumber value={column.min} onChange={(min) => onChange({ min: typeof min === 'number' ? min : null })} placeholder="最小值" aria-label={`第${j + 1}列最小值`} data-testid={`field-column-min-${i}-${j}`} />
          <InputNumber value={column.max} onChange={(max) => onChange({ max: typeof max === 'number' ? max : null })} placeholder="最大值" aria-label={`第${j + 1}列最大值`} data-testid={`field-column-max-${i}-${j}`} />
          <InputNumber
            value={column.decimals}
            min={0}
            max={6}
            precision={0}
            onChange={(decimals) => onChange({ decimals: typeof decimals === 'number' ? decimals : null })}
            placeholder="小数位（默认2）"
            aria-label={`第${j + 1}列小数位`}
            data-testid={`field-column-decimals-${i}-${j}`}
            style={{ width: 150 }}
          />
        </div>
      ) : null}
      {column.type === 'single' ? (
        <div className="cl-column-extra">
          <Input.TextArea
            value={column.optionsText}
            onChange={(event) => onChange({ optionsText: event.target.value })}
            autoSize={{ minRows: 2, maxRows: 6 }}
            placeholder="选项，每行一个"
            status={optionsError ? 'error' : undefined}
            aria-label={`第${j + 1}列选项`}
            data-testid={`field-column-options-${i}-${j}`}
          />
        </div>
      ) : null}
      {[labelError, optionsError, ...otherErrors].filter(Boolean).map((error) => (
        <div key={error!.message} className="cl-cell-error">
          {error!.message}
        </div>
      ))}
    </div>
  );
}

type CardProps = {
  field: DesignField;
  index: number;
  count: number;
  errors: DesignError[];
  onChange: (patch: Partial<DesignField>) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
};

/** One field of the form being designed. */
export const FieldCard = forwardRef<HTMLDivElement, CardProps>(function FieldCard({ field, index: i, count, errors, onChange, onMove, onRemove }, ref) {
  const errorOf = (part: string) => errors.find((e) => e.part === part && e.column === null)?.message;
  const columnErrors = (j: number) => errors.filter((e) => e.column === j);
  const setColumn = (j: number, patch: Partial<DesignColumn>) => onChange({ columns: field.columns.map((column, k) => (k === j ? { ...column, ...patch } : column)) });
  const number = (value: number | string | null) => (typeof value === 'number' ? value : null);
  const hasErrors = errors.length > 0;

  return (
    <div ref={ref} className={`cl-field-card${hasErrors ? ' cl-field-card-error' : ''}`} data-testid={`field-card-${i}`} data-type={field.type}>
      <div className="cl-field-head">
        <span className="cl-field-no">{i + 1}</span>
        <Tag color="blue" style={{ marginInlineEnd: 0 }}>
          {FIELD_TYPE_LABELS[field.type]}
        </Tag>
        <Input
          value={field.label}
          onChange={(event) => onChange({ label: event.target.value })}
          placeholder={field.type === 'table' ? '名称，如：项目明细' : '名称，如：资金缺口'}
          maxLength={60}
          status={errorOf('label') ? 'error' : undefined}
          aria-label={`第${i + 1}项名称`}
          data-testid={`field-label-${i}`}
          className="cl-field-label-input"
        />
        <span className="cl-inline-switch">
          <Switch size="small" checked={field.required} onChange={(required) => onChange({ required })} aria-label={`第${i + 1}项必填`} data-testid={`field-required-${i}`} />
          必填
        </span>
        <span className="cl-field-tools">
          <Tooltip title="上移">
            <Button type="text" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => onMove(-1)} aria-label={`上移第${i + 1}项`} data-testid={`field-up-${i}`} />
          </Tooltip>
          <Tooltip title="下移">
            <Button type="text" icon={<ArrowDownOutlined />} disabled={i === count - 1} onClick={() => onMove(1)} aria-label={`下移第${i + 1}项`} data-testid={`field-down-${i}`} />
          </Tooltip>
          <Popconfirm destroyOnHidden title={`删除第${i + 1}项“${field.label || FIELD_TYPE_LABELS[field.type]}”？`} okText="删除" cancelText="取消" okButtonProps={DELETE_OK} onConfirm={onRemove}>
            <Button type="text" danger icon={<DeleteOutlined />} aria-label={`删除第${i + 1}项`} data-testid={`field-remove-${i}`} />
          </Popconfirm>
        </span>
      </div>
      {errorOf('label') ? <div className="cl-cell-error">{errorOf('label')}</div> : null}

      <div className="cl-field-settings">
        {field.type === 'number' ? (
          <Row gutter={[12, 8]}>
            <Col xs={12} sm={6}>
              <Setting label="单位" error={errorOf('unit')}>
                <Input value={field.unit} onChange={(event) => onChange({ unit: event.target.value })} placeholder="如：万元" maxLength={10} data-testid={`field-unit-${i}`} />
              </Setting>
            </Col>
            <Col xs={12} sm={6}>
              <Setting label="最小值" error={errorOf('min')}>
                <InputNumber value={field.min} onChange={(min) => onChange({ min: number(min) })} placeholder="不限" style={{ width: '100%' }} data-testid={`field-min-${i}`} />
              </Setting>
            </Col>
            <Col xs={12} sm={6}>
              <Setting label="最大值" error={errorOf('max')}>
                <InputNumber value={field.max} onChange={(max) => onChange({ max: number(max) })} placeholder="不限" style={{ width: '100%' }} data-testid={`field-max-${i}`} />
              </Setting>
            </Col>
            <Col xs={12} sm={6}>
              <Setting label="小数位" error={errorOf('decimals')}>
                <InputNumber value={field.decimals} onChange={(decimals) => onChange({ decimals: number(decimals) })} min={0} max={6} precision={0} placeholder="默认2" style={{ width: '100%' }} data-testid={`field-decimals-${i}`} />
              </Setting>
            </Col>
          </Row>
        ) : null}

        {field.type === 'text' ? (
          <Row gutter={[12, 8]}>
            <Col xs={12} sm={8}>
              <Setting label="多行">
                <Switch checked={field.multiline} onChange={(multiline) => onChange({ multiline })} data-testid={`field-multiline-${i}`} />
              </Setting>
            </Col>
            <Col xs={12} sm={8}>
              <Setting label="最大长度" error={errorOf('maxLength')}>
                <InputNumber value={field.maxLength} onChange={(maxLength) => onChange({ maxLength: number(maxLength) })} min={1} max={20000} precision={0} placeholder="默认2000" suffix="字" style={{ width: '100%' }} data-testid={`field-max-length-${i}`} />
              </Setting>
            </Col>
          </Row>
        ) : null}

        {field.type === 'date' ? (
          <Setting label="可选日期范围" error={errorOf('minDate') ?? errorOf('maxDate')}>
            <DatePicker.RangePicker
              allowEmpty={[true, true]}
              value={[field.minDate ? dayjs(field.minDate) : null, field.maxDate ? dayjs(field.maxDate) : null]}
              onChange={(range) => onChange({ minDate: range?.[0]?.format(DAY) ?? null, maxDate: range?.[1]?.format(DAY) ?? null })}
              placeholder={['最早（不限）', '最晚（不限）']}
              data-testid={`field-date-range-${i}`}
              style={{ width: '100%', maxWidth: 320 }}
            />
          </Setting>
        ) : null}

        {field.type === 'single' || field.type === 'multiple' ? (
          <Row gutter={[12, 8]}>
            <Col xs={24} sm={field.type === 'multiple' ? 14 : 24}>
              <Setting label="选项（每行一个）" error={errorOf('options')}>
                <Input.TextArea
                  value={field.optionsText}
                  onChange={(event) => onChange({ optionsText: event.target.value })}
                  autoSize={{ minRows: 3, maxRows: 10 }}
                  placeholder={'例如：\n已完成\n推进中\n未启动'}
                  status={errorOf('options') ? 'error' : undefined}
                  data-testid={`field-options-${i}`}
                />
              </Setting>
            </Col>
            {field.type === 'multiple' ? (
              <Col xs={24} sm={10}>
                <Row gutter={12}>
                  <Col span={12}>
                    <Setting label="最少选" error={errorOf('minChoices')}>
                      <InputNumber value={field.minChoices} onChange={(v) => onChange({ minChoices: number(v) })} min={0} max={50} precision={0} placeholder="不限" style={{ width: '100%' }} data-testid={`field-min-choices-${i}`} />
                    </Setting>
                  </Col>
                  <Col span={12}>
                    <Setting label="最多选" error={errorOf('maxChoices')}>
                      <InputNumber value={field.maxChoices} onChange={(v) => onChange({ maxChoices: number(v) })} min={1} max={50} precision={0} placeholder="不限" style={{ width: '100%' }} data-testid={`field-max-choices-${i}`} />
                    </Setting>
                  </Col>
                </Row>
              </Col>
            ) : null}
          </Row>
        ) : null}

        {field.type === 'table' ? (
          <div>
            <div className="cl-setting-label">列</div>
            {errorOf('columns') ? <div className="cl-cell-error">{errorOf('columns')}</div> : null}
            <div className="cl-columns">
              {field.columns.map((column, j) => (
                <ColumnEditor
                  key={column.uid}
                  fieldIndex={i}
                  index={j}
                  column={column}
                  count={field.columns.length}
                  errors={columnErrors(j)}
                  onChange={(patch) => setColumn(j, patch)}
                  onRemove={() => onChange({ columns: field.columns.filter((_c, k) => k !== j) })}
                />
              ))}
            </div>
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => onChange({ columns: [...field.columns, newColumn('text')] })} disabled={field.columns.length >= 30} data-testid={`field-column-add-${i}`} style={{ marginTop: 8 }}>
              添加列
            </Button>
            <Row gutter={12} style={{ marginTop: 8 }}>
              <Col xs={12} sm={6}>
                <Setting label="最少行数" error={errorOf('minRows')}>
                  <InputNumber value={field.minRows} onChange={(v) => onChange({ minRows: number(v) })} min={0} max={200} precision={0} placeholder="不限" style={{ width: '100%' }} data-testid={`field-min-rows-${i}`} />
                </Setting>
              </Col>
              <Col xs={12} sm={6}>
                <Setting label="最多行数" error={errorOf('maxRows')}>
                  <InputNumber value={field.maxRows} onChange={(v) => onChange({ maxRows: number(v) })} min={1} max={200} precision={0} placeholder="默认200" style={{ width: '100%' }} data-testid={`field-max-rows-${i}`} />
                </Setting>
              </Col>
            </Row>
          </div>
        ) : null}

        {field.type === 'file' ? <div className="zs-cell-sub">填报单位上传一个附件（单个文件）。</div> : null}

        <Setting label="填报说明（选填）" error={errorOf('help')}>
          <Input value={field.help} onChange={(event) => onChange({ help: event.target.value })} maxLength={200} placeholder="显示在输入框下方，如口径、统计时点" data-testid={`field-help-${i}`} />
        </Setting>
      </div>
      {/* Errors on parts that have no input of their own (e.g. the type, the key). */}
      {errors
        .filter((e) => e.column === null && e.part !== null && !['label', 'unit', 'min', 'max', 'decimals', 'maxLength', 'minDate', 'maxDate', 'options', 'minChoices', 'maxChoices', 'columns', 'minRows', 'maxRows', 'help'].includes(e.part))
        .concat(errors.filter((e) => e.part === null))
        .map((e) => (
          <div key={e.message} className="cl-cell-error" data-testid={`field-error-${i}`}>
            {e.message}
          </div>
        ))}
    </div>
  );
});
