import { App } from 'antd';
import { useCallback } from 'react';
import { isApiError } from '../api/client';

/** Shows an error the user cannot fix in a form field as a toast, in the server's words. */
export function useErrorToast(): (error: unknown) => void {
  const { message } = App.useApp();
  return useCallback(
    (error: unknown) => {
      // A lost session redirects to the login page; a toast on top would only add noise.
      if (isApiError(error) && (error.code === 'UNAUTHENTICATED' || error.code === 'SESSION_EXPIRED')) return;
      message.error(error instanceof Error ? error.message : '操作未成功，请稍后重试');
    },
    [message],
  );
}
