import { z } from 'zod';
import { idString, pageQuery } from '../../lib/validation.ts';
import { BUSINESS_ROLES } from '@zhongshu/core';

const unitKind = z.enum(['committee', 'office', 'department', 'township', 'village']);
export const CreateUnitBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  shortName: z.string().trim().max(50).nullish(),
  /** 机关代字 used in this unit's 发文字号, e.g. 示委办. */
  issuerCode: z.string().trim().min(1).max(20).regex(/^[\u4e00-\u9fa5A-Za-z]+$/, { error: '只能包含汉字或字母' }).nullish(),
  kind: unitKind,
  parentId: idString.nullish(),
  sortOrder: z.number().int().min(0).max(100000).default(0),
});
export type CreateUnitBody = z.infer<typeof CreateUnitBody>;
export const UpdateUnitBody = CreateUnitBody.partial();
export type UpdateUnitBody = z.infer<typeof UpdateUnitBody>;

export const ListUsersQuery = z.strictObject({ q: z.string().trim().max(50).optional(), unitId: idString.optional(), ...pageQuery });
export type ListUsersQuery = z.infer<typeof ListUsersQuery>;

const username = z.string().trim().min(3).max(32).regex(/^[A-Za-z0-9_.-]+$/, { error: '只能包含字母、数字、下划线、点和连字符' });
export const CreateUserBody = z.strictObject({
  username,
  displayName: z.string().trim().min(1).max(50),
  unitId: idString,
  post: z.string().trim().max(50).nullish(),
  isLeader: z.boolean().default(false),
  leaderRank: z.string().trim().max(30).nullish(),
  isPrincipal: z.boolean().default(false),
});
export type CreateUserBody = z.infer<typeof CreateUserBody>;

export const UpdateUserBody = z.strictObject({
  displayName: z.string().trim().min(1).max(50).optional(),
  unitId: idString.optional(),
  post: z.string().trim().max(50).nullish(),
  isLeader: z.boolean().optional(),
  leaderRank: z.string().trim().max(30).nullish(),
  isPrincipal: z.boolean().optional(),
  disabled: z.boolean().optional(),
});
export type UpdateUserBody = z.infer<typeof UpdateUserBody>;

export const UpdateSecurityBody = z.strictObject({
  roles: z.array(z.enum(BUSINESS_ROLES)).max(4).optional(),
  clearance: z.enum(['none', 'secret', 'confidential', 'top_secret']).optional(),
});
export type UpdateSecurityBody = z.infer<typeof UpdateSecurityBody>;

export const IdParams = z.strictObject({ id: idString });
