import { useMemo, useState, type ReactNode } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Avatar, Button, Drawer, Dropdown, Layout, Menu, Tag, Tooltip, type MenuProps } from 'antd';
import {
  ApartmentOutlined,
  AuditOutlined,
  BellOutlined,
  CalendarOutlined,
  CommentOutlined,
  DashboardOutlined,
  DownOutlined,
  FileTextOutlined,
  FlagOutlined,
  KeyOutlined,
  LogoutOutlined,
  MenuOutlined,
  ScheduleOutlined,
  TableOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useAuth, useMe } from './auth';
import { canAccess, canDraftDocument, canRegisterIncoming, isBusinessUser, type Area } from './access';
import { useIsMobile } from '../shared/use-is-mobile';
import { ADMIN_ROLE_LABELS, BUSINESS_ROLE_LABELS } from '../shared/labels';
import { useInboxCounts } from '../modules/inbox/inbox.api';
import type { Me } from '../api/types';

type NavLeaf = { key: string; label: string; visible?: (me: Me) => boolean };
type NavItem = { key: string; area: Area; label: string; icon: ReactNode; children?: NavLeaf[] };

const NAV_ITEMS: NavItem[] = [
  { key: '/inbox', area: 'inbox', label: '待办事项', icon: <BellOutlined /> },
  {
    key: 'documents',
    area: 'documents',
    label: '办文',
    icon: <FileTextOutlined />,
    children: [
      { key: '/documents/outgoing', label: '发文登记簿' },
      { key: '/documents/incoming', label: '收文登记簿' },
      { key: '/documents/new', label: '拟稿', visible: canDraftDocument },
      { key: '/documents/incoming/new', label: '收文登记', visible: canRegisterIncoming },
    ],
  },
  { key: '/assignments', area: 'assignments', label: '督查事项', icon: <FlagOutlined /> },
  {
    key: 'supervision',
    area: 'supervision',
    label: '督查督办',
    icon: <DashboardOutlined />,
    children: [
      { key: '/supervision', label: '督查看板' },
      { key: '/supervision/circulars', label: '通报' },
      { key: '/supervision/ranking', label: '单位排名' },
      { key: '/supervision/accountability', label: '问责记录' },
      { key: '/supervision/import', label: '批量立项', visible: (me) => canAccess(me, 'supervision-office') },
      { key: '/supervision/config', label: '预警规则设置', visible: (me) => canAccess(me, 'supervision-office') },
    ],
  },
  {
    key: 'petitions',
    area: 'petitions',
    label: '信访',
    icon: <CommentOutlined />,
    children: [
      { key: '/petitions', label: '信访事项' },
      { key: '/petitions/new', label: '信访登记', visible: (me) => canAccess(me, 'petitions-staff') },
      { key: '/petitions/board', label: '信访看板' },
      { key: '/petitions/settings', label: '信访设置', visible: (me) => canAccess(me, 'petitions-staff') },
    ],
  },
  {
    key: 'meetings',
    area: 'meetings',
    label: '办会',
    icon: <ScheduleOutlined />,
    children: [
      { key: '/meetings', label: '会议' },
      { key: '/meetings/new', label: '新建会议', visible: (me) => canAccess(me, 'meetings-office') },
      { key: '/meetings/calendar', label: '会议日历', visible: (me) => canAccess(me, 'meetings-calendar') },
      { key: '/meetings/topics', label: '申报议题' },
      { key: '/meetings/settings', label: '会议室与类型', visible: (me) => canAccess(me, 'meetings-office') },
    ],
  },
  {
    key: 'collections',
    area: 'collections',
    label: '情况征集',
    icon: <TableOutlined />,
    children: [
      { key: '/collections', label: '征集' },
      { key: '/collections/new', label: '新建征集', visible: (me) => canAccess(me, 'collections-office') },
    ],
  },
  { key: '/org/units', area: 'org-units', label: '组织机构', icon: <ApartmentOutlined /> },
  { key: '/org/users', area: 'org-users', label: '用户管理', icon: <TeamOutlined /> },
  { key: '/audit', area: 'audit', label: '审计日志', icon: <AuditOutlined /> },
  { key: '/admin/calendar', area: 'admin-calendar', label: '日历与设置', icon: <CalendarOutlined /> },
];

function describeRole(me: Me): string {
  if (me.adminRole) return ADMIN_ROLE_LABELS[me.adminRole];
  if (me.isLeader && me.leaderRank) return me.leaderRank;
  return me.roles.map((role) => BUSINESS_ROLE_LABELS[role]).join('、');
}

const NAV_KEYS = NAV_ITEMS.flatMap((item) => (item.children ? item.children.map((child) => child.key) : [item.key]));

function selectedKey(pathname: string): string {
  if (pathname.startsWith('/org/import')) return '/org/users';
  const match = NAV_KEYS.filter((key) => pathname === key || pathname.startsWith(key + '/'));
  return match.sort((a, b) => b.length - a.length)[0] ?? '';
}

export function AppLayout() {
  const me = useMe();
  const { logout } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const isMobile = useIsMobile();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [collapsed, setCollapsed] = useState(false);
  const business = isBusinessUser(me);
  const counts = useInboxCounts(business);

  const menuItems = useMemo<MenuProps['items']>(
    () =>
      NAV_ITEMS.filter((item) => canAccess(me, item.area)).map((item) => ({
        key: item.key,
        icon: item.icon,
        ...(item.children
          ? { children: item.children.filter((child) => !child.visible || child.visible(me)).map((child) => ({ key: child.key, label: child.label })) }
          : {}),
        label: item.key === '/inbox' && counts.data?.todo ? (
          <span className="zs-menu-label">
            {item.label}
            <span className="zs-menu-count">{counts.data.todo}</span>
          </span>
        ) : (
          item.label
        ),
      })),
    [me, counts.data?.todo],
  );

  const onMenuClick: MenuProps['onClick'] = ({ key }) => {
    setDrawerOpen(false);
    navigate(key);
  };

  const userMenu: MenuProps['items'] = [
    {
      key: 'profile',
      disabled: true,
      label: (
        <div className="zs-user-card">
          <div className="zs-user-card-name">{me.displayName}</div>
          <div className="zs-user-card-meta">{[me.unitName, describeRole(me)].filter(Boolean).join(' · ')}</div>
        </div>
      ),
    },
    { type: 'divider' },
    { key: 'password', icon: <KeyOutlined />, label: '修改密码' },
    { key: 'logout', icon: <LogoutOutlined />, label: '退出登录', danger: true },
  ];

  const onUserMenuClick: MenuProps['onClick'] = async ({ key }) => {
    if (key === 'password') navigate('/change-password');
    if (key === 'logout') {
      await logout();
      navigate('/login', { replace: true });
    }
  };

  const todo = counts.data?.todo ?? 0;
  const overdue = counts.data?.overdue ?? 0;
  const navMenu = (
    <Menu
      mode="inline"
      selectedKeys={[selectedKey(location.pathname)]}
      defaultOpenKeys={[
        'documents',
        ...(location.pathname.startsWith('/supervision') ? ['supervision'] : []),
        ...(location.pathname.startsWith('/petitions') ? ['petitions'] : []),
      ]}
      items={menuItems}
      onClick={onMenuClick}
      className="zs-nav-menu"
    />
  );

  return (
    <Layout className="zs-shell">
      <Layout.Header className="zs-header">
        <div className="zs-header-left">
          {isMobile ? (
            <Button type="text" className="zs-header-icon-button" icon={<MenuOutlined />} aria-label="打开菜单" onClick={() => setDrawerOpen(true)} />
          ) : null}
          <a
            className="zs-brand"
            href="/"
            onClick={(event) => {
              event.preventDefault();
              navigate('/');
            }}
          >
            <span className="zs-brand-mark" aria-hidden>
              枢
            </span>
            <span className="zs-brand-name">中枢</span>
            {!isMobile ? <span className="zs-brand-sub">党委办公室业务平台</span> : null}
          </a>
        </div>
        <div className="zs-header-right">
          {me.isDemo ? (
            <Tooltip title="演示数据，仅供体验，请勿录入真实工作信息">
              <Tag className="zs-demo-tag">演示账号</Tag>
            </Tooltip>
          ) : null}
          {business ? (
            <Tooltip title={overdue ? `待办 ${todo} 件，其中逾期 ${overdue} 件` : `待办 ${todo} 件`}>
              <Button type="text" className="zs-header-inbox" onClick={() => navigate('/inbox')} aria-label={`待办事项 ${todo} 件`}>
                <BellOutlined />
                {!isMobile ? <span>待办</span> : null}
                <span data-testid="inbox-count" className={`zs-count-pill${todo === 0 ? ' zs-count-pill-zero' : ''}${overdue ? ' zs-count-pill-overdue' : ''}`}>
                  {/* Not a 0 before the first count arrives: a clerk would read it as "nothing to do". */}
                  {counts.data ? todo : '…'}
                </span>
              </Button>
            </Tooltip>
          ) : null}
          <Dropdown menu={{ items: userMenu, onClick: onUserMenuClick }} trigger={['click']} placement="bottomRight">
            <Button type="text" className="zs-header-user" aria-label="用户菜单">
              <Avatar size="small" icon={<UserOutlined />} className="zs-header-avatar" />
              {!isMobile ? (
                <span className="zs-header-user-text">
                  <span data-testid="current-user-name">{me.displayName}</span>
                  {me.unitName ? <span className="zs-header-user-unit">{me.unitName}</span> : null}
                </span>
              ) : null}
              <DownOutlined className="zs-header-caret" />
            </Button>
          </Dropdown>
        </div>
      </Layout.Header>
      <Layout>
        {!isMobile ? (
          <Layout.Sider
            width={208}
            collapsible
            collapsed={collapsed}
            onCollapse={setCollapsed}
            theme="light"
            className="zs-sider"
            trigger={collapsed ? '展开' : '收起菜单'}
          >
            {navMenu}
          </Layout.Sider>
        ) : null}
        <Layout.Content className="zs-content">
          <Outlet />
        </Layout.Content>
      </Layout>
      {isMobile ? (
        <Drawer
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          placement="left"
          size={248}
          title="中枢"
          styles={{ body: { padding: 0 } }}
        >
          <div className="zs-drawer-user">
            <div className="zs-user-card-name">{me.displayName}</div>
            <div className="zs-user-card-meta">{[me.unitName, describeRole(me)].filter(Boolean).join(' · ')}</div>
          </div>
          {navMenu}
        </Drawer>
      ) : null}
    </Layout>
  );
}
