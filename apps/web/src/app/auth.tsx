import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError, onSessionEvent, setCsrfToken } from '../api/client';
import type { Me, SessionResponse } from '../api/types';

export const ME_QUERY_KEY = ['me'] as const;

type AuthContextValue = {
  me: Me | null;
  isLoading: boolean;
  /** Why the user was sent back to the login page, e.g. an idle session that expired. */
  signedOutReason: string | null;
  login: (username: string, password: string) => Promise<Me>;
  logout: () => Promise<void>;
  refresh: () => Promise<void>;
};

const AuthContext = createContext<AuthContextValue | null>(null);

async function fetchSession(): Promise<Me | null> {
  try {
    const session = await api.get<SessionResponse>('/auth/me', undefined, { quietAuth: true });
    setCsrfToken(session.csrfToken);
    return session.user;
  } catch (error) {
    if (isApiError(error) && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [signedOutReason, setSignedOutReason] = useState<string | null>(null);
  const meQuery = useQuery({ queryKey: ME_QUERY_KEY, queryFn: fetchSession, staleTime: Infinity, retry: 1 });

  useEffect(
    () =>
      onSessionEvent((event) => {
        if (event.kind === 'session-lost') {
          setCsrfToken(null);
          const wasSignedIn = Boolean(queryClient.getQueryData(ME_QUERY_KEY));
          if (wasSignedIn) {
            setSignedOutReason(
              event.error.code === 'SESSION_EXPIRED' ? event.error.message || '登录已超时，请重新登录' : '登录状态已失效，请重新登录',
            );
          }
          queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== ME_QUERY_KEY[0] });
          queryClient.setQueryData(ME_QUERY_KEY, null);
        } else {
          queryClient.setQueryData<Me | null>(ME_QUERY_KEY, (me) => (me ? { ...me, mustChangePassword: true } : me));
        }
      }),
    [queryClient],
  );

  const login = useCallback(
    async (username: string, password: string) => {
      const session = await api.post<SessionResponse>('/auth/login', { username, password }, { quietAuth: true });
      setCsrfToken(session.csrfToken);
      setSignedOutReason(null);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== ME_QUERY_KEY[0] });
      queryClient.setQueryData(ME_QUERY_KEY, session.user);
      return session.user;
    },
    [queryClient],
  );

  const logout = useCallback(async () => {
    try {
      await api.post('/auth/logout', {}, { quietAuth: true });
    } catch {
      // The session may already be gone; the user still ends up logged out here.
    }
    setCsrfToken(null);
    setSignedOutReason(null);
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== ME_QUERY_KEY[0] });
    queryClient.setQueryData(ME_QUERY_KEY, null);
  }, [queryClient]);

  const refresh = useCallback(async () => {
    await queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY });
  }, [queryClient]);

  const value = useMemo<AuthContextValue>(
    () => ({ me: meQuery.data ?? null, isLoading: meQuery.isPending, signedOutReason, login, logout, refresh }),
    [meQuery.data, meQuery.isPending, signedOutReason, login, logout, refresh],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}

/** The logged-in user, for pages that are only rendered behind <RequireAuth>. */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('useMe used outside an authenticated route');
  return me;
}
