import { AutoComplete, Button, InputNumber, Select, Table, Tag, type TableColumnsType } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { DocumentDetail } from '../../api/types';

/** One recipient of the 分发 list as the clerk edits it; `unitId` is set for units inside Zhongshu. */
export type DistributionDraft = { key: string; unitId?: string; name: string; kind: 'primary' | 'copy'; copies: number };

type UnitLike = { id: string; name: string };

let nextKey = 0;
const newKey = () => `d${++nextKey}`;

/** Names compare without the 中共 prefix and spaces, so "县委组织部" finds "中共示例县委组织部". */
function normalise(name: string): string {
  return name.replace(/\s+/g, '').replace(/^(中国共产党|中共)/, '');
}

/**
 * The names a unit goes by in a 主送 line: its full name, and for a 党委 ("……委员会") also "……党委",
 * "……委" and the bare place name, as "城关镇党委" or "城关镇" is written for 中共××县城关镇委员会.
 */
function aliases(name: string): string[] {
  const full = normalise(name);
  const committee = /^(.+?)委员会$/.exec(full);
  return committee ? [full, `${committee[1]}党委`, `${committee[1]}委`, committee[1]!] : [full];
}

/**
 * The unit a 主送/抄送 organ names: the one with that name, else the only one whose name (or alias)
 * ends with it, at least three characters long, so "各乡镇党委" or "县委各部委" find nothing and stay
 * outside organs, typed as written, for the clerk to split or keep.
 */
export function matchUnit<U extends UnitLike>(organ: string, units: U[]): U | undefined {
  const wanted = normalise(organ);
  if (!wanted) return undefined;
  const exact = units.filter((unit) => aliases(unit.name).includes(wanted));
  if (exact.length === 1) return exact[0];
  if (exact.length > 1 || wanted.length < 3) return undefined;
  const endings = units.filter((unit) => aliases(unit.name).some((alias) => alias.endsWith(wanted)));
  return endings.length === 1 ? endings[0] : undefined;
}

/** The list the register step starts from: what is already recorded, else the text's 主送 and 抄送. */
export function defaultDistribution(detail: Pick<DocumentDetail, 'distributions' | 'content'>, units: UnitLike[]): DistributionDraft[] {
  if (detail.distributions.length) {
    return detail.distributions.map((row) => ({
      key: newKey(),
      unitId: row.recipientUnitId ?? undefined,
      name: row.recipientName,
      kind: row.kind,
      copies: row.copies,
    }));
  }
  const el = detail.content?.elements;
  const rows: DistributionDraft[] = [];
  const add = (organs: string[] | undefined, kind: 'primary' | 'copy') => {
    for (const organ of organs ?? []) {
      const unit = matchUnit(organ, units);
      if (unit && rows.some((row) => row.unitId === unit.id)) continue;
      rows.push({ key: newKey(), unitId: unit?.id, name: unit?.name ?? organ, kind, copies: 1 });
    }
  };
  add(el?.primaryRecipients, 'primary');
  add(el?.copyRecipients, 'copy');
  return rows;
}

/** Editable 分发 list: units inside Zhongshu are picked from the directory, outside organs typed. */
export function DistributionEditor({
  value = [],
  onChange,
  units,
}: {
  value?: DistributionDraft[];
  onChange?: (rows: DistributionDraft[]) => void;
  units: UnitLike[];
}) {
  const update = (key: string, patch: Partial<DistributionDraft>) => onChange?.(value.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  const unitOptions = units.map((unit) => ({ value: unit.name, label: unit.name }));

  const columns: TableColumnsType<DistributionDraft> = [
    {
      title: '收文单位',
      dataIndex: 'name',
      render: (name: string, row) => (
        <div>
          <AutoComplete
            aria-label="收文单位"
            value={name}
            options={unitOptions}
            style={{ width: '100%' }}
            placeholder="选择系统内单位或输入单位名称"
            showSearch={{ filterOption: (input, option) => String(option?.value ?? '').includes(input) }}
            onChange={(text: string) => {
              const unit = units.find((u) => u.name === text);
              update(row.key, { name: text, unitId: unit?.id });
            }}
          />
          <div style={{ marginTop: 2 }}>{row.unitId ? <Tag color="blue">系统内，印发后自动分送</Tag> : <Tag>系统外，线下送达</Tag>}</div>
        </div>
      ),
    },
    {
      title: '主送/抄送',
      dataIndex: 'kind',
      width: 100,
      render: (kind: DistributionDraft['kind'], row) => (
        <Select
          aria-label="主送或抄送"
          value={kind}
          options={[
            { value: 'primary', label: '主送' },
            { value: 'copy', label: '抄送' },
          ]}
          onChange={(next) => update(row.key, { kind: next })}
          style={{ width: '100%' }}
        />
      ),
    },
    {
      title: '份数',
      dataIndex: 'copies',
      width: 90,
      render: (copies: number, row) => (
        <InputNumber aria-label="份数" min={1} max={10000} precision={0} value={copies} onChange={(next) => update(row.key, { copies: next ?? 1 })} style={{ width: '100%' }} />
      ),
    },
    {
      title: '',
      key: 'remove',
      width: 44,
      render: (_value, row) => (
        <Button type="text" danger aria-label="删除" icon={<DeleteOutlined />} onClick={() => onChange?.(value.filter((other) => other.key !== row.key))} />
      ),
    },
  ];

  return (
    <div>
      <Table<DistributionDraft> rowKey="key" size="small" columns={columns} dataSource={value} pagination={false} locale={{ emptyText: '尚无收文单位' }} />
      <Button
        icon={<PlusOutlined />}
        type="dashed"
        style={{ marginTop: 8 }}
        onClick={() => onChange?.([...value, { key: newKey(), name: '', kind: 'primary', copies: 1 }])}
      >
        添加收文单位
      </Button>
    </div>
  );
}
