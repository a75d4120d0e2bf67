import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { BusinessRole, Clearance, ImportResult, Page, Unit, UnitKind, UserRow } from '../../api/types';

const KEY = ['org'] as const;

export function useUnits() {
  return useQuery({
    queryKey: [...KEY, 'units'],
    queryFn: ({ signal }) => api.get<{ items: Unit[] }>('/org/units', undefined, { signal }),
    select: (data) => data.items,
  });
}

export type UnitInput = {
  parentId: string | null;
  name: string;
  shortName?: string | null;
  /** 机关代字, e.g. 示委办 */
  issuerCode?: string | null;
  kind: UnitKind;
  sortOrder?: number;
};

export function useSaveUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id?: string; input: UnitInput }) =>
      id ? api.patch<Unit>(`/org/units/${encodeURIComponent(id)}`, input) : api.post<Unit>('/org/units', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

export function useDeleteUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<unknown>(`/org/units/${encodeURIComponent(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

export type UserFilters = { q?: string; unitId?: string; page: number; pageSize: number };

export function useUsers(filters: UserFilters) {
  return useQuery({
    queryKey: [...KEY, 'users', filters],
    queryFn: ({ signal }) => api.get<Page<UserRow>>('/org/users', filters, { signal }),
    placeholderData: keepPreviousData,
  });
}

export type UserCreateInput = {
  username: string;
  displayName: string;
  unitId: string;
  post?: string;
  isLeader?: boolean;
  leaderRank?: string;
  /** 主要负责人 */
  isPrincipal?: boolean;
};
export type UserUpdateInput = {
  displayName?: string;
  unitId?: string;
  post?: string | null;
  isLeader?: boolean;
  leaderRank?: string | null;
  isPrincipal?: boolean;
  disabled?: boolean;
};
export type UserSecurityInput = { roles?: BusinessRole[]; clearance?: Clearance };

function useOrgMutation<TVariables, TData>(fn: (variables: TVariables) => Promise<TData>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    meta: { skipInboxRefresh: true },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

export const useCreateUser = () =>
  useOrgMutation((input: UserCreateInput) => api.post<{ user: UserRow; initialPassword: string }>('/org/users', input));
export const useUpdateUser = () =>
  useOrgMutation(({ id, input }: { id: string; input: UserUpdateInput }) => api.patch<UserRow>(`/org/users/${encodeURIComponent(id)}`, input));
export const useUpdateUserSecurity = () =>
  useOrgMutation(({ id, input }: { id: string; input: UserSecurityInput }) =>
    api.patch<UserRow>(`/org/users/${encodeURIComponent(id)}/security`, input),
  );
export const useResetPassword = () =>
  useOrgMutation((id: string) => api.post<{ initialPassword: string }>(`/org/users/${encodeURIComponent(id)}/reset-password`));
export const useUnlockUser = () => useOrgMutation((id: string) => api.post<unknown>(`/org/users/${encodeURIComponent(id)}/unlock`));
export const useImportRoster = () => useOrgMutation((file: File) => api.upload<ImportResult>('/org/import', file, file.name));
