import type { HTMLAttributes } from 'react';
import { Link } from 'react-router-dom';
import { Progress, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import { toQueryString, type QueryParams } from '../../api/client';
import type { Colour, UnitFigures } from './supervision.api';
import { COLOUR_HEX, COLOUR_LABELS, COLOUR_TAG, COLOURS, FIGURES } from './supervision-labels';
import './supervision.css';

/** Where a board figure drills down to: the item list with the same filters. */
export function itemsHref(params: QueryParams): string {
  return `/assignments${toQueryString(params)}`;
}

export function ColourTag({ colour }: { colour: Colour | null }) {
  if (!colour) return <span className="zs-text-muted">—</span>;
  return (
    <Tag color={COLOUR_TAG[colour]} variant="solid">
      {COLOUR_LABELS[colour]}
    </Tag>
  );
}

/** A count that opens the matching items; zero stays plain, there is nothing to open. */
export function CountLink({ count, to, colour, testId }: { count: number; to: string; colour?: Colour; testId?: string }) {
  if (count === 0) {
    return (
      <span className="sv-count sv-count-zero" data-testid={testId}>
        0
      </span>
    );
  }
  return (
    <Link to={to} className="sv-count" style={colour ? { color: COLOUR_HEX[colour] } : undefined} data-testid={testId}>
      {count}
    </Link>
  );
}

/** The red/yellow/green share of open items as one stacked bar (the app has no chart library). */
export function ColourBar({ counts, height = 10 }: { counts: Record<Colour, number>; height?: number }) {
  const total = COLOURS.reduce((sum, colour) => sum + counts[colour], 0);
  const text = COLOURS.map((colour) => `${COLOUR_LABELS[colour]} ${counts[colour]}`).join('，');
  if (total === 0) return <div className="sv-colour-bar sv-colour-bar-empty" style={{ height }} aria-label="暂无在办事项" />;
  return (
    <Tooltip title={text}>
      <div className="sv-colour-bar" style={{ height }} role="img" aria-label={text}>
        {COLOURS.map((colour) =>
          counts[colour] > 0 ? (
            <span key={colour} className={`sv-colour-bar-${colour}`} style={{ width: `${(counts[colour] / total) * 100}%` }} />
          ) : null,
        )}
      </div>
    </Tooltip>
  );
}

/** 按期办结率 as a short bar with its figure; "—" when nothing was due or done. */
export function OnTimeRate({ rate }: { rate: number | null }) {
  if (rate === null) return <span className="zs-text-muted">—</span>;
  const colour = rate >= 90 ? COLOUR_HEX.green : rate >= 60 ? COLOUR_HEX.yellow : COLOUR_HEX.red;
  return <Progress percent={rate} size="small" strokeColor={colour} format={() => `${rate.toFixed(1)}%`} style={{ width: 150, margin: 0 }} />;
}

/** The formula behind the rate, said before the numbers so nobody has to ask how they were counted. */
export function FormulaNote({ formula }: { formula: string }) {
  return (
    <div className="sv-formula" data-testid="sv-formula">
      <span className="sv-formula-label">计算口径</span>
      <span>{formula}</span>
    </div>
  );
}

/** Per-unit figures of a period: the ranking page and the circular show the same table. */
export function UnitFiguresTable({
  rows,
  loading,
  rowTestId,
}: {
  rows: UnitFigures[];
  loading?: boolean;
  rowTestId?: (row: UnitFigures) => string;
}) {
  const columns: TableColumnsType<UnitFigures> = [
    {
      title: '排名',
      dataIndex: 'rank',
      width: 70,
      align: 'center',
      render: (rank: number | null) => (rank === null ? <span className="zs-text-muted">—</span> : <span className={rank <= 3 ? 'sv-rank-top' : undefined}>{rank}</span>),
    },
    { title: '牵头单位', dataIndex: 'unitName', width: 180 },
    ...FIGURES.map((figure) => ({
      title: (
        <Tooltip title={figure.hint}>
          <span className="sv-th-hint">{figure.label}</span>
        </Tooltip>
      ),
      dataIndex: figure.key,
      width: 96,
      align: 'right' as const,
      // Figures of a past period do not match today's lists, so they are not links.
      render: (value: number) =>
        (figure.key === 'overdue' || figure.key === 'red') && value > 0 ? <span className="zs-text-overdue">{value}</span> : value,
    })),
    { title: '按期办结率', dataIndex: 'onTimeRate', width: 180, render: (rate: number | null) => <OnTimeRate rate={rate} /> },
  ];
  return (
    <Table<UnitFigures>
      rowKey="unitId"
      size="small"
      columns={columns}
      dataSource={rows}
      loading={loading}
      pagination={false}
      scroll={{ x: 1000 }}
      onRow={rowTestId ? (row) => ({ 'data-testid': rowTestId(row) }) as HTMLAttributes<HTMLElement> : undefined}
      locale={{ emptyText: '本期没有牵头事项' }}
    />
  );
}
