import type { ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';

type Health = { status: string; database?: string; version?: string; demo?: boolean };

export function useHealth() {
  return useQuery({
    queryKey: ['health'],
    queryFn: ({ signal }) => api.get<Health>('/health', undefined, { signal, quietAuth: true }),
    staleTime: 5 * 60_000,
    retry: false,
  });
}

/** The centred card that login and password change share. */
export function AuthPageFrame({ children }: { children: ReactNode }) {
  const health = useHealth();
  return (
    <div className="zs-auth-page">
      <div className="zs-auth-brand">
        <span className="zs-brand-mark" aria-hidden>
          枢
        </span>
        <div>
          <div className="zs-auth-brand-name">中枢</div>
          <div className="zs-auth-brand-sub">党委办公室业务平台</div>
        </div>
      </div>
      <div className="zs-auth-card">{children}</div>
      <div className="zs-auth-footer">
        本系统仅限内部网络使用，请勿处理超出本人密级的信息
        {health.data?.version ? <div>版本 {health.data.version}</div> : null}
      </div>
    </div>
  );
}
