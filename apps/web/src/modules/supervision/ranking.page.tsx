import { DatePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { PageHeader } from '../../shared/page-header';
import { QueryError } from '../../shared/query-error';
import { useUrlFilters } from '../../shared/use-url-filters';
import { useRanking } from './supervision.api';
import { FormulaNote, UnitFiguresTable } from './supervision-parts';
import { FIGURES } from './supervision-labels';
import './supervision.css';

const DAY = 'YYYY-MM-DD';

function presets(): { label: string; value: [Dayjs, Dayjs] }[] {
  const today = dayjs().startOf('day');
  const lastMonth = today.subtract(1, 'month');
  const quarterStart = today.month(Math.floor(today.month() / 3) * 3).startOf('month');
  return [
    { label: '本年', value: [today.startOf('year'), today] },
    { label: '本季度', value: [quarterStart, today] },
    { label: '本月', value: [today.startOf('month'), today] },
    { label: '上月', value: [lastMonth.startOf('month'), lastMonth.endOf('month').startOf('day')] },
    { label: '上年', value: [today.subtract(1, 'year').startOf('year'), today.subtract(1, 'year').endOf('year').startOf('day')] },
  ];
}

/** /supervision/ranking — 单位排名 by on-time completion rate for a period (this year by default). */
export function RankingPage() {
  const [params, update] = useUrlFilters();
  const from = params.get('from') || dayjs().startOf('year').format(DAY);
  const to = params.get('to') || dayjs().format(DAY);
  const ranking = useRanking({ from, to });

  return (
    <div>
      <PageHeader title="单位排名" subtitle="按牵头单位统计期内交办、办结和按期办结情况，按按期办结率排名" />
      <div className="zs-panel">
        <div className="zs-filters">
          <span>统计期间</span>
          <DatePicker.RangePicker
            aria-label="统计期间"
            value={[dayjs(from), dayjs(to)]}
            presets={presets()}
            allowClear={false}
            disabledDate={(day) => day.isAfter(dayjs(), 'day')}
            onChange={(range) => {
              if (range?.[0] && range[1]) update({ from: range[0].format(DAY), to: range[1].format(DAY) });
            }}
          />
        </div>
        {ranking.isError ? (
          <QueryError error={ranking.error} onRetry={() => void ranking.refetch()} />
        ) : (
          <>
            {ranking.data ? <FormulaNote formula={ranking.data.formula} /> : null}
            <UnitFiguresTable rows={ranking.data?.rows ?? []} loading={ranking.isFetching} rowTestId={(row) => `ranking-row-${row.unitId}`} />
            <ul className="sv-reasons" style={{ marginTop: 12 }}>
              {FIGURES.map((figure) => (
                <li key={figure.key}>
                  {figure.label}：{figure.hint}
                </li>
              ))}
              <li>按期办结率相同时按办结数排序；期内既无办结也无逾期的单位无法计算按期办结率，列在最后。</li>
            </ul>
          </>
        )}
      </div>
    </div>
  );
}
