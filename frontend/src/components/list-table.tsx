// Every office list as people read it on their device: antd's table on a desk, a
// list of cards on a phone (under 768 px) — the card's title, two or three key
// fields with their labels, the light where the list has one, the row's actions
// at the bottom. The columns are the table's own (its `columns` or its
// <Table.Column> children), so a list is written once and each device shows it its way.

import { Empty, Pagination, Spin, Table, type TableProps } from 'antd';
import type { ColumnType } from 'antd/es/table';
import { Children, isValidElement, type ReactNode } from 'react';
import { usePhone } from '../phone/layout.tsx';
import { cardLayout, valueAt, type CardLayout } from './list-cards.ts';
import './list-cards.css';

type Column<T> = ColumnType<T> & { children?: unknown };

function columnsOf<T>(props: TableProps<T> & { children?: ReactNode }): Column<T>[] {
  if (props.columns) return props.columns as Column<T>[];
  return Children.toArray(props.children)
    .filter(isValidElement)
    .map((el) => ({ key: el.key ?? undefined, ...(el.props as Column<T>) }));
}

export function ListTable<T extends object>(
  props: TableProps<T> & {
    children?: ReactNode;
    /** Which columns make the phone's card (by position); by default the first is the title and the next three the fields. */
    card?: Partial<CardLayout>;
  },
) {
  const phone = usePhone();
  const { card, ...table } = props;
  if (!phone) return <Table<T> {...table} />;
  const columns = columnsOf(props);
  const layout = cardLayout(
    columns.map((c) => ({ actions: c.fixed === 'right' || c.key === 'actions' })),
    card,
  );
  const rows = (props.dataSource ?? []) as T[];
  const keyOf = (row: T, index: number) =>
    String(typeof props.rowKey === 'function' ? props.rowKey(row, index) : (valueAt(row, String(props.rowKey ?? 'key')) ?? index));
  const cell = (column: Column<T> | undefined, row: T, index: number): ReactNode => {
    if (!column) return null;
    const value = valueAt(row, column.dataIndex as string | string[] | undefined);
    const shown = column.render ? column.render(value, row, index) : (value as ReactNode);
    return shown === null || shown === undefined || shown === '' ? '—' : (shown as ReactNode);
  };
  const pagination = props.pagination === false ? null : props.pagination;
  const loading = typeof props.loading === 'object' ? props.loading.spinning : props.loading;
  return (
    <div className="list-cards" data-testid={(props as Record<string, unknown>)['data-testid'] as string | undefined}>
      <Spin spinning={Boolean(loading)}>
        {rows.length === 0 && !loading && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
        {rows.map((row, index) => {
          const click = props.onRow?.(row, index)?.onClick;
          return (
            <div
              key={keyOf(row, index)}
              className="list-card"
              data-testid="list-card"
              onClick={click}
              role={click ? 'button' : undefined}
              style={{ cursor: click ? 'pointer' : undefined }}
            >
              <div className="list-card-head">
                <div className="list-card-title">{cell(columns[layout.title], row, index)}</div>
                {layout.extra !== null && <div>{cell(columns[layout.extra], row, index)}</div>}
              </div>
              {layout.fields.map((i) => (
                <div key={i} className="list-card-field">
                  <span className="list-card-label">{columns[i]?.title as ReactNode}</span>
                  <span>{cell(columns[i], row, index)}</span>
                </div>
              ))}
              {layout.actions !== null && (
                <div className="list-card-actions" onClick={(e) => e.stopPropagation()}>
                  {cell(columns[layout.actions], row, index)}
                </div>
              )}
            </div>
          );
        })}
      </Spin>
      {pagination && (pagination.total ?? 0) > (pagination.pageSize ?? 10) && (
        <Pagination
          simple
          style={{ marginTop: 12, textAlign: 'center' }}
          current={pagination.current}
          pageSize={pagination.pageSize}
          total={pagination.total}
          onChange={(current, pageSize) => {
            pagination.onChange?.(current, pageSize);
            props.onChange?.({ current, pageSize, total: pagination.total }, {}, [], { action: 'paginate', currentDataSource: rows });
          }}
        />
      )}
    </div>
  );
}
