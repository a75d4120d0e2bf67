import { useUrlFilters } from '../../shared/use-url-filters';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Col,
  Empty,
  Form,
  Input,
  Modal,
  Pagination,
  Popconfirm,
  Radio,
  Row,
  Space,
  Switch,
  Table,
  Tag,
  TreeSelect,
  Typography,
  type TableColumnsType,
} from 'antd';
import { ImportOutlined, PlusOutlined } from '@ant-design/icons';
import type { BusinessRole, Clearance, Unit, UserRow } from '../../api/types';
import { useMe } from '../../app/auth';
import { PageHeader } from '../../shared/page-header';
import { QueryError } from '../../shared/query-error';
import { ADMIN_ROLE_LABELS, BUSINESS_ROLE_LABELS, CLEARANCE_LABELS } from '../../shared/labels';
import { buildUnitTree } from '../../shared/unit-tree';
import { showFieldError } from '../../shared/form-errors';
import { useErrorToast } from '../../shared/use-error-toast';
import { useIsMobile } from '../../shared/use-is-mobile';
import {
  useCreateUser,
  useResetPassword,
  useUnits,
  useUnlockUser,
  useUpdateUser,
  useUpdateUserSecurity,
  useUsers,
  type UserCreateInput,
  type UserUpdateInput,
} from './org.api';

const CLEARANCE_COLORS: Record<Clearance, string | undefined> = { none: undefined, secret: 'gold', confidential: 'orange', top_secret: 'red' };

/** Shows a one-time password once, with a copy button; it is not kept anywhere after the modal closes. */
export function OneTimePasswordModal({ shown, onClose }: { shown: { title: string; who: string; password: string } | null; onClose: () => void }) {
  return (
    <Modal
      open={shown !== null}
      title={shown?.title}
      onCancel={onClose}
      mask={{ closable: false }}
      footer={
        <Button type="primary" onClick={onClose}>
          我已记下，关闭
        </Button>
      }
    >
      {shown ? (
        <>
          <Alert type="warning" showIcon title="初始密码只显示这一次，请当面或通过安全渠道告知本人；首次登录须修改密码。" />
          <div style={{ marginTop: 12 }}>{shown.who} 的初始密码：</div>
          <Typography.Paragraph copyable={{ text: shown.password, tooltips: ['复制', '已复制'] }} className="zs-password-reveal" data-testid="initial-password">
            {shown.password}
          </Typography.Paragraph>
        </>
      ) : null}
    </Modal>
  );
}

type UserForm = { username: string; displayName: string; unitId?: string; post?: string; isLeader: boolean; leaderRank?: string; isPrincipal: boolean };

function UserFormModal({
  editing,
  units,
  onClose,
  onCreated,
}: {
  editing: { mode: 'create' } | { mode: 'edit'; user: UserRow } | null;
  units: Unit[];
  onClose: () => void;
  onCreated: (user: UserRow, password: string) => void;
}) {
  const [form] = Form.useForm<UserForm>();
  const { message } = App.useApp();
  const toastError = useErrorToast();
  const create = useCreateUser();
  const update = useUpdateUser();
  const isLeader = Form.useWatch('isLeader', form);
  const unitTree = useMemo(() => buildUnitTree(units), [units]);
  if (!editing) return null;

  const initialValues: Partial<UserForm> =
    editing.mode === 'edit'
      ? {
          username: editing.user.username,
          displayName: editing.user.displayName,
          unitId: editing.user.unitId ?? undefined,
          post: editing.user.post ?? undefined,
          isLeader: editing.user.isLeader,
          leaderRank: editing.user.leaderRank ?? undefined,
          isPrincipal: editing.user.isPrincipal,
        }
      : { isLeader: false, isPrincipal: false };

  const onError = (error: Error) => {
    if (!showFieldError(form, error)) toastError(error);
  };

  const onFinish = (values: UserForm) => {
    if (editing.mode === 'create') {
      const input: UserCreateInput = {
        username: values.username.trim(),
        displayName: values.displayName.trim(),
        unitId: values.unitId!,
        isLeader: values.isLeader,
        isPrincipal: values.isPrincipal,
      };
      if (values.post?.trim()) input.post = values.post.trim();
      if (values.isLeader && values.leaderRank?.trim()) input.leaderRank = values.leaderRank.trim();
      create.mutate(input, {
        onSuccess: ({ user, initialPassword }) => {
          onClose();
          onCreated(user, initialPassword);
        },
        onError,
      });
    } else {
      const input: UserUpdateInput = {
        displayName: values.displayName.trim(),
        unitId: values.unitId,
        post: values.post?.trim() || null,
        isLeader: values.isLeader,
        leaderRank: values.isLeader ? values.leaderRank?.trim() || null : null,
        isPrincipal: values.isPrincipal,
      };
      update.mutate(
        { id: editing.user.id, input },
        {
          onSuccess: () => {
            message.success('用户信息已保存');
            onClose();
          },
          onError,
        },
      );
    }
  };

  return (
    <Modal
      open
      title={editing.mode === 'create' ? '新建用户' : `编辑用户：${editing.user.displayName}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
    >
      <Form<UserForm> form={form} layout="vertical" initialValues={initialValues} onFinish={onFinish} preserve={false}>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item
              label="用户名"
              name="username"
              extra={editing.mode === 'create' ? '登录用，创建后不可修改' : undefined}
              rules={[{ required: true, whitespace: true, message: '请填写用户名' }]}
            >
              <Input maxLength={40} disabled={editing.mode === 'edit'} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label="姓名" name="displayName" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
              <Input maxLength={40} autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label="所属单位" name="unitId" rules={[{ required: true, message: '请选择所属单位' }]}>
          <TreeSelect treeData={unitTree} treeDefaultExpandAll showSearch={{ treeNodeFilterProp: 'title' }} placeholder="请选择单位" />
        </Form.Item>
        <Form.Item label="岗位" name="post">
          <Input maxLength={40} placeholder="如：督查科科员" />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={8}>
            <Form.Item label="是否领导" name="isLeader" valuePropName="checked">
              <Switch checkedChildren="是" unCheckedChildren="否" />
            </Form.Item>
          </Col>
          {isLeader ? (
            <Col xs={24} sm={16}>
              <Form.Item label="领导职务" name="leaderRank" rules={[{ required: true, whitespace: true, message: '请填写领导职务' }]}>
                <Input maxLength={20} placeholder="如：书记、副书记、常委" />
              </Form.Item>
            </Col>
          ) : null}
        </Row>
        <Form.Item
          label="主要负责人"
          name="isPrincipal"
          valuePropName="checked"
          extra="本单位主要负责人（如部门部长、乡镇党委书记），上行文和重要公文须由其签发"
        >
          <Switch checkedChildren="是" unCheckedChildren="否" />
        </Form.Item>
        {editing.mode === 'create' ? (
          <Alert type="info" showIcon title="角色和密级由安全保密管理员设置；保存后将生成一次性初始密码。" />
        ) : null}
      </Form>
    </Modal>
  );
}

type SecurityForm = { roles: BusinessRole[]; clearance: Clearance };

function SecurityModal({ user, onClose }: { user: UserRow | null; onClose: () => void }) {
  const [form] = Form.useForm<SecurityForm>();
  const { message } = App.useApp();
  const toastError = useErrorToast();
  const update = useUpdateUserSecurity();
  if (!user) return null;
  return (
    <Modal
      open
      title={`角色与密级：${user.displayName}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      confirmLoading={update.isPending}
      destroyOnHidden
    >
      <Form<SecurityForm>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ roles: user.roles, clearance: user.clearance }}
        onFinish={(values) =>
          update.mutate(
            { id: user.id, input: values },
            {
              onSuccess: () => {
                message.success('角色与密级已保存');
                onClose();
              },
              onError: (error) => {
                if (!showFieldError(form, error)) toastError(error);
              },
            },
          )
        }
      >
        <div className="zs-text-muted" style={{ marginBottom: 12 }}>
          {user.username} · {user.unitName ?? '未分配单位'}
        </div>
        <Form.Item label="业务角色" name="roles">
          <Checkbox.Group
            options={(Object.keys(BUSINESS_ROLE_LABELS) as BusinessRole[]).map((value) => ({ value, label: BUSINESS_ROLE_LABELS[value] }))}
          />
        </Form.Item>
        <Form.Item label="密级" name="clearance" rules={[{ required: true, message: '请选择密级' }]} extra="用户只能查看不高于本人密级的内容">
          <Radio.Group
            optionType="button"
            options={(Object.keys(CLEARANCE_LABELS) as Clearance[]).map((value) => ({ value, label: CLEARANCE_LABELS[value] }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function IdentityTags({ user }: { user: UserRow }) {
  if (user.adminRole) return <Tag color="geekblue">{ADMIN_ROLE_LABELS[user.adminRole]}</Tag>;
  return (
    <Space size={[0, 4]} wrap>
      {user.isLeader ? <Tag color="red">{user.leaderRank || '领导'}</Tag> : null}
      {user.roles.filter((role) => !(role === 'leader' && user.isLeader)).map((role) => (
        <Tag key={role}>{BUSINESS_ROLE_LABELS[role]}</Tag>
      ))}
      {!user.isLeader && user.roles.length === 0 ? <span className="zs-text-muted">未分配角色</span> : null}
    </Space>
  );
}

function StatusTags({ user }: { user: UserRow }) {
  return (
    <Space size={[0, 4]} wrap>
      {user.disabled ? <Tag>已停用</Tag> : user.locked ? <Tag color="error">已锁定</Tag> : <Tag color="success">正常</Tag>}
      {user.isDemo ? <Tag color="warning">演示</Tag> : null}
    </Space>
  );
}

export function UsersPage() {
  const me = useMe();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const toastError = useErrorToast();
  const isMobile = useIsMobile();
  const isSystem = me.adminRole === 'system';
  const isSecurity = me.adminRole === 'security';
  const [params, updateParams] = useUrlFilters();
  const filters = {
    q: params.get('q') ?? '',
    unitId: params.get('unitId') ?? '',
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize: Math.min(100, Math.max(10, Number(params.get('pageSize')) || 20)),
  };
  const [keyword, setKeyword] = useState(filters.q);
  useEffect(() => setKeyword(filters.q), [filters.q]);
  const users = useUsers(filters);
  const units = useUnits();
  const unitTree = useMemo(() => buildUnitTree(units.data ?? []), [units.data]);
  const [editing, setEditing] = useState<{ mode: 'create' } | { mode: 'edit'; user: UserRow } | null>(null);
  const [securityUser, setSecurityUser] = useState<UserRow | null>(null);
  const [password, setPassword] = useState<{ title: string; who: string; password: string } | null>(null);
  const resetPassword = useResetPassword();
  const unlock = useUnlockUser();
  const update = useUpdateUser();


  const renderActions = (user: UserRow) => (
    <Space size={0} wrap>
      {isSystem ? (
        <>
          <Button type="link" size="small" onClick={() => setEditing({ mode: 'edit', user })}>
            编辑
          </Button>
          <Popconfirm
            title="重置密码"
            description={`确定为「${user.displayName}」重置密码？原密码将立即失效。`}
            okText="重置"
            cancelText="取消"
            onConfirm={() =>
              resetPassword.mutateAsync(user.id).then(
                ({ initialPassword }) => setPassword({ title: '密码已重置', who: `${user.displayName}（${user.username}）`, password: initialPassword }),
                toastError,
              )
            }
          >
            <Button type="link" size="small">
              重置密码
            </Button>
          </Popconfirm>
          {user.locked ? (
            <Button
              type="link"
              size="small"
              onClick={() =>
                unlock.mutate(user.id, { onSuccess: () => message.success(`已解锁「${user.displayName}」`), onError: toastError })
              }
            >
              解锁
            </Button>
          ) : null}
          {user.id !== me.id ? (
            <Popconfirm
              title={user.disabled ? '启用账号' : '停用账号'}
              description={user.disabled ? `确定启用「${user.displayName}」？` : `停用后「${user.displayName}」将无法登录，确定停用？`}
              okText={user.disabled ? '启用' : '停用'}
              okButtonProps={{ danger: !user.disabled }}
              cancelText="取消"
              onConfirm={() =>
                update.mutateAsync({ id: user.id, input: { disabled: !user.disabled } }).then(
                  () => message.success(user.disabled ? '账号已启用' : '账号已停用'),
                  toastError,
                )
              }
            >
              <Button type="link" size="small" danger={!user.disabled}>
                {user.disabled ? '启用' : '停用'}
              </Button>
            </Popconfirm>
          ) : null}
        </>
      ) : null}
      {isSecurity && !user.adminRole ? (
        <Button type="link" size="small" onClick={() => setSecurityUser(user)}>
          角色与密级
        </Button>
      ) : null}
    </Space>
  );

  const columns: TableColumnsType<UserRow> = [
    { title: '用户名', dataIndex: 'username', width: 130, render: (value: string) => <span className="zs-mono">{value}</span> },
    { title: '姓名', dataIndex: 'displayName', width: 110 },
    { title: '单位', dataIndex: 'unitName', width: 170, render: (value: string | null) => value ?? '—' },
    { title: '岗位', dataIndex: 'post', width: 130, render: (value: string | null) => value || '—' },
    { title: '身份', key: 'identity', width: 190, render: (_value, user) => <IdentityTags user={user} /> },
    {
      title: '主要负责人',
      dataIndex: 'isPrincipal',
      width: 100,
      render: (value: boolean) => (value ? <Tag color="volcano">主要负责人</Tag> : <span className="zs-text-muted">—</span>),
    },
    {
      title: '密级',
      dataIndex: 'clearance',
      width: 80,
      render: (value: Clearance) => <Tag color={CLEARANCE_COLORS[value]}>{CLEARANCE_LABELS[value]}</Tag>,
    },
    { title: '状态', key: 'status', width: 120, render: (_value, user) => <StatusTags user={user} /> },
    {
      title: '操作',
      key: 'actions',
      fixed: isMobile ? undefined : 'right',
      width: isSystem ? 250 : 120,
      render: (_value, user) => renderActions(user),
    },
  ];

  return (
    <div>
      <PageHeader
        title="用户管理"
        subtitle={isSecurity ? '设置业务角色和涉密等级（安全保密管理员）' : '维护用户账号、所属单位和岗位（系统管理员）'}
        extra={
          isSystem ? (
            <>
              <Button icon={<ImportOutlined />} onClick={() => navigate('/org/import')}>
                批量导入
              </Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'create' })}>
                新建用户
              </Button>
            </>
          ) : undefined
        }
      />
      <div className="zs-panel">
        <div className="zs-filters">
          <Input.Search
            aria-label="搜索用户"
            placeholder="姓名、用户名"
            allowClear
            value={keyword}
            onChange={(event) => setKeyword(event.target.value)}
            onSearch={(value) => updateParams({ q: value.trim() })}
            style={{ width: 240 }}
          />
          {!units.isError ? (
            <TreeSelect
              aria-label="按单位筛选"
              value={filters.unitId || undefined}
              treeData={unitTree}
              placeholder="全部单位"
              allowClear
              treeDefaultExpandAll
              showSearch={{ treeNodeFilterProp: 'title' }}
              onChange={(value?: string) => updateParams({ unitId: value ?? '' })}
              style={{ width: 220 }}
            />
          ) : null}
        </div>
        {users.isError ? (
          <QueryError error={users.error} onRetry={() => void users.refetch()} />
        ) : isMobile ? (
          <>
            {users.data && users.data.items.length === 0 ? <Empty description="没有符合条件的用户" /> : null}
            <div className="zs-card-list">
              {(users.data?.items ?? []).map((user) => (
                <div key={user.id} className="zs-item-card" style={{ cursor: 'default' }}>
                  <div className="zs-item-card-title">
                    {user.displayName} <span className="zs-mono zs-text-muted">{user.username}</span>
                  </div>
                  <div className="zs-cell-sub" style={{ marginBottom: 6 }}>
                    {[user.unitName, user.post].filter(Boolean).join(' · ') || '未分配单位'}
                  </div>
                  <div className="zs-item-card-tags">
                    <IdentityTags user={user} />
                    {user.isPrincipal ? <Tag color="volcano">主要负责人</Tag> : null}
                    <Tag color={CLEARANCE_COLORS[user.clearance]}>{CLEARANCE_LABELS[user.clearance]}</Tag>
                    <StatusTags user={user} />
                  </div>
                  <div style={{ marginLeft: -8 }}>{renderActions(user)}</div>
                </div>
              ))}
            </div>
            {(users.data?.total ?? 0) > filters.pageSize ? (
              <div className="zs-card-pagination">
                <Pagination
                  simple
                  current={filters.page}
                  pageSize={filters.pageSize}
                  total={users.data?.total ?? 0}
                  onChange={(page) => updateParams({ page: String(page) })}
                />
              </div>
            ) : null}
          </>
        ) : (
          <Table<UserRow>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={users.data?.items ?? []}
            loading={users.isPending}
            scroll={{ x: isSystem ? 1280 : 1160 }}
            pagination={{
              current: filters.page,
              pageSize: filters.pageSize,
              total: users.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [20, 50, 100],
              showTotal: (count) => `共 ${count} 人`,
              onChange: (page, pageSize) => updateParams({ page: String(page), pageSize: pageSize === 20 ? '' : String(pageSize) }),
            }}
          />
        )}
      </div>
      <UserFormModal
        editing={editing}
        units={units.data ?? []}
        onClose={() => setEditing(null)}
        onCreated={(user, initialPassword) => setPassword({ title: '用户已创建', who: `${user.displayName}（${user.username}）`, password: initialPassword })}
      />
      <SecurityModal user={securityUser} onClose={() => setSecurityUser(null)} />
      <OneTimePasswordModal shown={password} onClose={() => setPassword(null)} />
    </div>
  );
}
