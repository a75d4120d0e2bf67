import { TreeSelect } from 'antd';
import type { UnitTreeNode } from './unit-tree';

type AnyUnitTree = UnitTreeNode<{ id: string; parentId: string | null; name: string }>[];

/** A list filter by unit: the unit tree, searchable, cleared to "all". Empty string means no filter. */
export function UnitFilter(props: { label: string; placeholder: string; value: string; treeData: AnyUnitTree; onChange: (unitId: string) => void; width?: number; testId?: string }) {
  return (
    <TreeSelect
      aria-label={props.label}
      data-testid={props.testId}
      value={props.value || undefined}
      treeData={props.treeData}
      placeholder={props.placeholder}
      allowClear
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandAll
      onChange={(value?: string) => props.onChange(value ?? '')}
      style={{ width: props.width ?? 200 }}
    />
  );
}
