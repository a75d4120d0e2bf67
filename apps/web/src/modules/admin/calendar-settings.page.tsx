import { useState } from 'react';
import { Alert, App, Button, Col, DatePicker, Form, Input, InputNumber, Popconfirm, Radio, Row, Skeleton, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api/client';
import type { AdminSettings, AdminWarning, CalendarOverride, CalendarYear } from '../../api/types';
import { PageHeader } from '../../shared/page-header';
import { QueryError } from '../../shared/query-error';
import { showFieldError } from '../../shared/form-errors';
import { useErrorToast } from '../../shared/use-error-toast';

const KEY = ['admin'] as const;

type OverrideForm = { date?: Dayjs; kind: CalendarOverride['kind']; name?: string };

function useAdminMutation<TVariables, TData>(fn: (variables: TVariables) => Promise<TData>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    meta: { skipInboxRefresh: true },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

function CalendarSection() {
  const { message } = App.useApp();
  const toastError = useErrorToast();
  const [year, setYear] = useState(() => dayjs().year());
  const [form] = Form.useForm<OverrideForm>();
  const calendar = useQuery({
    queryKey: [...KEY, 'calendar', year],
    queryFn: ({ signal }) => api.get<CalendarYear>('/admin/calendar', { year }, { signal }),
  });
  const add = useAdminMutation((input: CalendarOverride) => api.post<unknown>('/admin/calendar/overrides', input));
  const remove = useAdminMutation((date: string) => api.delete<unknown>(`/admin/calendar/overrides/${encodeURIComponent(date)}`));

  const onAdd = (values: OverrideForm) => {
    const input: CalendarOverride = { date: values.date!.format('YYYY-MM-DD'), kind: values.kind, name: values.name?.trim() ?? '' };
    add.mutate(input, {
      onSuccess: () => {
        message.success(`已添加 ${input.date} ${input.kind === 'holiday' ? '放假' : '上班'}`);
        form.resetFields();
      },
      onError: (error) => {
        if (!showFieldError(form, error)) toastError(error);
      },
    });
  };

  const overrides = [...(calendar.data?.overrides ?? [])].sort((a, b) => a.date.localeCompare(b.date));

  return (
    <div className="zs-panel">
      <div className="zs-page-header" style={{ marginBottom: 12 }}>
        <div>
          <Typography.Title level={5} style={{ margin: 0 }}>
            节假日与调休
          </Typography.Title>
          <div className="zs-page-subtitle">按国务院办公厅当年发布的节假日安排录入；办理期限按工作日计算时以此为准</div>
        </div>
        <DatePicker
          picker="year"
          aria-label="年份"
          allowClear={false}
          value={dayjs().year(year)}
          onChange={(value) => value && setYear(value.year())}
          style={{ width: 120 }}
        />
      </div>
      {calendar.isError ? (
        <QueryError error={calendar.error} onRetry={() => void calendar.refetch()} />
      ) : calendar.isPending ? (
        <Skeleton active />
      ) : (
        <>
          {calendar.data.hasPackageData ? (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              title={`${year} 年的法定节假日和调休已内置；如国务院安排有变，可在此补充或更正。`}
            />
          ) : (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title={`系统尚无 ${year} 年的节假日数据`}
              description="请在国务院办公厅发布当年节假日安排后逐日录入放假日和调休上班日；录入前按工作日计算的期限可能不准确，系统会在相应期限上注明。"
            />
          )}
          <Form<OverrideForm> form={form} layout="inline" onFinish={onAdd} initialValues={{ kind: 'holiday' }} className="zs-filters" style={{ rowGap: 8 }}>
            <Form.Item label="日期" name="date" rules={[{ required: true, message: '请选择日期' }]}>
              <DatePicker
                disabledDate={(day) => day.year() !== year}
                defaultPickerValue={dayjs().year(year).startOf('year')}
                placeholder="选择日期"
              />
            </Form.Item>
            <Form.Item label="类型" name="kind">
              <Radio.Group
                optionType="button"
                options={[
                  { value: 'holiday', label: '放假' },
                  { value: 'workday', label: '上班' },
                ]}
              />
            </Form.Item>
            <Form.Item label="名称" name="name" rules={[{ required: true, whitespace: true, message: '请填写名称' }]}>
              <Input placeholder="如：国庆节、春节调休" maxLength={20} style={{ width: 180 }} />
            </Form.Item>
            <Form.Item>
              <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={add.isPending}>
                添加
              </Button>
            </Form.Item>
          </Form>
          <Table<CalendarOverride>
            rowKey="date"
            size="small"
            dataSource={overrides}
            pagination={false}
            scroll={{ x: 480 }}
            locale={{ emptyText: `${year} 年暂无手工录入的节假日或调休` }}
            columns={[
              { title: '日期', dataIndex: 'date', width: 130 },
              { title: '星期', dataIndex: 'date', key: 'weekday', width: 80, render: (date: string) => dayjs(date).format('ddd') },
              {
                title: '类型',
                dataIndex: 'kind',
                width: 80,
                render: (kind: CalendarOverride['kind']) => (kind === 'holiday' ? <Tag color="red">放假</Tag> : <Tag color="blue">上班</Tag>),
              },
              { title: '名称', dataIndex: 'name' },
              {
                title: '操作',
                key: 'actions',
                width: 80,
                render: (_value, row) => (
                  <Popconfirm
                    title={`删除 ${row.date} 的${row.kind === 'holiday' ? '放假' : '上班'}安排？`}
                    okText="删除"
                    okButtonProps={{ danger: true }}
                    cancelText="取消"
                    onConfirm={() => remove.mutateAsync(row.date).then(() => message.success('已删除'), toastError)}
                  >
                    <Button type="link" size="small" danger>
                      删除
                    </Button>
                  </Popconfirm>
                ),
              },
            ]}
          />
        </>
      )}
    </div>
  );
}

function SettingsSection() {
  const { message } = App.useApp();
  const toastError = useErrorToast();
  const [form] = Form.useForm<AdminSettings>();
  const settings = useQuery({
    queryKey: [...KEY, 'settings'],
    queryFn: ({ signal }) => api.get<AdminSettings>('/admin/settings', undefined, { signal }),
  });
  const save = useAdminMutation((input: Partial<AdminSettings>) => api.patch<AdminSettings>('/admin/settings', input));

  return (
    <div className="zs-panel">
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        系统设置
      </Typography.Title>
      {settings.isError ? (
        <QueryError error={settings.error} onRetry={() => void settings.refetch()} />
      ) : settings.isPending ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : (
        <Form<AdminSettings>
          form={form}
          layout="vertical"
          initialValues={settings.data}
          onFinish={(values) =>
            save.mutate(values, {
              onSuccess: () => message.success('设置已保存'),
              onError: (error) => {
                if (!showFieldError(form, error)) toastError(error);
              },
            })
          }
        >
          <Row gutter={16}>
            <Col xs={24} sm={12}>
              <Form.Item
                label="会话空闲超时（分钟）"
                name="sessionIdleMinutes"
                extra="超过该时长无操作将自动退出登录"
                rules={[{ required: true, message: '请填写会话空闲超时分钟数' }]}
              >
                <InputNumber min={5} max={480} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item label="上传大小上限（MB）" name="maxUploadMb" extra="单个附件的大小上限" rules={[{ required: true, message: '请填写上传大小上限' }]}>
                <InputNumber min={1} max={1024} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            保存设置
          </Button>
        </Form>
      )}
    </div>
  );
}

export function CalendarSettingsPage() {
  const warnings = useQuery({
    queryKey: [...KEY, 'warnings'],
    queryFn: ({ signal }) => api.get<{ items: AdminWarning[] }>('/admin/warnings', undefined, { signal }),
  });
  return (
    <div>
      <PageHeader title="日历与设置" subtitle="工作日历、会话与上传限制" />
      {warnings.data?.items.length ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="admin-warnings"
          title="需要处理的事项"
          description={
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {warnings.data.items.map((warning) => (
                <li key={warning.code}>{warning.message}</li>
              ))}
            </ul>
          }
        />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <CalendarSection />
        </Col>
        <Col xs={24} xl={9}>
          <SettingsSection />
        </Col>
      </Row>
    </div>
  );
}
