import type { Directory } from '../../api/types';

type DirectoryUser = Directory['users'][number];
type Option = { value: string; label: string };
type OptionGroup = { label: string; title: string; options: Option[] };

function personLabel(user: DirectoryUser, unitName: string | undefined): string {
  const role = user.isLeader && user.leaderRank ? user.leaderRank : user.isPrincipal ? '主要负责人' : null;
  return `${user.displayName}${role ? `（${role}）` : ''}${unitName ? ` · ${unitName}` : ''}`;
}

/** A unit and the units above it: the people a document's own unit works with first. */
export function unitWithAncestors(directory: Directory | undefined, unitId: string | null | undefined): string[] {
  const ids: string[] = [];
  const byId = new Map((directory?.units ?? []).map((unit) => [unit.id, unit]));
  let current = unitId ? byId.get(unitId) : undefined;
  while (current && !ids.includes(current.id)) {
    ids.push(current.id);
    current = current.parentId ? byId.get(current.parentId) : undefined;
  }
  return ids;
}

/**
 * People for a picker, grouped: those of the preferred units (the document's unit and those above it)
 * first, the rest after; within a group leaders and 主要负责人 lead.
 */
export function peopleOptions(
  directory: Directory | undefined,
  { preferUnitIds = [], only }: { preferUnitIds?: string[]; only?: (user: DirectoryUser) => boolean } = {},
): OptionGroup[] {
  const unitNames = new Map((directory?.units ?? []).map((unit) => [unit.id, unit.name]));
  const users = (directory?.users ?? []).filter((user) => !only || only(user));
  const rank = (user: DirectoryUser) => (user.isLeader ? 0 : user.isPrincipal ? 1 : 2);
  const sorted = [...users].sort((a, b) => rank(a) - rank(b));
  const toOption = (user: DirectoryUser) => ({ value: user.id, label: personLabel(user, user.unitId ? unitNames.get(user.unitId) : undefined) });
  const preferred = sorted.filter((user) => user.unitId && preferUnitIds.includes(user.unitId));
  const others = sorted.filter((user) => !preferred.includes(user));
  const groups: OptionGroup[] = [];
  if (preferred.length) groups.push({ label: '本单位及上级', title: '本单位及上级', options: preferred.map(toOption) });
  if (others.length) groups.push({ label: preferred.length ? '其他单位' : '全部人员', title: '其他单位', options: others.map(toOption) });
  return groups;
}

export const isLeaderOrPrincipal = (user: DirectoryUser) => user.isLeader || user.isPrincipal === true;
export const isLeader = (user: DirectoryUser) => user.isLeader;
