import { units } from '@zhongshu/db';
import { toShanghaiDate } from '@zhongshu/core/calendar/index.ts';
import type { AppContext } from '../context.ts';
import { seedActor } from './seed-actor.ts';
import { actOnAssignment, createAssignment } from '../modules/assignments/assignments.service.ts';

/**
 * Decisions of a recent 常委会 as supervision items, so the demo board is not empty: one on schedule,
 * one behind (red, with its 催办单), one awaiting 签收 and one a leader's own 交办. They go through the
 * real services, so they are exactly what users would have produced.
 */
export async function seedDemoSupervision(ctx: AppContext): Promise<void> {
  const actor = (username: string) => seedActor(ctx, username);
  const [ducha, fushuji, shuji, fagaiju, caizhengju, chengguan] = await Promise.all(['ducha', 'fushuji', 'shuji', 'fagaiju', 'caizhengju', 'chengguan'].map(actor));
  const all = await units.listUnits(ctx.db);
  const unitOf = (a: { unitId: string | null }) => a.unitId!;
  const qingshan = all.find((u) => u.name === '中共示例县青山乡委员会')!;
  const cal = await ctx.calendar();
  const today = toShanghaiDate(ctx.now());
  // The meeting was held 15 working days ago; its decisions run from that day.
  let meeting = today;
  for (let i = 0; i < 15; i++) meeting = cal.workdaysBefore(meeting, 1);
  const meetingRef = '县委常委会会议纪要（第30次）';
  const common = { sourceKind: 'meeting_minutes' as const, sourceRef: meetingRef, sourceDate: meeting, startDate: meeting, urgency: 'normal' as const, classification: 'none' as const };

  const onTrack = await createAssignment(ctx, ducha, {
    ...common, title: '推进县城区停车位扩容', instruction: '年内新增公共停车位1200个，优先解决医院、学校周边停车难。', leaderId: fushuji.id, level: 'key',
    assigneeUnitId: unitOf(fagaiju), cooperatingUnitIds: [unitOf(caizhengju), unitOf(chengguan)], completionStandard: '新增停车位通过验收并投入使用',
    deadline: { type: 'workdays', days: 35 }, feedbackCycle: 'weekly', feedbackDay: 5,
    tasks: [{ title: '新建停车场', indicator: '新增车位', target: 800, unitLabel: '个', weight: 2 }, { title: '道路施划', indicator: '施划车位', target: 400, unitLabel: '个', weight: 1 }],
  });
  const detail0 = await actOnAssignment(ctx, fagaiju, onTrack.id, 'sign', {});
  const detail = await actOnAssignment(ctx, fagaiju, onTrack.id, 'report_progress', { comment: '两个停车场已开工，道路施划过半。', figures: [{ taskId: detail0.tasks[0]!.id, value: 300 }, { taskId: detail0.tasks[1]!.id, value: 150 }] });
  await actOnAssignment(ctx, fagaiju, onTrack.id, 'report_progress', { comment: '城南停车场主体完工，道路施划基本完成。', figures: [{ taskId: detail.tasks[0]!.id, value: 380 }, { taskId: detail.tasks[1]!.id, value: 300 }] });
  await actOnAssignment(ctx, caizhengju, onTrack.id, 'contribute', { comment: '第一批建设资金600万元已拨付到位。' });

  const behind = await createAssignment(ctx, ducha, {
    ...common, title: '完成城关镇老旧小区改造', instruction: '年底前完成城关镇三个老旧小区改造，同步完善排水和消防设施。', leaderId: fushuji.id, level: 'key',
    assigneeUnitId: unitOf(chengguan), completionStandard: '三个小区通过竣工验收', deadline: { type: 'workdays', days: 30 }, feedbackCycle: 'weekly', feedbackDay: 5,
    tasks: [{ title: '小区改造', indicator: '完工小区', target: 3, unitLabel: '个', weight: 1 }],
  });
  await actOnAssignment(ctx, chengguan, behind.id, 'sign', {});
  await actOnAssignment(ctx, chengguan, behind.id, 'report_progress', { comment: '设计方案仍在征求居民意见，尚未开工。', figures: [] });

  await createAssignment(ctx, ducha, {
    ...common, title: '开展青山乡森林防火隐患排查', instruction: '逐村排查林区隐患，建立台账，月底前报送排查情况。', leaderId: shuji.id,
    assigneeUnitId: qingshan.id, deadline: { type: 'workdays', days: 25 }, feedbackCycle: 'once',
  });
  await createAssignment(ctx, shuji, {
    title: '研究提出县域营商环境提升措施', instruction: '请县发改局牵头，两周内提出可操作的措施清单。', assigneeUnitId: unitOf(fagaiju), urgency: 'urgent', classification: 'none',
    deadline: { type: 'workdays', days: 10 },
  });
}
