import { useState, type HTMLAttributes } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Popconfirm, Space, Switch, Table, Tag, type TableColumnsType } from 'antd';
import { ArrowLeftOutlined, PlusOutlined } from '@ant-design/icons';
import { PageHeader } from '../../shared/page-header';
import { QueryError } from '../../shared/query-error';
import { showFieldError } from '../../shared/form-errors';
import { useErrorToast } from '../../shared/use-error-toast';
import { useMeetingRooms, useMeetingTypes, useSaveMeetingRoom, useSaveMeetingType, type MeetingRoom, type MeetingType, type RoomInput } from './meetings.api';
import './meetings.css';

/** 新增 or 重命名 a type: one name. */
function TypeModal({ type, onClose }: { type: MeetingType | null; onClose: () => void }) {
  const [form] = Form.useForm<{ name: string }>();
  const { message } = App.useApp();
  const save = useSaveMeetingType();
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal
      open
      title={type ? `重命名：${type.name}` : '新增会议类型'}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'action-submit' }}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="action-error" /> : null}
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
    </Modal>
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
    <Modal
      open
      title={room ? `编辑会议室：${room.name}` : '新增会议室'}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'action-submit' }}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="action-error" /> : null}
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
    </Modal>
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

  const toggleType = (t: MeetingType) =>
    saveType.mutate({ id: t.id, disabled: !t.disabled }, { onSuccess: () => message.success(t.disabled ? `已启用“${t.name}”` : `已停用“${t.name}”`), onError: toastError });
  const toggleRoom = (r: MeetingRoom) =>
    saveRoom.mutate({ id: r.id, disabled: !r.disabled }, { onSuccess: () => message.success(r.disabled ? `已启用“${r.name}”` : `已停用“${r.name}”`), onError: toastError });

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
      render: (_v, t) =>
        t.disabled ? (
          <Switch checked={false} size="small" onChange={() => toggleType(t)} data-testid="type-enable" aria-label={`启用${t.name}`} />
        ) : (
          <Popconfirm
            title={`停用“${t.name}”？`}
            description="停用后新建会议不能再选此类型，已有会议不受影响。"
            okText="停用"
            okButtonProps={{ danger: true, 'data-testid': 'action-submit' }}
            onConfirm={() => toggleType(t)}
          >
            <Switch checked size="small" data-testid="type-disable" aria-label={`停用${t.name}`} />
          </Popconfirm>
        ),
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
      render: (_v, r) =>
        r.disabled ? (
          <Switch checked={false} size="small" onChange={() => toggleRoom(r)} data-testid="room-enable" aria-label={`启用${r.name}`} />
        ) : (
          <Popconfirm
            title={`停用“${r.name}”？`}
            description="停用后不能再预订，已预订的会议不受影响。"
            okText="停用"
            okButtonProps={{ danger: true, 'data-testid': 'action-submit' }}
            onConfirm={() => toggleRoom(r)}
          >
            <Switch checked size="small" data-testid="room-disable" aria-label={`停用${r.name}`} />
          </Popconfirm>
        ),
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
      <div className="zs-panel">
        <div className="mt-panel-tools">
          <h3 className="mt-section-title" style={{ margin: 0 }}>
            会议室
          </h3>
          <Button icon={<PlusOutlined />} onClick={() => setEditingRoom('new')} data-testid="room-add">
            新增会议室
          </Button>
        </div>
        {rooms.isError ? (
          <QueryError error={rooms.error} onRetry={() => void rooms.refetch()} />
        ) : (
          <Table<MeetingRoom>
            rowKey="id"
            size="small"
            columns={roomColumns}
            dataSource={rooms.data ?? []}
            loading={rooms.isPending}
            pagination={false}
            scroll={{ x: 520 }}
            onRow={(r) => ({ 'data-testid': 'room-row', 'data-name': r.name }) as HTMLAttributes<HTMLElement>}
          />
        )}
      </div>
      <div className="zs-panel">
        <div className="mt-panel-tools">
          <h3 className="mt-section-title" style={{ margin: 0 }}>
            会议类型
          </h3>
          <Button icon={<PlusOutlined />} onClick={() => setEditingType('new')} data-testid="type-add">
            新增类型
          </Button>
        </div>
        {types.isError ? (
          <QueryError error={types.error} onRetry={() => void types.refetch()} />
        ) : (
          <Table<MeetingType>
            rowKey="id"
            size="small"
            columns={typeColumns}
            dataSource={types.data ?? []}
            loading={types.isPending}
            pagination={false}
            onRow={(t) => ({ 'data-testid': 'type-row', 'data-name': t.name }) as HTMLAttributes<HTMLElement>}
          />
        )}
      </div>
      {editingType ? <TypeModal type={editingType === 'new' ? null : editingType} onClose={() => setEditingType(null)} /> : null}
      {editingRoom ? <RoomModal room={editingRoom === 'new' ? null : editingRoom} onClose={() => setEditingRoom(null)} /> : null}
    </div>
  );
}
