// 网上信访 for the public (no account): "Public" under "Petitions (信访)" in docs/API.md; keep in step with that file.
import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Evaluation } from './petitions.api';

const KEY = ['public-petitions'] as const;

export type PublicOption = { id: string; name: string; disabled?: boolean };

/** Body of POST /api/public/petitions. */
export type PublicPetitionInput = {
  name: string;
  idNumber?: string;
  phone: string;
  address?: string;
  summary: string;
  content: string;
  townshipId: string;
  categoryId?: string;
};

/** What a query code shows: the progress and the reply, nothing else about the case. */
export type PublicProgress = {
  serial: string;
  receivedAt: string;
  stateLabel: string;
  steps: { label: string; at: string }[];
  reply: string | null;
  canEvaluate: boolean;
  /** The petitioner's own rating once given. */
  evaluation: 'satisfied' | 'basically_satisfied' | 'unsatisfied' | null;
};

/** The public pages never hold a session: a refusal here must not be read as "logged out". */
const QUIET = { quietAuth: true } as const;

export function usePublicTownships() {
  return useQuery({
    queryKey: [...KEY, 'units'],
    queryFn: ({ signal }) => api.get<{ items: PublicOption[] }>('/public/petitions/units', undefined, { signal, ...QUIET }),
    staleTime: 30 * 60_000,
    select: (data) => data.items,
  });
}

export function usePublicCategories() {
  return useQuery({
    queryKey: [...KEY, 'categories'],
    queryFn: ({ signal }) => api.get<{ items: PublicOption[] }>('/public/petitions/categories', undefined, { signal, ...QUIET }),
    staleTime: 30 * 60_000,
    select: (data) => data.items.filter((item) => !item.disabled),
  });
}

export function useSubmitPublicPetition() {
  return useMutation({
    mutationFn: (input: PublicPetitionInput) => api.post<{ queryCode: string }>('/public/petitions', input, QUIET),
    meta: { skipInboxRefresh: true },
  });
}

export function useQueryPublicPetition() {
  return useMutation({
    mutationFn: (queryCode: string) => api.post<PublicProgress>('/public/petitions/query', { queryCode }, QUIET),
    meta: { skipInboxRefresh: true },
  });
}

export function useEvaluatePublicPetition() {
  return useMutation({
    mutationFn: (input: { queryCode: string; evaluation: Evaluation }) => api.post<unknown>('/public/petitions/evaluate', input, QUIET),
    meta: { skipInboxRefresh: true },
  });
}
