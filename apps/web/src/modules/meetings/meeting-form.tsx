import { useMemo } from 'react';
import { Button, Col, DatePicker, Form, Input, Radio, Row, Select, Space, Switch, Tag, type FormInstance } from 'antd';
import type { Dayjs } from 'dayjs';
import type { Clearance } from '../../api/types';
import { isApiError } from '../../api/client';
import { CLEARANCE_LABELS } from '../../shared/labels';
import { useDirectory } from '../org/directory.api';
import { useMeetingList, useMeetingRooms, useMeetingTypes, type AttendeeInput, type MeetingDetail, type MeetingInput } from './meetings.api';
import { beijingDay, formatHours, fromBeijing, optionsOf, toBeijing } from './meeting-labels';
import { useMeetingPickers, type UnitOption } from './meeting-parts';

export const DATE_TIME = 'YYYY-MM-DD HH:mm';
/** Every time in the form is picked to the minute, in the whole width of its column. */
const TIME_PICKER = { showTime: { format: 'HH:mm' }, format: DATE_TIME, style: { width: '100%' }, placeholder: 'YYYY-MM-DD HH:mm' } as const;

/** Field names follow the request body where they can, so a server message lands on its field by its own name. */
export type MeetingFormValues = {
  typeId?: string;
  title?: string;
  classification: Clearance;
  placeKind: 'room' | 'other';
  roomId?: string;
  location?: string;
  startsAt?: Dayjs | null;
  endsAt?: Dayjs | null;
  hostId?: string;
  replyDeadline?: Dayjs | null;
  /** 出席领导 */
  leadersAttend: string[];
  /** 列席人员 (people invited by name to observe) */
  personsObserve: string[];
  /** 参会单位 */
  unitsAttend: string[];
  /** 列席单位 */
  unitsObserve: string[];
  notice?: string;
  acceptsTopics: boolean;
  topicDeadline?: Dayjs | null;
};

type AttendeeField = 'leadersAttend' | 'personsObserve' | 'unitsAttend' | 'unitsObserve';
const ATTENDEE_FIELDS: AttendeeField[] = ['leadersAttend', 'personsObserve', 'unitsAttend', 'unitsObserve'];

export const EMPTY_MEETING_FORM: MeetingFormValues = {
  classification: 'none',
  placeKind: 'room',
  leadersAttend: [],
  personsObserve: [],
  unitsAttend: [],
  unitsObserve: [],
  acceptsTopics: false,
};

/** The form's values for an existing meeting (editing). */
export function formValuesOf(detail: MeetingDetail): MeetingFormValues {
  const pick = (kind: 'person' | 'unit', role: 'attend' | 'observe') =>
    detail.attendees.filter((a) => a.kind === kind && a.role === role).map((a) => (kind === 'person' ? a.userId : a.unitId) ?? '').filter(Boolean);
  return {
    typeId: detail.typeId,
    title: detail.title,
    classification: detail.classification,
    placeKind: detail.roomId || !detail.location ? 'room' : 'other',
    roomId: detail.roomId ?? undefined,
    location: detail.location ?? undefined,
    startsAt: toBeijing(detail.startsAt),
    endsAt: toBeijing(detail.endsAt),
    hostId: detail.hostId ?? undefined,
    replyDeadline: detail.replyDeadline ? toBeijing(detail.replyDeadline) : null,
    leadersAttend: pick('person', 'attend'),
    personsObserve: pick('person', 'observe'),
    unitsAttend: pick('unit', 'attend'),
    unitsObserve: pick('unit', 'observe'),
    notice: detail.notice ?? undefined,
    acceptsTopics: detail.acceptsTopics,
    topicDeadline: detail.topicDeadline ? toBeijing(detail.topicDeadline) : null,
  };
}

/** The attendee list in a fixed order (出席领导, 列席人员, 参会单位, 列席单位), so a refusal naming attendees[i] finds its picker. */
export function attendeesOf(values: MeetingFormValues): AttendeeInput[] {
  return [
    ...values.leadersAttend.map((userId) => ({ userId, role: 'attend' as const })),
    ...values.personsObserve.map((userId) => ({ userId, role: 'observe' as const })),
    ...values.unitsAttend.map((unitId) => ({ unitId, role: 'attend' as const })),
    ...values.unitsObserve.map((unitId) => ({ unitId, role: 'observe' as const })),
  ];
}

function sameAttendees(a: AttendeeInput[], b: AttendeeInput[]): boolean {
  const key = (x: AttendeeInput) => `${x.userId ?? ''}|${x.unitId ?? ''}|${x.role}`;
  const left = a.map(key).sort();
  const right = b.map(key).sort();
  return left.length === right.length && left.every((k, i) => k === right[i]);
}

/** The body of POST /api/meetings: empty fields left out. */
export function createInputOf(values: MeetingFormValues): MeetingInput {
  const input: MeetingInput = {
    typeId: values.typeId ?? '',
    title: (values.title ?? '').trim(),
    classification: values.classification,
    startsAt: values.startsAt ? fromBeijing(values.startsAt) : '',
    endsAt: values.endsAt ? fromBeijing(values.endsAt) : '',
    attendees: attendeesOf(values),
    acceptsTopics: values.acceptsTopics,
  };
  if (values.placeKind === 'room' && values.roomId) input.roomId = values.roomId;
  if (values.placeKind === 'other' && values.location?.trim()) input.location = values.location.trim();
  if (values.hostId) input.hostId = values.hostId;
  if (values.notice?.trim()) input.notice = values.notice.trim();
  if (values.replyDeadline) input.replyDeadline = fromBeijing(values.replyDeadline);
  if (values.acceptsTopics && values.topicDeadline) input.topicDeadline = fromBeijing(values.topicDeadline);
  return input;
}

/**
 * What an edit changes: only the fields that differ (a cleared field as null), and the attendee list
 * only when it changed (it has its own endpoint, which keeps the replies of those kept).
 */
export function updateInputOf(values: MeetingFormValues, before: MeetingDetail): { fields: Partial<MeetingInput>; attendees: AttendeeInput[] | null } {
  const next = createInputOf(values);
  const fields: Partial<MeetingInput> = {};
  const set = <K extends keyof MeetingInput>(key: K, value: MeetingInput[K] | null, old: unknown) => {
    const normalised = value === undefined ? null : value;
    if (normalised !== (old ?? null)) (fields as Record<string, unknown>)[key] = normalised;
  };
  set('typeId', next.typeId, before.typeId);
  set('title', next.title, before.title);
  set('classification', next.classification, before.classification);
  set('roomId', next.roomId ?? null, before.roomId);
  set('location', next.location ?? null, before.location);
  if (Date.parse(next.startsAt) !== Date.parse(before.startsAt)) fields.startsAt = next.startsAt;
  if (Date.parse(next.endsAt) !== Date.parse(before.endsAt)) fields.endsAt = next.endsAt;
  set('hostId', next.hostId ?? null, before.hostId);
  set('notice', next.notice ?? null, before.notice);
  if ((next.replyDeadline ? Date.parse(next.replyDeadline) : null) !== (before.replyDeadline ? Date.parse(before.replyDeadline) : null)) fields.replyDeadline = next.replyDeadline ?? null;
  set('acceptsTopics', next.acceptsTopics ?? false, before.acceptsTopics);
  if ((next.topicDeadline ? Date.parse(next.topicDeadline) : null) !== (before.topicDeadline ? Date.parse(before.topicDeadline) : null)) fields.topicDeadline = next.topicDeadline ?? null;
  const current: AttendeeInput[] = before.attendees.map((a) => (a.kind === 'person' ? { userId: a.userId ?? '', role: a.role } : { unitId: a.unitId ?? '', role: a.role }));
  const attendees = next.attendees ?? [];
  return { fields, attendees: sameAttendees(attendees, current) ? null : attendees };
}

const FIELD_NAMES = new Set(['typeId', 'title', 'classification', 'roomId', 'location', 'startsAt', 'endsAt', 'hostId', 'notice', 'replyDeadline', 'acceptsTopics', 'topicDeadline']);

/**
 * Puts a server message beside its field: the meeting's own fields by name, "attendees[3]…" on the picker the
 * fourth attendee came from. Returns false for messages that belong to no field.
 */
export function showMeetingFieldError(form: FormInstance<MeetingFormValues>, error: unknown, values: MeetingFormValues): boolean {
  if (!isApiError(error) || !error.field) return false;
  const field = error.field;
  const top = field.split(/[.[]/)[0] ?? '';
  let name: string | null = FIELD_NAMES.has(top) ? top : null;
  if (top === 'attendees') {
    const index = Number(/^attendees(?:\[|\.)(\d+)/.exec(field)?.[1] ?? NaN);
    name = 'unitsAttend';
    if (Number.isInteger(index)) {
      let start = 0;
      for (const f of ATTENDEE_FIELDS) {
        const count = values[f].length;
        if (index < start + count) {
          name = f;
          break;
        }
        start += count;
      }
    }
  }
  if (name === 'location' && values.placeKind === 'room') name = 'roomId';
  if (name === 'roomId' && values.placeKind === 'other') name = 'location';
  if (!name) return false;
  form.setFields([{ name: name as keyof MeetingFormValues, errors: [error.message] }]);
  form.scrollToField(name, { block: 'center' });
  return true;
}

/** The room's other bookings that day, so the clerk picks a free slot; overlaps in red. */
function RoomBookings({ roomId, startsAt, endsAt, excludeId }: { roomId: string; startsAt: Dayjs; endsAt: Dayjs | null | undefined; excludeId?: string }) {
  const day = startsAt.format('YYYY-MM-DD');
  const list = useMeetingList({ from: day, to: day, page: 1, pageSize: 100 });
  const bookings = (list.data?.items ?? [])
    .filter((m) => m.roomId === roomId && m.state !== 'cancelled' && m.id !== excludeId && beijingDay(m.startsAt) <= day && beijingDay(m.endsAt) >= day)
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const start = Date.parse(fromBeijing(startsAt));
  const end = endsAt ? Date.parse(fromBeijing(endsAt)) : start;
  if (list.isPending) return <div className="zs-cell-sub" data-testid="room-bookings">正在查询该会议室当日预订…</div>;
  if (list.isError) return <div className="zs-cell-sub" data-testid="room-bookings">未能查询该会议室当日预订</div>;
  return (
    <div className="mt-room-bookings" data-testid="room-bookings">
      {bookings.length === 0 ? (
        <span className="mt-room-free">{`${startsAt.format('M月D日')}该会议室暂无其他预订`}</span>
      ) : (
        <>
          <div className="zs-cell-sub">{`${startsAt.format('M月D日')}该会议室已有预订：`}</div>
          {bookings.map((m) => {
            const overlaps = Date.parse(m.startsAt) < end && Date.parse(m.endsAt) > start;
            return (
              <div key={m.id} className={overlaps ? 'mt-booking mt-booking-clash' : 'mt-booking'} data-testid="room-booking">
                <span className="mt-booking-time">{formatHours(m.startsAt, m.endsAt)}</span>
                <span>{m.title}</span>
                {overlaps ? <Tag color="red">时间冲突</Tag> : null}
              </div>
            );
          })}
        </>
      )}
    </div>
  );
}

function unitGroups(options: UnitOption[], exclude: string[]) {
  const taken = new Set(exclude);
  const groups: { label: string; kinds: UnitOption['kind'][] }[] = [
    { label: '县委、办公室', kinds: ['committee', 'office'] },
    { label: '部门', kinds: ['department'] },
    { label: '乡镇', kinds: ['township'] },
  ];
  return groups
    .map((g) => ({ label: g.label, title: g.label, options: options.filter((o) => g.kinds.includes(o.kind) && !taken.has(o.value)).map((o) => ({ value: o.value, label: o.label })) }))
    .filter((g) => g.options.length > 0);
}

/** A notice text from what is filled in, for the clerk to edit rather than type from nothing. */
function draftNotice(values: MeetingFormValues, place: string, typeName: string): string {
  const when = values.startsAt ? values.startsAt.format('M月D日（ddd）HH:mm') : '（时间）';
  const deadline = values.replyDeadline ? values.replyDeadline.format('M月D日HH:mm') : '（回执截止时间）';
  const title = values.title?.trim() || typeName || '会议';
  return [
    `经县委领导同意，定于${when}在${place || '（地点）'}召开${title}。现将有关事项通知如下：`,
    '一、会议内容',
    '（请填写）',
    '二、参会人员',
    '（请填写）',
    '三、有关要求',
    `请各参会单位于${deadline}前报送回执；参会人员提前10分钟到场签到，会议期间将手机调至静音。`,
  ].join('\n');
}

/** The fields of a meeting, shared by 新建会议 and the edit drawer; the caller owns the Form. */
export function MeetingFormFields({ form, editingId, isMobile }: { form: FormInstance<MeetingFormValues>; editingId?: string; isMobile: boolean }) {
  const types = useMeetingTypes();
  const rooms = useMeetingRooms();
  const directory = useDirectory();
  const pickers = useMeetingPickers(directory);
  const placeKind = Form.useWatch('placeKind', form);
  const roomId = Form.useWatch('roomId', form);
  const startsAt = Form.useWatch('startsAt', form);
  const endsAt = Form.useWatch('endsAt', form);
  const acceptsTopics = Form.useWatch('acceptsTopics', form);
  const leadersAttend = Form.useWatch('leadersAttend', form) ?? [];
  const personsObserve = Form.useWatch('personsObserve', form) ?? [];
  const unitsAttend = Form.useWatch('unitsAttend', form) ?? [];
  const unitsObserve = Form.useWatch('unitsObserve', form) ?? [];

  const typeOptions = (types.data ?? []).filter((t) => !t.disabled || t.id === form.getFieldValue('typeId')).map((t) => ({ value: t.id, label: t.name }));
  const roomOptions = (rooms.data ?? [])
    .filter((r) => !r.disabled || r.id === roomId)
    .map((r) => ({ value: r.id, label: r.capacity ? `${r.name}（${r.capacity}人）` : r.name }));
  const leaderOptions = pickers.leaders.filter((p) => !personsObserve.includes(p.value));
  const observerOptions = pickers.people.filter((p) => !leadersAttend.includes(p.value));
  const attendUnitGroups = useMemo(() => unitGroups(pickers.unitOptions, unitsObserve), [pickers.unitOptions, unitsObserve]);
  const observeUnitGroups = useMemo(() => unitGroups(pickers.unitOptions, unitsAttend), [pickers.unitOptions, unitsAttend]);

  const selectAll = (ids: string[]) => {
    const observing = new Set(form.getFieldValue('unitsObserve') as string[]);
    const current = new Set(form.getFieldValue('unitsAttend') as string[]);
    for (const id of ids) if (!observing.has(id)) current.add(id);
    form.setFieldValue('unitsAttend', [...current]);
  };

  const fillNotice = () => {
    const values = form.getFieldsValue(true) as MeetingFormValues;
    const room = (rooms.data ?? []).find((r) => r.id === values.roomId);
    const place = values.placeKind === 'room' ? room?.name ?? '' : values.location ?? '';
    const typeName = (types.data ?? []).find((t) => t.id === values.typeId)?.name ?? '';
    form.setFieldValue('notice', draftNotice(values, place, typeName));
  };

  const half = isMobile ? 24 : 12;
  const third = isMobile ? 24 : 8;
  // The 参会 pickers: several at once, searched by name, waiting for the directory alike.
  const pickMany = { mode: 'multiple', showSearch: { optionFilterProp: 'label' }, loading: directory.isPending } as const;

  return (
    <>
      <Row gutter={16}>
        <Col span={third}>
          <Form.Item label="会议类型" name="typeId" rules={[{ required: true, message: '请选择会议类型' }]}>
            <Select options={typeOptions} placeholder="请选择" showSearch={{ optionFilterProp: 'label' }} loading={types.isPending} data-testid="meeting-type" />
          </Form.Item>
        </Col>
        <Col span={isMobile ? 24 : 16}>
          <Form.Item
            label="会议名称"
            name="title"
            rules={[
              { required: true, whitespace: true, message: '请填写会议名称' },
              { max: 200, message: '会议名称不超过200字' },
            ]}
          >
            <Input maxLength={200} placeholder="如：全县重点项目建设工作推进会" data-testid="meeting-title" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={third}>
          <Form.Item label="开始时间" name="startsAt" rules={[{ required: true, message: '请选择开始时间' }]}>
            <DatePicker
              {...TIME_PICKER}
              data-testid="meeting-starts-at"
              onChange={(value: Dayjs | null) => {
                // A meeting usually lasts two hours; saves a pick, and the clerk changes it if not.
                if (value && !form.getFieldValue('endsAt')) form.setFieldValue('endsAt', value.add(2, 'hour'));
              }}
            />
          </Form.Item>
        </Col>
        <Col span={third}>
          <Form.Item
            label="结束时间"
            name="endsAt"
            dependencies={['startsAt']}
            rules={[
              { required: true, message: '请选择结束时间' },
              ({ getFieldValue }) => ({
                validator: (_rule, value: Dayjs | null | undefined) => {
                  const start = getFieldValue('startsAt') as Dayjs | null | undefined;
                  if (value && start && !value.isAfter(start)) return Promise.reject(new Error('结束时间须晚于开始时间'));
                  return Promise.resolve();
                },
              }),
            ]}
          >
            <DatePicker {...TIME_PICKER} data-testid="meeting-ends-at" />
          </Form.Item>
        </Col>
        <Col span={third}>
          <Form.Item label="密级" name="classification" extra="涉密会议仅对密级相符的人员可见">
            <Select options={optionsOf(CLEARANCE_LABELS)} data-testid="meeting-classification" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label="会议地点" name="placeKind">
        <Radio.Group
          data-testid="meeting-place-kind"
          options={[
            { value: 'room', label: '会议室' },
            { value: 'other', label: '其他地点（分会场、外出等）' },
          ]}
        />
      </Form.Item>
      {placeKind === 'other' ? (
        <Form.Item
          label="地点"
          name="location"
          rules={[
            { required: true, whitespace: true, message: '请填写会议地点' },
            { max: 200, message: '地点不超过200字' },
          ]}
        >
          <Input maxLength={200} placeholder="如：各乡镇视频分会场" data-testid="meeting-location" />
        </Form.Item>
      ) : (
        <Form.Item label="会议室" name="roomId" rules={[{ required: true, message: '请选择会议室' }]}>
          <Select options={roomOptions} placeholder="选择会议室" showSearch={{ optionFilterProp: 'label' }} loading={rooms.isPending} data-testid="meeting-room" />
        </Form.Item>
      )}
      {placeKind !== 'other' && roomId && startsAt ? (
        <div style={{ marginTop: -12, marginBottom: 16 }}>
          <RoomBookings roomId={roomId} startsAt={startsAt} endsAt={endsAt} excludeId={editingId} />
        </div>
      ) : null}
      <Row gutter={16}>
        <Col span={half}>
          <Form.Item label="主持人" name="hostId">
            <Select options={pickers.leaders} placeholder="选择主持会议的领导" allowClear showSearch={{ optionFilterProp: 'label' }} loading={directory.isPending} data-testid="meeting-host" />
          </Form.Item>
        </Col>
        <Col span={half}>
          <Form.Item
            label="回执截止时间"
            name="replyDeadline"
            dependencies={['startsAt']}
            extra="发出通知前须设定，且不晚于会议开始"
            rules={[
              ({ getFieldValue }) => ({
                validator: (_rule, value: Dayjs | null | undefined) => {
                  const start = getFieldValue('startsAt') as Dayjs | null | undefined;
                  if (value && start && value.isAfter(start)) return Promise.reject(new Error('回执截止时间不能晚于会议开始时间'));
                  return Promise.resolve();
                },
              }),
            ]}
          >
            <DatePicker {...TIME_PICKER} data-testid="meeting-reply-deadline" />
          </Form.Item>
        </Col>
      </Row>

      <h3 className="mt-section-title">参会人员</h3>
      <Row gutter={16}>
        <Col span={half}>
          <Form.Item label="出席领导" name="leadersAttend">
            <Select {...pickMany} options={leaderOptions} placeholder="选择出席的领导" data-testid="meeting-leaders" />
          </Form.Item>
        </Col>
        <Col span={half}>
          <Form.Item label="列席人员" name="personsObserve">
            <Select {...pickMany} options={observerOptions} placeholder="按姓名邀请列席的人员（选填）" data-testid="meeting-observers" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        label="参会单位"
        name="unitsAttend"
        extra={
          <Space size={4} wrap style={{ marginTop: 4 }}>
            <span>快捷选择：</span>
            <Button size="small" onClick={() => selectAll(pickers.townshipIds)} data-testid="units-all-townships">
              全选乡镇
            </Button>
            <Button size="small" onClick={() => selectAll(pickers.departmentIds)} data-testid="units-all-departments">
              全选部门
            </Button>
            {unitsAttend.length ? (
              <Button size="small" type="link" onClick={() => form.setFieldValue('unitsAttend', [])} data-testid="units-clear">
                清空
              </Button>
            ) : null}
            <span>{`已选 ${unitsAttend.length} 个单位，由各单位在回执中报送参会人员`}</span>
          </Space>
        }
      >
        <Select {...pickMany} options={attendUnitGroups} placeholder="选择参会单位" data-testid="meeting-units" />
      </Form.Item>
      <Form.Item label="列席单位" name="unitsObserve">
        <Select {...pickMany} options={observeUnitGroups} placeholder="选择列席单位（选填）" data-testid="meeting-observer-units" />
      </Form.Item>

      <h3 className="mt-section-title">通知与议题</h3>
      <Form.Item
        label="会议通知"
        name="notice"
        rules={[{ max: 5000, message: '会议通知不超过5000字' }]}
        extra={
          <Button size="small" type="link" style={{ paddingInline: 0 }} onClick={fillNotice} data-testid="notice-template">
            按已填内容生成通知正文
          </Button>
        }
      >
        <Input.TextArea rows={6} maxLength={5000} showCount placeholder="发出通知时随回执单送达参会人员和单位" data-testid="meeting-notice" />
      </Form.Item>
      <Row gutter={16}>
        <Col span={half}>
          <Form.Item label="征集议题" name="acceptsTopics" valuePropName="checked" extra="开启后，各单位可在“议题申报”中向本次会议申报议题">
            <Switch data-testid="meeting-accepts-topics" />
          </Form.Item>
        </Col>
        {acceptsTopics ? (
          <Col span={half}>
            <Form.Item label="议题截止时间" name="topicDeadline">
              <DatePicker {...TIME_PICKER} data-testid="meeting-topic-deadline" />
            </Form.Item>
          </Col>
        ) : null}
      </Row>
    </>
  );
}
