import { Button, Result } from 'antd';
import { isApiError } from '../api/client';

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
