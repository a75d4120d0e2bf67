import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { MutationCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router-dom';
import { AuthProvider } from './auth';
import { router } from './router';
import { isApiError } from '../api/client';
import { theme } from './theme';

// Every successful change may add or close a 待办, so the inbox (and the header count) is refreshed after each one.
const queryClient: QueryClient = new QueryClient({
  mutationCache: new MutationCache({
    onSuccess: (_data, _variables, _context, mutation) => {
      if (mutation.meta?.skipInboxRefresh) return;
      void queryClient.invalidateQueries({ queryKey: ['inbox'] });
    },
  }),
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      // Retrying helps with a flaky network, never with a refusal the server meant.
      retry: (failureCount, error) => (!isApiError(error) || error.status === 0 || error.status >= 500) && failureCount < 2,
    },
    mutations: { retry: false },
  },
});

export function App() {
  return (
    <ConfigProvider locale={zhCN} theme={theme} button={{ autoInsertSpace: false }}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <AuthProvider>
            <RouterProvider router={router} />
          </AuthProvider>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
