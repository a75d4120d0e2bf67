import { useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Popconfirm, Space, Switch, Tag, type TableColumnsType } from 'antd';
import { ArrowLeftOutlined, PlusOutlined } from '@ant-design/icons';
import { PageHeader } from '../../shared/page-header';
import { ResponsiveList, type ListQuery } from '../../shared/responsive-list';
import { showFieldError } from '../../shared/form-errors';
import { useErrorToast } from '../../shared/use-error-toast';
import { useMeetingRooms, useMeetingTypes, useSaveMeetingRoom, useSaveMeetingType, type MeetingRoom, type MeetingType, type RoomInput } from './meetings.api';
import './meetings.css';

/** The dialog both settings edit in: 保存, and what the server refused above the form. */
function SaveModal({ title, saving, error, onOk, onClose, children }: { title: string; saving: boolean; error: string | null; onOk: () => void; onClose: () => void; children: ReactNode }) {
  return (
    <Modal open title={title} onCancel={onClose} onOk={onOk} okText="保存" confirmLoading={saving} okButtonProps={{ 'data-testid': 'action-submit' }} destroyOnHidden>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="action-error" /> : null}
      {children}
    </Modal>
  );
}

/** 新增 or 重命名 a type: one name. */
function TypeModal({ type, onClose }: { type: MeetingType | null; onClose: () => void }) {
  const [form] = Form.useForm<{ name: string }>();
  const { message } = App.useApp();
  const save = useSaveMeetingType();
  const [error, setError] = useState<string | null>(null);
  return (
    <SaveModal title={type ? `重命名：${type.name}` : '新增会议类型'} saving={save.isPending} error={error} onOk={() => form.submit()} onClose={onClose}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ name: type?.name ?? '' }}
        onFinish={({ name }: { name: string }) =>
          save.mutate(
            { id: type?.id, name: name.trim() },
            {
              onSuccess: () => {
                message.success(type ? '已重命名' : '已新增会议类型');
                onClose();
              },
              onError: (e) => {
                if (!showFieldError(form, e)) setError(e instanceof Error ? e.message : '保存未成功');
              },
            },
          )
        }
      >
        <Form.Item
          label="类型名称"
          name="name"
          rules={[
            { required: true, whitespace: true, message: '请填写类型名称' },
            { max: 20, message: '类型名称不超过20字' },
          ]}
        >
          <Input maxLength={20} placeholder="如：县委财经委员会会议" data-testid="type-name" />
        </Form.Item>
      </Form>
    </SaveModal>
  );
}

type RoomForm = { name: string; location?: string; capacity?: number | null };

function RoomModal({ room, onClose }: { room: MeetingRoom | null; onClose: () => void }) {
  const [form] = Form.useForm<RoomForm>();
  const { message } = App.useApp();
  const save = useSaveMeetingRoom();
  const [error, setError] = useState<string | null>(null);
  const onFinish = (values: RoomForm) => {
    const input: RoomInput & { id?: string } = { id: room?.id, name: values.name.trim() };
    const location = values.location?.trim();
    if (location) input.location = location;
    else if (room?.location) input.location = null;
    if (values.capacity != null) input.capacity = values.capacity;
    else if (room?.capacity != null) input.capacity = null;
    save.mutate(input, {
      onSuccess: () => {
        message.success(room ? '会议室已保存' : '已新增会议室');
        onClose();
      },
      onError: (e) => {
        if (!showFieldError(form, e)) setError(e instanceof Error ? e.message : '保存未成功');
      },
    });
  };
  return (
    <SaveModal title={room ? `编辑会议室：${room.name}` : '新增会议室'} saving={save.isPending} error={error} onOk={() => form.submit()} onClose={onClose}>
      <Form<RoomForm> form={form} layout="vertical" initialValues={{ name: room?.name ?? '', location: room?.location ?? '', capacity: room?.capacity ?? null }} onFinish={onFinish}>
        <Form.Item
          label="名称"
          name="name"
          rules={[
            { required: true, whitespace: true, message: '请填写会议室名称' },
            { max: 50, message: '名称不超过50字' },
          ]}
        >
          <Input maxLength={50} placeholder="如：第一会议室" data-testid="room-name" />
        </Form.Item>
        <Form.Item label="位置" name="location" rules={[{ max: 100, message: '位置不超过100字' }]}>
          <Input maxLength={100} placeholder="如：县委大楼三楼" data-testid="room-location" />
        </Form.Item>
        <Form.Item label="容纳人数" name="capacity" rules={[{ type: 'integer', min: 1, max: 10000, message: '容纳人数须为1到10000的整数' }]}>
          <InputNumber min={1} max={10000} precision={0} suffix="人" style={{ width: 160 }} data-testid="room-capacity" />
        </Form.Item>
      </Form>
    </SaveModal>
  );
}

type Switchable = { id: string; name: string; disabled: boolean };

/** 启用 at once, 停用 after a confirmation saying what it means (`note`); the test ids are `${kind}-enable` and `${kind}-disable`. */
function EnabledSwitch({ item, kind, note, onToggle }: { item: Switchable; kind: 'type' | 'room'; note: string; onToggle: (item: Switchable) => void }) {
  if (item.disabled) return <Switch checked={false} size="small" onChange={() => onToggle(item)} data-testid={`${kind}-enable`} aria-label={`启用${item.name}`} />;
  return (
    <Popconfirm title={`停用“${item.name}”？`} description={note} okText="停用" okButtonProps={{ danger: true, 'data-testid': 'action-submit' }} onConfirm={() => onToggle(item)}>
      <Switch checked size="small" data-testid={`${kind}-disable`} aria-label={`停用${item.name}`} />
    </Popconfirm>
  );
}

/** A settings table with its heading and 新增 button; each row carries its name for tests (`data-name`). */
function SettingsSection<T extends { id: string; name: string }>(props: {
  title: string;
  addLabel: string;
  kind: 'type' | 'room';
  onAdd: () => void;
  query: ListQuery & { data?: T[] };
  columns: TableColumnsType<T>;
  scrollX?: number;
}) {
  return (
    <div className="zs-panel">
      <div className="mt-panel-tools">
        <h3 className="mt-section-title" style={{ margin: 0 }}>
          {props.title}
        </h3>
        <Button icon={<PlusOutlined />} onClick={props.onAdd} data-testid={`${props.kind}-add`}>
          {props.addLabel}
        </Button>
      </div>
      <ResponsiveList<T>
        items={props.query.data ?? []}
        query={props.query}
        columns={props.columns}
        size="small"
        scrollX={props.scrollX}
        rowData={(item) => ({ 'data-testid': `${props.kind}-row`, 'data-name': item.name })}
      />
    </div>
  );
}

/** /meetings/settings — 会议类型 and 会议室 (office). */
export function MeetingSettingsPage() {
  const navigate = useNavigate();
  const { message } = App.useApp();
  const toastError = useErrorToast();
  const types = useMeetingTypes();
  const rooms = useMeetingRooms();
  const saveType = useSaveMeetingType();
  const saveRoom = useSaveMeetingRoom();
  const [editingType, setEditingType] = useState<MeetingType | null | 'new'>(null);
  const [editingRoom, setEditingRoom] = useState<MeetingRoom | null | 'new'>(null);

  const toggle =
    (save: (input: { id: string; disabled: boolean }, options: { onSuccess: () => void; onError: (error: unknown) => void }) => void) => (item: Switchable) =>
      save({ id: item.id, disabled: !item.disabled }, { onSuccess: () => message.success(item.disabled ? `已启用“${item.name}”` : `已停用“${item.name}”`), onError: toastError });
  const toggleType = toggle(saveType.mutate);
  const toggleRoom = toggle(saveRoom.mutate);

  const typeColumns: TableColumnsType<MeetingType> = [
    {
      title: '类型',
      dataIndex: 'name',
      render: (name: string, t) => (
        <Space size={6}>
          <span className={t.disabled ? 'zs-text-muted' : undefined}>{name}</span>
          {t.builtin ? <Tag style={{ marginInlineEnd: 0 }}>内置</Tag> : null}
        </Space>
      ),
    },
    {
      title: '启用',
      dataIndex: 'disabled',
      width: 90,
      render: (_v, t) => <EnabledSwitch item={t} kind="type" note="停用后新建会议不能再选此类型，已有会议不受影响。" onToggle={toggleType} />,
    },
    {
      title: '操作',
      key: 'actions',
      width: 90,
      render: (_v, t) =>
        t.builtin ? (
          <span className="zs-text-muted">—</span>
        ) : (
          <Button type="link" size="small" onClick={() => setEditingType(t)} data-testid="type-rename">
            重命名
          </Button>
        ),
    },
  ];

  const roomColumns: TableColumnsType<MeetingRoom> = [
    { title: '会议室', dataIndex: 'name', render: (name: string, r) => <span className={r.disabled ? 'zs-text-muted' : undefined}>{name}</span> },
    { title: '位置', dataIndex: 'location', render: (v: string | null) => v || '—' },
    { title: '容纳人数', dataIndex: 'capacity', width: 100, render: (v: number | null) => (v ? `${v}人` : '—') },
    {
      title: '启用',
      dataIndex: 'disabled',
      width: 80,
      render: (_v, r) => <EnabledSwitch item={r} kind="room" note="停用后不能再预订，已预订的会议不受影响。" onToggle={toggleRoom} />,
    },
    {
      title: '操作',
      key: 'actions',
      width: 80,
      render: (_v, r) => (
        <Button type="link" size="small" onClick={() => setEditingRoom(r)} data-testid="room-edit">
          编辑
        </Button>
      ),
    },
  ];

  return (
    <div>
      <PageHeader
        title="会议室与会议类型"
        subtitle="会议室可被预订，同一时段不能重复预订；内置的会议类型不能改名"
        back={<Button type="text" icon={<ArrowLeftOutlined />} aria-label="返回会议列表" onClick={() => navigate('/meetings')} />}
      />
      <SettingsSection<MeetingRoom> title="会议室" addLabel="新增会议室" kind="room" onAdd={() => setEditingRoom('new')} query={rooms} columns={roomColumns} scrollX={520} />
      <SettingsSection<MeetingType> title="会议类型" addLabel="新增类型" kind="type" onAdd={() => setEditingType('new')} query={types} columns={typeColumns} />
      {editingType ? <TypeModal type={editingType === 'new' ? null : editingType} onClose={() => setEditingType(null)} /> : null}
      {editingRoom ? <RoomModal room={editingRoom === 'new' ? null : editingRoom} onClose={() => setEditingRoom(null)} /> : null}
    </div>
  );
}
