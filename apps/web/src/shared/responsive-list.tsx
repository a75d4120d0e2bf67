// The scaffolding every list shares: a table on a desktop, cards on a phone, the same rows in both (their test ids,
// their 逾期 marking, a click that opens them), one pagination, and the filter bar with its 清除筛选.
import { useEffect, useState, type CSSProperties, type HTMLAttributes, type KeyboardEvent, type ReactElement, type ReactNode } from 'react';
import { Button, Empty, Input, Pagination, Table, type TableColumnsType } from 'antd';
import { QueryError } from './query-error';
import { useIsMobile } from './use-is-mobile';

/** `data-` attributes a row carries on its card and on its table row alike (what tests and styles find it by). */
export type RowData = { [key: `data-${string}`]: string | undefined };

/** 逾期 or 即将到期: the row is marked `zs-row-…`, the card `zs-item-card-…`. */
export type DueMark = 'overdue' | 'due-soon' | null;

/** A server-paged list: the page in the URL, the total from the server. */
export type ListPaging = {
  page: number;
  pageSize: number;
  total: number;
  /** What the total counts, as in 共 12 件. */
  countUnit: string;
  onChange: (page: number) => void;
};

/** The parts of a query the list reads: its error (shown instead of the list, with 重试) and whether it is loading. */
export type ListQuery = { isError: boolean; error: unknown; isPending: boolean; refetch: () => unknown };

export type ResponsiveListProps<T extends { id: string }> = {
  items: T[];
  columns: TableColumnsType<T>;
  query?: ListQuery;
  /** The inside of an item's card on a phone; without it the table is shown on a phone too. */
  card?: (item: T) => ReactNode;
  /** Opens an item: rows and cards become clickable (and a card opens with Enter). */
  onOpen?: (item: T) => void;
  rowData?: (item: T) => RowData;
  dueMark?: (item: T) => DueMark;
  /** Classes of a table row besides the clickable and due marks. */
  rowClassName?: (item: T) => string;
  /** Classes of a card besides `zs-item-card` and the due mark. */
  cardClassName?: (item: T) => string;
  /** What an empty list says (as the table's empty text and, on a phone, above the cards). */
  empty?: string;
  paging?: ListPaging;
  size?: 'middle' | 'small';
  scrollX?: number;
};

function classes(...names: (string | false | null | undefined)[]): string {
  return names.filter(Boolean).join(' ');
}

export function ResponsiveList<T extends { id: string }>(props: ResponsiveListProps<T>) {
  const { items, query, card, onOpen, rowData, dueMark, paging, empty } = props;
  const isMobile = useIsMobile();
  if (query?.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const loading = query?.isPending;

  if (isMobile && card) {
    // A card that opens nothing keeps the arrow cursor.
    const staticStyle: CSSProperties | undefined = onOpen ? undefined : { cursor: 'default' };
    return (
      <>
        {empty !== undefined && items.length === 0 && !loading ? <Empty description={empty} /> : null}
        <div className="zs-card-list">
          {items.map((item) => {
            const mark = dueMark?.(item);
            return (
              <div
                key={item.id}
                className={classes('zs-item-card', props.cardClassName?.(item), mark && `zs-item-card-${mark}`)}
                style={staticStyle}
                {...(onOpen
                  ? {
                      role: 'link',
                      tabIndex: 0,
                      onClick: () => onOpen(item),
                      onKeyDown: (event: KeyboardEvent) => {
                        if (event.key === 'Enter') onOpen(item);
                      },
                    }
                  : {})}
                {...rowData?.(item)}
              >
                {card(item)}
              </div>
            );
          })}
        </div>
        {paging && paging.total > paging.pageSize ? (
          <div className="zs-card-pagination">
            <Pagination simple current={paging.page} pageSize={paging.pageSize} total={paging.total} onChange={paging.onChange} />
          </div>
        ) : null}
      </>
    );
  }

  return (
    <Table<T>
      rowKey="id"
      size={props.size ?? 'middle'}
      columns={props.columns}
      dataSource={items}
      loading={loading}
      rowClassName={(item) => {
        const mark = dueMark?.(item);
        return classes(onOpen && 'zs-clickable-row', props.rowClassName?.(item), mark && `zs-row-${mark}`);
      }}
      onRow={(item) => ({ ...(onOpen ? { onClick: () => onOpen(item) } : {}), ...rowData?.(item) }) as HTMLAttributes<HTMLElement>}
      locale={empty !== undefined ? { emptyText: <Empty description={empty} /> } : undefined}
      scroll={props.scrollX ? { x: props.scrollX } : undefined}
      pagination={
        paging
          ? {
              current: paging.page,
              pageSize: paging.pageSize,
              total: paging.total,
              showSizeChanger: false,
              showTotal: (count) => `共 ${count} ${paging.countUnit}`,
              onChange: paging.onChange,
            }
          : false
      }
    />
  );
}

/** The filter bar above a list; 清除筛选 shows while any filter is set. */
export function FilterBar({ children, active = false, onClear, clearTestId }: { children: ReactNode; active?: boolean; onClear?: () => void; clearTestId?: string }) {
  return (
    <div className="zs-filters">
      {children}
      {active && onClear ? (
        <Button type="link" data-testid={clearTestId} onClick={onClear}>
          清除筛选
        </Button>
      ) : null}
    </div>
  );
}

/**
 * The keyword box of a list filter: what is typed stays local until searched, and follows the URL's `q` when that
 * changes (back, 清除筛选). The text is held here, in the page, so that it survives the box moving in the filter bar
 * between the phone and the desktop layouts.
 */
export function useSearchBox(q: string, onSearch: (q: string) => void, o: { testId: string; placeholder: string; width: number }): ReactElement {
  const [keyword, setKeyword] = useState(q);
  useEffect(() => setKeyword(q), [q]);
  return (
    <Input.Search
      aria-label="关键词"
      data-testid={o.testId}
      placeholder={o.placeholder}
      allowClear
      value={keyword}
      onChange={(event) => setKeyword(event.target.value)}
      onSearch={(value) => onSearch(value.trim())}
      style={{ width: o.width }}
    />
  );
}
