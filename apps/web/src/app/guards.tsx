import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { Button, Result, Spin } from 'antd';
import { useAuth } from './auth';
import { canAccess, homePathFor, type Area } from './access';

export function FullPageSpin() {
  return (
    <div className="zs-full-page-center">
      <Spin size="large" description="正在加载…" />
    </div>
  );
}

/** Lets through only a logged-in user who has already replaced the initial password. */
export function RequireAuth() {
  const { me, isLoading } = useAuth();
  const location = useLocation();
  if (isLoading) return <FullPageSpin />;
  if (!me) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (me.mustChangePassword) return <Navigate to="/change-password" replace />;
  return <Outlet />;
}

/** Lets through any logged-in user, including one who must still change the password. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { me, isLoading } = useAuth();
  if (isLoading) return <FullPageSpin />;
  if (!me) return <Navigate to="/login" replace />;
  return <>{children}</>;
}

export function RequireArea({ area, children }: { area: Area; children: ReactNode }) {
  const { me } = useAuth();
  if (!me || !canAccess(me, area)) return <Forbidden />;
  return <>{children}</>;
}

export function HomeRedirect() {
  const { me } = useAuth();
  if (!me) return <Navigate to="/login" replace />;
  return <Navigate to={homePathFor(me)} replace />;
}

export function Forbidden() {
  return (
    <Result
      status="403"
      title="无权访问"
      subTitle="您的账号没有查看此页面的权限。如需开通，请联系安全保密管理员。"
      extra={
        <Button type="primary" href="/">
          返回首页
        </Button>
      }
    />
  );
}

export function NotFound() {
  return (
    <Result
      status="404"
      title="页面不存在"
      subTitle="您访问的地址不存在或已被移除。"
      extra={
        <Button type="primary" href="/">
          返回首页
        </Button>
      }
    />
  );
}

/** A user with neither a business role nor an administrator role has nothing to open yet. */
export function NoRole() {
  return <Result status="info" title="账号尚未分配角色" subTitle="请联系安全保密管理员为您分配业务角色后再使用。" />;
}
