import { useEffect, useState, type HTMLAttributes } from 'react';
import { Alert, App, Button, Col, Form, Input, InputNumber, Modal, Radio, Row, Skeleton, Space, Switch, Table, Tag, type TableColumnsType } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { PageHeader } from '../../shared/page-header';
import { QueryError } from '../../shared/query-error';
import { showFieldError } from '../../shared/form-errors';
import { useErrorToast } from '../../shared/use-error-toast';
import { useCreateCategory, usePetitionCategories, usePetitionConfig, useSavePetitionConfig, useUpdateCategory, type PetitionCategory, type PetitionConfig } from './petitions.api';
import './petitions.css';

type NumericSetting = Exclude<keyof PetitionConfig, 'dayMode'>;

/** The settings with the bounds the form accepts; the server checks them again and names the field when it refuses. */
const NUMERIC_FIELDS: { name: NumericSetting; label: string; min: number; max: number; step: number; precision: number; hint: string }[] = [
  { name: 'similarityThreshold', label: '相似度阈值', min: 0.3, max: 0.95, step: 0.05, precision: 2, hint: '内容相似度达到此值（0.3–0.95）的事项提示为疑似重复；越低提示越多' },
  { name: 'groupSimilarity', label: '同一事项相似度', min: 0.3, max: 0.95, step: 0.05, precision: 2, hint: '新登记事项与已有事项内容相似度达到此值（0.3–0.95）的，归为同一事项，用于群体性预警' },
  { name: 'groupMinCases', label: '群体性预警件数', min: 2, max: 100, step: 1, precision: 0, hint: '同一乡镇反映同一事项的件数达到此值时预警' },
  { name: 'groupWindowDays', label: '群体性预警天数', min: 1, max: 365, step: 1, precision: 0, hint: '在此天数内统计上述件数' },
  { name: 'frequentVisits', label: '重复信访次数', min: 2, max: 100, step: 1, precision: 0, hint: '同一信访人信访达到此次数时列为重复信访人' },
  { name: 'frequentWindowDays', label: '重复信访天数', min: 1, max: 365, step: 1, precision: 0, hint: '在此天数内统计上述次数' },
];

function RenameModal({ category, onClose }: { category: PetitionCategory; onClose: () => void }) {
  const [form] = Form.useForm<{ name: string }>();
  const update = useUpdateCategory();
  const toastError = useErrorToast();
  const { message } = App.useApp();
  return (
    <Modal
      open
      title={`重命名类别：${category.name}`}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          取消
        </Button>,
        <Button key="save" type="primary" loading={update.isPending} onClick={() => form.submit()} data-testid="pt-category-rename-save">
          保存
        </Button>,
      ]}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ name: category.name }}
        onFinish={({ name }) =>
          update.mutate(
            { id: category.id, name: name.trim() },
            {
              onSuccess: () => {
                message.success('类别已重命名');
                onClose();
              },
              onError: (error) => {
                if (!showFieldError(form, error)) toastError(error);
              },
            },
          )
        }
      >
        <Form.Item
          label="类别名称"
          name="name"
          rules={[
            { required: true, whitespace: true, message: '请填写类别名称' },
            { max: 30, message: '类别名称不超过30字' },
          ]}
        >
          <Input maxLength={30} data-testid="pt-category-rename-input" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 问题类别: the list clerks pick from; a disabled one stays on old cases but is not offered any more. */
function CategorySettings() {
  const categories = usePetitionCategories();
  const create = useCreateCategory();
  const update = useUpdateCategory();
  const toastError = useErrorToast();
  const { message } = App.useApp();
  const [newName, setNewName] = useState('');
  const [renaming, setRenaming] = useState<PetitionCategory | null>(null);
  const [moving, setMoving] = useState(false);
  const items = categories.data ?? [];

  const add = () => {
    const name = newName.trim();
    if (!name) return;
    create.mutate(name, {
      onSuccess: () => {
        setNewName('');
        message.success(`已添加类别“${name}”`);
      },
      onError: toastError,
    });
  };

  /** Moves one category and renumbers 1…n, sending only the rows whose number changes. */
  const move = async (index: number, delta: -1 | 1) => {
    const order = [...items];
    const [row] = order.splice(index, 1);
    if (!row) return;
    order.splice(index + delta, 0, row);
    setMoving(true);
    try {
      for (const [position, category] of order.entries()) {
        if (category.sortOrder !== position + 1) await update.mutateAsync({ id: category.id, sortOrder: position + 1 });
      }
    } catch (error) {
      toastError(error);
    } finally {
      setMoving(false);
    }
  };

  const columns: TableColumnsType<PetitionCategory> = [
    { title: '序号', key: 'index', width: 64, render: (_value, _row, index) => index + 1 },
    {
      title: '类别名称',
      dataIndex: 'name',
      render: (name: string, row) => (
        <span>
          {name} {row.disabled ? <Tag>已停用</Tag> : null}
        </span>
      ),
    },
    {
      title: '排序',
      key: 'order',
      width: 100,
      render: (_value, row, index) => (
        <Space size={0}>
          <Button type="text" size="small" icon={<ArrowUpOutlined />} aria-label="上移" disabled={index === 0 || moving} onClick={() => void move(index, -1)} data-testid={`pt-category-up-${row.id}`} />
          <Button
            type="text"
            size="small"
            icon={<ArrowDownOutlined />}
            aria-label="下移"
            disabled={index === items.length - 1 || moving}
            onClick={() => void move(index, 1)}
            data-testid={`pt-category-down-${row.id}`}
          />
        </Space>
      ),
    },
    {
      title: '启用',
      dataIndex: 'disabled',
      width: 80,
      render: (disabled: boolean, row) => (
        <Switch
          size="small"
          checked={!disabled}
          aria-label={`${row.name}：${disabled ? '已停用' : '启用中'}`}
          onChange={(checked) => update.mutate({ id: row.id, disabled: !checked }, { onError: toastError })}
          data-testid={`pt-category-enabled-${row.id}`}
        />
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 90,
      render: (_value, row) => (
        <Button size="small" icon={<EditOutlined />} onClick={() => setRenaming(row)} data-testid={`pt-category-rename-${row.id}`}>
          重命名
        </Button>
      ),
    },
  ];

  return (
    <div className="zs-panel">
      <h3 className="pt-section-title">问题类别</h3>
      {categories.isError ? (
        <QueryError error={categories.error} onRetry={() => void categories.refetch()} />
      ) : (
        <>
          <div className="zs-filters">
            <Input
              placeholder="新类别名称"
              aria-label="新类别名称"
              maxLength={30}
              value={newName}
              onChange={(event) => setNewName(event.target.value)}
              onPressEnter={add}
              style={{ width: 240 }}
              data-testid="pt-category-new-name"
            />
            <Button icon={<PlusOutlined />} onClick={add} loading={create.isPending} disabled={!newName.trim()} data-testid="pt-category-add">
              添加类别
            </Button>
          </div>
          <Table<PetitionCategory>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={items}
            loading={categories.isPending || moving}
            pagination={false}
            scroll={{ x: 520 }}
            onRow={(row) => ({ 'data-testid': `pt-category-row-${row.id}` }) as HTMLAttributes<HTMLElement>}
            rowClassName={(row) => (row.disabled ? 'zs-text-muted' : '')}
          />
          <div className="zs-cell-sub" style={{ marginTop: 8 }}>
            停用的类别不再出现在登记表中，已登记事项的类别保持不变。
          </div>
        </>
      )}
      {renaming ? <RenameModal category={renaming} onClose={() => setRenaming(null)} /> : null}
    </div>
  );
}

function ConfigSettings() {
  const [form] = Form.useForm<PetitionConfig>();
  const { message } = App.useApp();
  const config = usePetitionConfig();
  const save = useSavePetitionConfig();
  const [formError, setFormError] = useState<string | null>(null);

  useEffect(() => {
    if (config.data) form.setFieldsValue(config.data);
  }, [config.data, form]);

  const onFinish = (values: PetitionConfig) => {
    setFormError(null);
    save.mutate(values, {
      onSuccess: () => message.success('信访设置已保存'),
      onError: (error) => {
        if (!showFieldError(form, error)) setFormError(error instanceof Error ? error.message : '保存未成功，请稍后重试');
      },
    });
  };

  return (
    <div className="zs-panel">
      <h3 className="pt-section-title">期限与预警</h3>
      {config.isError ? (
        <QueryError error={config.error} onRetry={() => void config.refetch()} />
      ) : config.isPending ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : (
        <Form<PetitionConfig> form={form} layout="vertical" onFinish={onFinish} initialValues={config.data} style={{ maxWidth: 880 }}>
          {formError ? <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} /> : null}
          <Form.Item
            label="期限计算方式"
            name="dayMode"
            rules={[{ required: true, message: '请选择期限计算方式' }]}
            extra="《信访工作条例》规定的受理、办理、复查、复核等期限写作“日”，按自然日还是工作日计算由本地确定；提出异议的5个工作日始终按工作日计算。修改后新产生的期限按新方式计算。"
          >
            <Radio.Group data-testid="pt-config-dayMode">
              <Radio value="calendar">
                <span data-testid="pt-config-dayMode-calendar">自然日</span>
              </Radio>
              <Radio value="workdays">
                <span data-testid="pt-config-dayMode-workdays">工作日</span>
              </Radio>
            </Radio.Group>
          </Form.Item>
          <Row gutter={24}>
            {NUMERIC_FIELDS.map((field) => (
              <Col key={field.name} xs={24} md={12}>
                <Form.Item
                  name={field.name}
                  label={field.label}
                  extra={field.hint}
                  rules={[
                    { required: true, message: `请填写${field.label}` },
                    { type: 'number', min: field.min, max: field.max, message: `${field.label}：请填写${field.min}到${field.max}之间的数` },
                  ]}
                >
                  <InputNumber min={field.min} max={field.max} step={field.step} precision={field.precision} style={{ width: 160 }} data-testid={`pt-config-${field.name}`} />
                </Form.Item>
              </Col>
            ))}
          </Row>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="pt-config-save">
            保存
          </Button>
        </Form>
      )}
    </div>
  );
}

/** /petitions/settings — 信访设置: 问题类别 and how limits, repeats and warnings are counted (信访 staff only). */
export function PetitionSettingsPage() {
  return (
    <div>
      <PageHeader title="信访设置" subtitle="问题类别、期限计算方式、疑似重复和预警标准" />
      <CategorySettings />
      <ConfigSettings />
    </div>
  );
}
