import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, DatePicker, Form, Input, InputNumber, Modal, Select, Spin, TreeSelect } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { showFieldError } from '../../shared/form-errors';
import { useDirectory, useDirectoryPickers } from '../org/directory.api';
import { useItemSearch, useRecordAccountability, type AccountabilityInput, type AccountabilityKind } from './supervision.api';
import { ACCOUNTABILITY_KIND_LABELS } from './supervision-labels';

/** What a caller may fill in before the form opens, e.g. a 约谈 proposed on the board. */
export type AccountabilityPrefill = { kind?: AccountabilityKind; unitId?: string; reason?: string };

type FormValues = {
  kind: AccountabilityKind;
  unitId: string;
  assignmentIds: string[];
  reason: string;
  points?: number | null;
  dueDate?: Dayjs | null;
};

const KIND_OPTIONS = (Object.keys(ACCOUNTABILITY_KIND_LABELS) as AccountabilityKind[]).map((value) => ({ value, label: ACCOUNTABILITY_KIND_LABELS[value] }));

/** Picks supervision items by keyword (GET /api/assignments?q=), keeping the names of those already chosen. */
function ItemPicker({ id, value = [], onChange, unitId }: { id?: string; value?: string[]; onChange?: (ids: string[]) => void; unitId?: string }) {
  const [search, setSearch] = useState('');
  const [keyword, setKeyword] = useState('');
  const [known, setKnown] = useState<Record<string, string>>({});
  useEffect(() => {
    const timer = setTimeout(() => setKeyword(search.trim()), 300);
    return () => clearTimeout(timer);
  }, [search]);
  const results = useItemSearch(keyword, unitId || undefined, true);

  const options = useMemo(() => {
    const found = (results.data?.items ?? []).map((item) => ({ value: item.id, label: `${item.serial} ${item.title}` }));
    const shown = new Set(found.map((option) => option.value));
    const chosen = value.filter((id) => !shown.has(id)).map((id) => ({ value: id, label: known[id] ?? id }));
    return [...chosen, ...found];
  }, [results.data, value, known]);

  return (
    <Select
      id={id}
      mode="multiple"
      value={value}
      options={options}
      placeholder={unitId ? '输入关键词搜索该单位牵头的事项' : '输入标题或编号搜索事项'}
      showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
      notFoundContent={results.isFetching ? <Spin size="small" /> : '未找到事项'}
      onChange={(ids: string[]) => {
        const labels = { ...known };
        for (const option of options) if (ids.includes(option.value)) labels[option.value] = option.label;
        setKnown(labels);
        setSearch('');
        onChange?.(ids);
      }}
      allowClear
    />
  );
}

/**
 * Records one 问责 (约谈, 通报批评, 限期整改 or 扣分) against a unit. It is confirmed once more before
 * saving, since a record names a unit in the county's accountability ledger.
 */
export function AccountabilityFormModal({ open, prefill, onClose }: { open: boolean; prefill?: AccountabilityPrefill; onClose: () => void }) {
  const [form] = Form.useForm<FormValues>();
  const { modal, message } = App.useApp();
  const record = useRecordAccountability();
  const directory = useDirectory(open);
  const { unitTree } = useDirectoryPickers(directory);
  const [formError, setFormError] = useState<string | null>(null);
  const kind = Form.useWatch('kind', form);
  const unitId = Form.useWatch('unitId', form);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ kind: prefill?.kind ?? 'interview', unitId: prefill?.unitId, reason: prefill?.reason ?? '', assignmentIds: [] });
    setFormError(null);
  }, [open, prefill, form]);

  const save = async (values: FormValues) => {
    const input: AccountabilityInput = {
      kind: values.kind,
      unitId: values.unitId,
      reason: values.reason.trim(),
      assignmentIds: values.assignmentIds?.length ? values.assignmentIds : undefined,
      points: values.kind === 'deduction' && values.points != null ? values.points : undefined,
      dueDate: values.kind === 'rectification' && values.dueDate ? values.dueDate.format('YYYY-MM-DD') : undefined,
    };
    try {
      await record.mutateAsync(input);
      message.success(`已登记${ACCOUNTABILITY_KIND_LABELS[values.kind]}`);
      onClose();
    } catch (error) {
      if (!showFieldError(form, error)) setFormError(error instanceof Error ? error.message : '登记未成功，请稍后重试');
    }
  };

  const onFinish = (values: FormValues) => {
    setFormError(null);
    const unitName = directory.data?.units.find((unit) => unit.id === values.unitId)?.name ?? '该单位';
    const label = ACCOUNTABILITY_KIND_LABELS[values.kind];
    const detail =
      values.kind === 'deduction' ? `，扣${values.points}分` : values.kind === 'rectification' && values.dueDate ? `，${values.dueDate.format('YYYY-MM-DD')}前整改到位` : '';
    modal.confirm({
      title: `确定对「${unitName}」登记${label}？`,
      content: `${label}${detail}。登记后记入该单位的问责记录，不能删除。`,
      okText: '确定登记',
      cancelText: '再看看',
      onOk: () => save(values),
    });
  };

  return (
    <Modal
      open={open}
      title="登记问责"
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      footer={[
        <Button key="cancel" onClick={onClose}>
          取消
        </Button>,
        <Button key="submit" type="primary" loading={record.isPending} onClick={() => form.submit()} data-testid="accountability-submit">
          登记
        </Button>,
      ]}
    >
      {formError ? <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} data-testid="accountability-error" /> : null}
      <Form<FormValues> form={form} layout="vertical" onFinish={onFinish} requiredMark>
        <Form.Item name="kind" label="问责方式" rules={[{ required: true, message: '请选择问责方式' }]}>
          <Select options={KIND_OPTIONS} />
        </Form.Item>
        <Form.Item name="unitId" label="被问责单位" rules={[{ required: true, message: '请选择单位' }]}>
          <TreeSelect
            treeData={unitTree}
            treeDefaultExpandAll
            showSearch={{ treeNodeFilterProp: 'title' }}
            placeholder="请选择单位"
            loading={directory.isPending}
          />
        </Form.Item>
        <Form.Item name="assignmentIds" label="关联事项" extra="可选，关联导致问责的督查事项">
          <ItemPicker unitId={unitId} />
        </Form.Item>
        <Form.Item
          name="reason"
          label="问责事由"
          rules={[
            { required: true, whitespace: true, message: '请填写问责事由' },
            { max: 2000, message: '问责事由不超过2000字' },
          ]}
        >
          <Input.TextArea rows={4} placeholder="说明问责的事实和依据" showCount maxLength={2000} />
        </Form.Item>
        {kind === 'deduction' ? (
          <Form.Item name="points" label="扣分" rules={[{ required: true, message: '请填写扣分分值' }]} extra="0.5 至 100 分">
            <InputNumber min={0.5} max={100} step={0.5} precision={1} suffix="分" style={{ width: 160 }} />
          </Form.Item>
        ) : null}
        {kind === 'rectification' ? (
          <Form.Item name="dueDate" label="整改期限" rules={[{ required: true, message: '请选择整改期限' }]}>
            <DatePicker disabledDate={(day) => day.isBefore(dayjs(), 'day')} style={{ width: 200 }} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
