import { collections, units } from '@zhongshu/db';
import { toShanghaiDate } from '@zhongshu/core/calendar/index.ts';
import type { AppContext } from '../context.ts';
import { seedActor } from './seed-actor.ts';
import { createCollection, sendCollection, submitEntry } from '../modules/collections/collections.service.ts';

const TITLE = '重点项目建设推进情况统计';

/**
 * One collection so the demo's 情况征集 page is not empty: the 县委办 asks four townships and the 县发改局 for their
 * key projects (a figure, a choice, a table of projects) with a deadline three days on; 城关镇 has already
 * submitted. Through the real services, as users would produce it; a second run leaves it alone.
 */
export async function seedDemoCollections(ctx: AppContext): Promise<void> {
  if ((await collections.listCollections(ctx.db, { kind: 'all' }, { q: TITLE }, { page: 1, pageSize: 1 })).total > 0) return;
  const office = await seedActor(ctx, 'wenshu');
  const all = await units.listUnits(ctx.db);
  const unitId = (name: string) => all.find((u) => u.name === name)!.id;
  const sentTo = ['中共示例县城关镇委员会', '中共示例县河西镇委员会', '中共示例县青山乡委员会', '中共示例县柳林乡委员会', '示例县发展和改革局'].map(unitId);
  const inThreeDays = toShanghaiDate(new Date(ctx.now().getTime() + 3 * 86_400_000));
  const { id } = await createCollection(ctx, office, {
    title: TITLE,
    description: '请各单位于截止时间前报送本单位重点项目本月推进情况，金额以万元为单位，保留两位小数。',
    deadline: `${inThreeDays}T17:00:00+08:00`,
    unitIds: sentTo,
    fields: [
      { key: 'invest', label: '本月完成投资', type: 'number', unit: '万元', decimals: 2, min: 0, required: true },
      { key: 'progress', label: '总体进度', type: 'single', options: ['顺利推进', '有所滞后', '严重滞后'], required: true },
      { key: 'problems', label: '存在问题', type: 'text', multiline: true, maxLength: 500 },
      {
        key: 'projects', label: '项目清单', type: 'table', maxRows: 50,
        columns: [
          { key: 'name', label: '项目名称', type: 'text', required: true, maxLength: 100 },
          { key: 'amount', label: '本月投资', type: 'number', unit: '万元', decimals: 2, min: 0 },
          { key: 'stage', label: '所处阶段', type: 'single', options: ['前期', '在建', '竣工'] },
        ],
      },
    ],
  });
  await sendCollection(ctx, office, id);
  const chengguan = await seedActor(ctx, 'chengguan');
  await submitEntry(ctx, chengguan, id, unitId('中共示例县城关镇委员会'), {
    invest: 430.5,
    progress: '顺利推进',
    problems: '老城区改造项目征迁进度偏慢，已协调街道加快推进。',
    projects: [
      { name: '老城区棚户区改造', amount: 260, stage: '在建' },
      { name: '城东污水管网提升', amount: 170.5, stage: '在建' },
    ],
  });
}
