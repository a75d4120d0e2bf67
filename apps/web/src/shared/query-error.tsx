import type { ReactNode } from 'react';
import { Button, Result, Skeleton } from 'antd';
import { isApiError } from '../api/client';
import { PageHeader } from './page-header';

/** What a page shows when its data could not be loaded, with the server's own message. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const forbidden = isApiError(error) && error.status === 403;
  const notFound = isApiError(error) && error.status === 404;
  const message = error instanceof Error ? error.message : '加载失败，请稍后重试';
  return (
    <Result
      status={forbidden ? '403' : notFound ? '404' : 'warning'}
      title={forbidden ? '无权查看' : notFound ? '记录不存在' : '加载失败'}
      subTitle={message}
      extra={onRetry && !forbidden && !notFound ? <Button onClick={onRetry}>重试</Button> : undefined}
    />
  );
}

/**
 * A detail page's placeholder while its record loads, or its error with a way back; null once loaded.
 * Lets the page render only the loaded case.
 */
export function DetailLoadState({ query, title, back, rows = 8 }: { query: { isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown }; title: string; back: ReactNode; rows?: number }) {
  if (query.isPending) {
    return (
      <div className="zs-panel">
        <Skeleton active paragraph={{ rows }} />
      </div>
    );
  }
  if (query.isError) {
    return (
      <div>
        <PageHeader title={title} back={back} />
        <div className="zs-panel">
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        </div>
      </div>
    );
  }
  return null;
}
