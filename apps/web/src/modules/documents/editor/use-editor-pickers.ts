import { useMemo } from 'react';
import type { OrgUnit } from '@zhongshu/core/gongwen/checker.ts';
import { useDirectory, useDirectoryPickers } from '../../org/directory.api';

export type NameOption = { value: string; label: string; /** Depth in the organisation tree, for indenting. */ depth?: number };

/** Options the editor's pickers offer, all from the organisation directory. */
export function useEditorPickers() {
  const directory = useDirectory();
  const { unitTree, leaderOptions } = useDirectoryPickers(directory);
  const data = directory.data;

  return useMemo(() => {
    const units = data?.units ?? [];
    const users = data?.users ?? [];
    const unitName = new Map(units.map((u) => [u.id, u.name]));
    const byName = (a: NameOption, b: NameOption) => a.label.localeCompare(b.label, 'zh-CN');
    const named = (names: string[]): NameOption[] => [...new Set(names)].map((name) => ({ value: name, label: name }));

    /** 主送/抄送/署名: organs are written by name, so the option value is the name itself; listed in tree order. */
    const unitNameOptions: NameOption[] = [];
    const seen = new Set<string>();
    const walk = (nodes: typeof unitTree, depth: number) => {
      for (const node of nodes) {
        if (!seen.has(node.title)) unitNameOptions.push({ value: node.title, label: node.title, depth });
        seen.add(node.title);
        walk(node.children, depth + 1);
      }
    };
    walk(unitTree, 0);
    const leaderNameOptions = named(users.filter((u) => u.isLeader).map((u) => u.displayName));
    const personNameOptions = named(users.map((u) => u.displayName)).sort(byName);
    /** 核稿人: the clerks of the office and the units. */
    const reviewerOptions = users
      .filter((u) => !u.isLeader && (u.roles.includes('office') || u.roles.includes('unit')))
      .map((u) => ({ value: u.id, label: u.unitId ? `${u.displayName}（${unitName.get(u.unitId) ?? ''}）` : u.displayName, unitId: u.unitId }));
    /** The org tree for the checker's 行文规则 (越级行文, 上行文抄送下级). */
    const orgTree: OrgUnit[] = units.map((u) => ({ name: u.name, parent: u.parentId ? (unitName.get(u.parentId) ?? null) : null }));

    return {
      isLoading: directory.isPending,
      isError: directory.isError,
      unitTree,
      leaderOptions,
      unitNameOptions,
      leaderNameOptions,
      personNameOptions,
      reviewerOptions,
      orgTree,
    };
  }, [data, directory.isPending, directory.isError, unitTree, leaderOptions]);
}

export type EditorPickers = ReturnType<typeof useEditorPickers>;
