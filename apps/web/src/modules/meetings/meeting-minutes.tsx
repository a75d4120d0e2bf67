import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, App, Button, Col, DatePicker, Empty, Form, Input, Row, Select, Space, Tag, type FormInstance } from 'antd';
import { DeleteOutlined, FileWordOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { isApiError } from '../../api/client';
import { useErrorToast } from '../../shared/use-error-toast';
import { useDirectory } from '../org/directory.api';
import {
  downloadMinutesDocx,
  minutesDocxPath,
  useSaveDecisions,
  useSaveMinutes,
  useSuperviseDecisions,
  type Decision,
  type DecisionInput,
  type MeetingDetail,
} from './meetings.api';
import { attendanceLists } from '@zhongshu/core/meetings/attendance.ts';
import { beijingDay } from './meeting-labels';
import { useMeetingPickers } from './meeting-parts';

const DAY = 'YYYY-MM-DD';

type MinutesForm = { number: string; date: Dayjs | null; paragraphs: string[] };
type DecisionRow = { id?: string; content?: string; leadUnitId?: string; cooperatingUnitIds?: string[]; leaderId?: string; deadline?: Dayjs | null; assignmentId?: string | null };
type DecisionsForm = { decisions: DecisionRow[] };

function minutesValues(meeting: MeetingDetail): MinutesForm {
  return {
    number: meeting.minutes?.number ?? '',
    date: dayjs(meeting.minutes?.date ?? beijingDay(meeting.startsAt)),
    paragraphs: meeting.minutes?.paragraphs.length ? meeting.minutes.paragraphs : [''],
  };
}

function decisionRows(decisions: Decision[]): DecisionRow[] {
  return [...decisions]
    .sort((a, b) => a.seq - b.seq)
    .map((d) => ({
      id: d.id,
      content: d.content,
      leadUnitId: d.leadUnitId ?? undefined,
      cooperatingUnitIds: d.cooperatingUnitIds,
      leaderId: d.leaderId ?? undefined,
      deadline: d.deadline ? dayjs(d.deadline) : null,
      assignmentId: d.assignmentId,
    }));
}

function decisionInputs(rows: DecisionRow[]): DecisionInput[] {
  return rows.map((row) => {
    const input: DecisionInput = { content: (row.content ?? '').trim() };
    if (row.id) input.id = row.id;
    if (row.leadUnitId) input.leadUnitId = row.leadUnitId;
    if (row.cooperatingUnitIds?.length) input.cooperatingUnitIds = row.cooperatingUnitIds;
    if (row.leaderId) input.leaderId = row.leaderId;
    if (row.deadline) input.deadline = row.deadline.format(DAY);
    return input;
  });
}

/** "decisions[1].leadUnitId" / "decisions.1.deadline" / "decisions[1]" → the form field it is about. */
function showDecisionError(form: FormInstance<DecisionsForm>, error: unknown): boolean {
  if (!isApiError(error) || !error.field) return false;
  const match = /^decisions(?:\[|\.)(\d+)\]?(?:\.(\w+))?/.exec(error.field);
  if (!match) return false;
  const index = Number(match[1]);
  const known = ['content', 'leadUnitId', 'cooperatingUnitIds', 'leaderId', 'deadline'];
  const field = match[2] && known.includes(match[2]) ? match[2] : 'content';
  const name = ['decisions', index, field] as ['decisions', number, 'content'];
  form.setFields([{ name, errors: [error.message] }]);
  form.scrollToField(name, { block: 'center' });
  return true;
}

/** 出席 / 请假 / 列席 exactly as the 纪要 will print them: the same rule the server renders with. */
export function AttendanceLines({ meeting }: { meeting: MeetingDetail }) {
  const lists = attendanceLists(
    meeting.attendees.map((a) => ({ kind: a.kind, name: a.minutesName, post: a.post, role: a.role, reply: a.reply, attendeeNames: a.attendeeNames, leaveReason: a.leaveReason })),
  );
  const lines: [string, string[]][] = [
    ['出席', lists.attendees],
    ['请假', lists.absentees],
    ['列席', lists.nonVotingAttendees],
  ];
  return (
    <div className="mt-attendance" data-testid="minutes-attendance">
      {lines
        .filter(([, names]) => names.length)
        .map(([label, names]) => (
          <p key={label}>
            <span className="mt-attendance-label">{`${label}：`}</span>
            {names.join('、')}
          </p>
        ))}
      {lines.every(([, names]) => !names.length) ? <p className="zs-text-muted">尚未设定参会人员</p> : null}
    </div>
  );
}

function MinutesEditor({ meeting }: { meeting: MeetingDetail }) {
  const [form] = Form.useForm<MinutesForm>();
  const { message } = App.useApp();
  const toastError = useErrorToast();
  const save = useSaveMinutes(meeting.id);
  const [formError, setFormError] = useState<string | null>(null);
  const initial = useMemo(() => minutesValues(meeting), [meeting.id]); // eslint-disable-line react-hooks/exhaustive-deps

  const onSave = async () => {
    setFormError(null);
    let values: MinutesForm;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const paragraphs = values.paragraphs.map((p) => p.trim()).filter(Boolean);
    save.mutate(
      { number: values.number.trim(), date: values.date ? values.date.format(DAY) : undefined, paragraphs },
      {
        onSuccess: () => message.success('纪要已保存'),
        onError: (error) => {
          if (isApiError(error) && error.field) {
            const top = error.field.split(/[.[]/)[0] ?? '';
            if (top === 'number' || top === 'date') {
              form.setFields([{ name: top, errors: [error.message] }]);
              return;
            }
            if (top === 'paragraphs') {
              setFormError(error.message);
              return;
            }
          }
          toastError(error);
        },
      },
    );
  };

  return (
    <Form<MinutesForm> form={form} layout="vertical" initialValues={initial} component={false}>
      {formError ? <Alert type="error" showIcon title={formError} style={{ marginBottom: 12 }} /> : null}
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item
            label="期数"
            name="number"
            rules={[
              { required: true, whitespace: true, message: '请填写期数，如：第12期' },
              { max: 20, message: '期数不超过20字' },
            ]}
          >
            <Input maxLength={20} placeholder="如：第12期" data-testid="minutes-number" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label="成文日期" name="date">
            <DatePicker format={DAY} style={{ width: '100%' }} allowClear={false} data-testid="minutes-date" />
          </Form.Item>
        </Col>
      </Row>
      <Form.List
        name="paragraphs"
        rules={[
          {
            validator: (_rule, rows: string[] | undefined) =>
              (rows ?? []).some((p) => p?.trim()) ? Promise.resolve() : Promise.reject(new Error('纪要正文至少需要一段')),
          },
        ]}
      >
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((field, index) => (
              <div key={field.key} className="mt-paragraph">
                <Form.Item name={field.name} label={index === 0 ? '纪要正文（每段一框）' : undefined} style={{ flex: 1, marginBottom: 8 }}>
                  <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} maxLength={5000} placeholder={index === 0 ? '会议听取了……会议认为……会议强调……' : '下一段'} data-testid={`minutes-paragraph-${index}`} />
                </Form.Item>
                {fields.length > 1 ? (
                  <Button type="text" danger icon={<DeleteOutlined />} aria-label={`删除第${index + 1}段`} onClick={() => remove(field.name)} data-testid={`minutes-remove-paragraph-${index}`} />
                ) : null}
              </div>
            ))}
            <Form.ErrorList errors={errors} />
            <Space wrap style={{ marginTop: 4 }}>
              <Button icon={<PlusOutlined />} onClick={() => add('')} data-testid="minutes-add-paragraph">
                添加段落
              </Button>
              <Button type="primary" loading={save.isPending} onClick={() => void onSave()} data-testid="minutes-save">
                保存纪要
              </Button>
              {meeting.minutes ? <span className="zs-cell-sub">{`已保存：${meeting.minutes.number}`}</span> : null}
            </Space>
          </>
        )}
      </Form.List>
    </Form>
  );
}

function DecisionsEditor({ meeting }: { meeting: MeetingDetail }) {
  const [form] = Form.useForm<DecisionsForm>();
  const { message, modal } = App.useApp();
  const toastError = useErrorToast();
  const directory = useDirectory();
  const pickers = useMeetingPickers(directory);
  const save = useSaveDecisions(meeting.id);
  const supervise = useSuperviseDecisions(meeting.id);
  const [dirty, setDirty] = useState(false);
  // preserve: the rows' id and assignmentId have no field of their own, and only registered fields are watched otherwise.
  const rows: DecisionRow[] = Form.useWatch('decisions', { form, preserve: true }) ?? [];
  const unitOptions = pickers.unitOptions.map((u) => ({ value: u.value, label: u.label }));

  // Keep the links to the items made on the server in the rows on screen, without touching what is being typed.
  useEffect(() => {
    const byId = new Map(meeting.decisions.map((d) => [d.id, d]));
    const current = (form.getFieldValue('decisions') as DecisionRow[] | undefined) ?? [];
    if (current.some((row) => row.id && byId.get(row.id)?.assignmentId && !row.assignmentId)) {
      form.setFieldValue(
        'decisions',
        current.map((row) => (row.id && byId.get(row.id)?.assignmentId ? { ...row, assignmentId: byId.get(row.id)?.assignmentId } : row)),
      );
    }
  }, [meeting.decisions, form]);

  const saveRows = async (): Promise<Decision[] | null> => {
    try {
      await form.validateFields();
    } catch {
      return null;
    }
    // From the store, not validateFields' answer: that holds only the fields on screen, and a row's id
    // (and a locked row, shown as text) has none.
    const all = (form.getFieldValue('decisions') as DecisionRow[] | undefined) ?? [];
    try {
      const { items } = await save.mutateAsync(decisionInputs(all));
      form.setFieldsValue({ decisions: decisionRows(items) });
      setDirty(false);
      return items;
    } catch (error) {
      if (!showDecisionError(form, error)) toastError(error);
      return null;
    }
  };

  const onSave = async () => {
    if (await saveRows()) message.success('议定事项已保存');
  };

  const onSupervise = async () => {
    const items = dirty || rows.some((row) => !row.id) ? await saveRows() : meeting.decisions;
    if (!items) return;
    const todo = [...items].filter((d) => !d.assignmentId).sort((a, b) => a.seq - b.seq);
    if (!todo.length) {
      message.info('议定事项都已生成督查事项');
      return;
    }
    const leaderName = (id: string | null) => (id ? pickers.leaders.find((l) => l.value === id)?.label ?? '' : '');
    modal.confirm({
      title: `生成${todo.length}项督查事项？`,
      width: 560,
      content: (
        <div data-testid="supervise-preview">
          <p>以下议定事项将各自立为督查事项（来源：会议议定事项），由牵头单位签收办理：</p>
          <ol className="mt-supervise-list">
            {todo.map((d) => (
              <li key={d.id}>
                <div>{d.content}</div>
                <div className="zs-cell-sub">
                  {`牵头：${d.leadUnitName || pickers.unitName(d.leadUnitId) || '（未定）'} · 期限：${d.deadline ?? '（未定）'} · 责任领导：${
                    d.leaderName ?? (leaderName(d.leaderId) || meeting.hostName || '（未定）')
                  }`}
                </div>
              </li>
            ))}
          </ol>
          <p className="zs-cell-sub">生成后这些议定事项不能再修改或删除。</p>
        </div>
      ),
      okText: '生成督查事项',
      okButtonProps: { 'data-testid': 'action-submit' },
      onOk: () =>
        supervise
          .mutateAsync(todo.map((d) => d.id))
          .then(({ created }) => {
            message.success(`已生成${created.length}项督查事项`);
          })
          .catch((error: unknown) => {
            if (!showDecisionError(form, error)) toastError(error);
          }),
    });
  };

  return (
    <Form<DecisionsForm>
      form={form}
      layout="vertical"
      component={false}
      initialValues={{ decisions: decisionRows(meeting.decisions) }}
      onValuesChange={() => setDirty(true)}
    >
      <Form.List name="decisions">
        {(fields, { add, remove }) => (
          <>
            {fields.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚无议定事项" /> : null}
            {fields.map((field, index) => {
              const row = rows[index] ?? {};
              const locked = Boolean(row.assignmentId);
              if (locked) {
                // Made into a supervision item: fixed from now on, so shown as text with the way to the item.
                const saved = meeting.decisions.find((d) => d.id === row.id);
                const leader = saved?.leaderName || pickers.leaders.find((l) => l.value === row.leaderId)?.label || meeting.hostName || '—';
                const cooperating = (row.cooperatingUnitIds ?? []).map((id) => pickers.unitName(id)).filter(Boolean);
                return (
                  <div key={field.key} className="mt-decision mt-decision-locked" data-testid="decision-row" data-locked="true">
                    <div className="mt-decision-head">
                      <strong>{`议定事项${index + 1}`}</strong>
                      <Link to={`/assignments/${encodeURIComponent(row.assignmentId ?? '')}`} data-testid="decision-assignment-link">
                        <Tag color="green" style={{ marginInlineEnd: 0 }}>
                          已生成督查事项，查看办理
                        </Tag>
                      </Link>
                    </div>
                    <div className="mt-decision-text">{row.content}</div>
                    <div className="zs-cell-sub">
                      {`牵头单位：${saved?.leadUnitName || pickers.unitName(row.leadUnitId) || '—'}`}
                      {cooperating.length ? ` · 配合单位：${cooperating.join('、')}` : ''}
                      {` · 完成期限：${row.deadline ? row.deadline.format(DAY) : '—'} · 责任领导：${leader}`}
                    </div>
                  </div>
                );
              }
              return (
                <div key={field.key} className="mt-decision" data-testid="decision-row">
                  <div className="mt-decision-head">
                    <strong>{`议定事项${index + 1}`}</strong>
                    <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={`删除议定事项${index + 1}`} onClick={() => remove(field.name)} data-testid={`decision-remove-${index}`} />
                  </div>
                  <Form.Item
                    name={[field.name, 'content']}
                    label="内容"
                    rules={[
                      { required: true, whitespace: true, message: '请填写议定事项内容' },
                      { max: 1000, message: '议定事项不超过1000字' },
                    ]}
                  >
                    <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={1000} placeholder="会议议定的具体事项和要求" data-testid={`decision-content-${index}`} />
                  </Form.Item>
                  <Row gutter={12}>
                    <Col xs={24} md={8}>
                      <Form.Item name={[field.name, 'leadUnitId']} label="牵头单位">
                        <Select options={unitOptions} allowClear showSearch={{ optionFilterProp: 'label' }} placeholder="选择牵头单位" data-testid={`decision-lead-unit-${index}`} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={8}>
                      <Form.Item name={[field.name, 'deadline']} label="完成期限">
                        <DatePicker format={DAY} style={{ width: '100%' }} placeholder="YYYY-MM-DD" data-testid={`decision-deadline-${index}`} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={8}>
                      <Form.Item name={[field.name, 'leaderId']} label="责任领导" extra={!row.leaderId && meeting.hostName ? `不选则为主持人${meeting.hostName}` : undefined}>
                        <Select options={pickers.leaders} allowClear showSearch={{ optionFilterProp: 'label' }} placeholder="选择责任领导" data-testid={`decision-leader-${index}`} />
                      </Form.Item>
                    </Col>
                  </Row>
                  <Form.Item name={[field.name, 'cooperatingUnitIds']} label="配合单位" style={{ marginBottom: 0 }}>
                    <Select mode="multiple" options={unitOptions} allowClear showSearch={{ optionFilterProp: 'label' }} placeholder="选填" data-testid={`decision-cooperating-${index}`} />
                  </Form.Item>
                </div>
              );
            })}
            <Space wrap style={{ marginTop: 12 }}>
              <Button icon={<PlusOutlined />} onClick={() => add({ content: '', cooperatingUnitIds: [] })} data-testid="decision-add">
                添加议定事项
              </Button>
              <Button type="primary" loading={save.isPending} onClick={() => void onSave()} data-testid="decisions-save">
                保存议定事项
              </Button>
              <Button loading={supervise.isPending} disabled={fields.length === 0} onClick={() => void onSupervise()} data-testid="decisions-supervise">
                生成督查事项
              </Button>
              {dirty ? <span className="zs-text-due-soon">有未保存的修改</span> : null}
            </Space>
          </>
        )}
      </Form.List>
    </Form>
  );
}

/** 纪要: the number and paragraphs, the 议定事项 with lead unit and deadline (and their supervision items), and the rendered output. */
export function MinutesPanel({ meeting }: { meeting: MeetingDetail }) {
  const toastError = useErrorToast();
  return (
    <div className="mt-minutes">
      <div className="mt-panel-tools">
        <span className="zs-cell-sub">纪要按公文“纪要”格式排版，出席、请假、列席名单取自回执和签到</span>
        <Space wrap>
          <a href={`/api/meetings/${encodeURIComponent(meeting.id)}/minutes/print`} target="_blank" rel="noreferrer" data-testid="minutes-print">
            <PrinterOutlined /> 查看排版纪要
          </a>
          <a
            href={`/api${minutesDocxPath(meeting.id)}`}
            data-testid="minutes-docx"
            onClick={(event) => {
              event.preventDefault();
              void downloadMinutesDocx(meeting).catch(toastError);
            }}
          >
            <FileWordOutlined /> 下载.docx
          </a>
        </Space>
      </div>
      <h3 className="mt-section-title">纪要正文</h3>
      <MinutesEditor meeting={meeting} />
      <h3 className="mt-section-title" style={{ marginTop: 24 }}>
        议定事项
      </h3>
      <DecisionsEditor meeting={meeting} />
      <h3 className="mt-section-title" style={{ marginTop: 24 }}>
        出席、请假、列席（预览）
      </h3>
      <AttendanceLines meeting={meeting} />
    </div>
  );
}
