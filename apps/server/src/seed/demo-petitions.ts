import { units } from '@zhongshu/db';
import { toShanghaiDate } from '@zhongshu/core/calendar/index.ts';
import type { AppContext } from '../context.ts';
import { seedActor } from './seed-actor.ts';
import { actOnPetition, registerPetition } from '../modules/petitions/petitions.service.ts';

/** A fictitious identity number with a correct check digit (GB 11643), so the demo's data passes the same checks as real data. */
function demoIdNumber(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  return first17 + '10X98765432'[w.reduce((s, x, i) => s + x * Number(first17[i]), 0) % 11];
}

/**
 * A few petitions so the demo's 信访 registers are not empty: a visit about unpaid wages accepted and
 * transferred to 城关镇, a letter about a bus route awaiting acceptance, and a second visit by the first
 * petitioner that the repeat check catches; and five villagers of 河西镇 on one matter (a chemical plant's smell at
 * night), written each in their own words, which the board raises as a 群体性预警. Through the real services, as
 * users would produce them.
 */
export async function seedDemoPetitions(ctx: AppContext): Promise<void> {
  const clerk = await seedActor(ctx, 'xinfangju');
  const all = await units.listUnits(ctx.db);
  const chengguan = all.find((u) => u.name === '中共示例县城关镇委员会')!;
  const hexi = all.find((u) => u.name === '中共示例县河西镇委员会')!;
  const today = toShanghaiDate(ctx.now());
  const wages = '城关镇某建筑工地拖欠农民工工资8万元，多次讨要未果，要求督促施工单位尽快支付。';
  const { id } = await registerPetition(ctx, clerk, {
    channel: 'visit', kind: 'appeal', summary: '反映建筑工地拖欠农民工工资', content: wages, townshipId: chengguan.id, village: '城东社区', categoryId: 'cat-02', firstOrgan: 'none', receivedAt: today,
    petitioner: { name: '张某某', idNumber: demoIdNumber('32010219800101123'), phone: '13800000001', address: '城关镇城东社区' }, peopleCount: 1,
  });
  await actOnPetition(ctx, clerk, id, 'accept', { handlingMode: 'transfer', handlingUnitId: chengguan.id, comment: '转城关镇依法办理' });
  await registerPetition(ctx, clerk, {
    channel: 'letter', kind: 'suggestion', summary: '建议增开河西镇至县城公交班次', content: '河西镇至县城公交班次少，早晚高峰候车时间长，建议增开班次并延长末班车时间。', townshipId: hexi.id, categoryId: 'cat-12', firstOrgan: 'none', receivedAt: today,
    petitioner: { name: '李某某', phone: '13800000002' },
  });
  await registerPetition(ctx, clerk, {
    channel: 'visit', kind: 'appeal', summary: '再次反映工地拖欠工资问题', content: `${wages}至今仍未解决。`, townshipId: chengguan.id, categoryId: 'cat-02', firstOrgan: 'none', receivedAt: today,
    petitioner: { name: '张某某', phone: '138 0000 0001' }, peopleCount: 1,
  });
  const smell: [string, string, string][] = [
    ['王某某', '反映河西工业园化工厂夜间排放刺鼻气味', '河西镇工业园区一家化工厂近一个月经常在夜间排放刺鼻气味，附近村民晚上无法开窗睡觉，老人孩子咳嗽不止，请求环保部门查处。'],
    ['赵某某', '河西工业园化工厂夜间排放异味扰民', '河西镇工业园区的化工厂近一个月经常夜间排放刺鼻气味，周边村民无法开窗睡觉，孩子咳嗽不止，请求环保部门尽快查处。'],
    ['孙某某', '化工厂夜间排放刺鼻气味请求查处', '河西镇工业园区化工厂近一个月经常在夜间排放刺鼻气味，附近村民晚上无法开窗睡觉，请求环保部门依法查处。'],
    ['周某某', '工业园区化工厂排放气味影响村民生活', '河西镇工业园区化工厂近一个月夜间排放刺鼻气味，附近村民无法开窗睡觉，老人咳嗽不止，请求环保部门查处并公开结果。'],
    ['吴某某', '再次反映河西工业园化工厂夜间排气', '河西镇工业园区化工厂夜间排放刺鼻气味已近一个月，村民晚上无法开窗睡觉，老人孩子咳嗽，请求环保部门尽快查处。'],
  ];
  for (const [i, [name, summary, content]] of smell.entries()) {
    const receivedAt = new Date(Date.parse(`${today}T00:00:00Z`) - (smell.length - 1 - i) * 2 * 86_400_000).toISOString().slice(0, 10);
    await registerPetition(ctx, clerk, {
      channel: i % 2 ? 'phone' : 'letter', kind: 'appeal', summary, content, townshipId: hexi.id, village: '河西村', categoryId: 'cat-05', firstOrgan: 'none', receivedAt,
      petitioner: { name, phone: `1380000001${i}` },
    });
  }
}
