// The units this user may read (the server's jurisdiction rule decides), as a tree.

import { useList } from '@refinedev/core';
import { useMemo } from 'react';
import { unitTree, type UnitNode, type UnitRow } from './tree.ts';

export function useUnitTree(): { tree: UnitNode[]; rows: UnitRow[]; isLoading: boolean } {
  const { result, query } = useList<UnitRow>({
    resource: 'units',
    pagination: { mode: 'off' },
    sorters: [{ field: 'path', order: 'asc' }],
    meta: { fields: ['id', 'name', 'path', 'level', 'kind', 'contact_person', 'contact_phone'] },
    queryOptions: { staleTime: 60_000 },
  });
  const rows = result?.data;
  const tree = useMemo(() => unitTree(rows ?? []), [rows]);
  return { tree, rows: rows ?? [], isLoading: query.isLoading };
}
