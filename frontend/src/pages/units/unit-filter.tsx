// The unit filter of a list: the units the user may read, as a tree to pick one
// from (the list then shows that unit and those below it). In a Form.Item, which
// gives it its value and onChange.

import { TreeSelect } from 'antd';
import type { UnitNode } from './tree.ts';

export function UnitFilterSelect({
  tree,
  placeholder,
  minWidth,
  value,
  onChange,
}: {
  tree: UnitNode[];
  placeholder: string;
  minWidth: number;
  value?: number;
  onChange?: (unit: number | undefined) => void;
}) {
  return (
    <TreeSelect
      treeData={tree as never}
      value={value}
      onChange={onChange}
      placeholder={placeholder}
      allowClear
      showSearch
      treeNodeFilterProp="title"
      style={{ minWidth }}
      data-testid="filter-unit"
    />
  );
}
