import { units, users } from '@zhongshu/db';
import { toShanghaiDate } from '@zhongshu/core/calendar/index.ts';
import type { AppContext } from '../context.ts';
import { seedActor } from './seed-actor.ts';
import { addRoom, createMeeting, notifyMeeting } from '../modules/meetings/meetings.service.ts';

const DAY_MS = 86_400_000;

/**
 * The county's three meeting rooms and one upcoming 工作推进会, notified, so the demo's 办会 screens, the
 * calendar and the units' 回执 to-dos are not empty. Through the real services, as the office would.
 */
export async function seedDemoMeetings(ctx: AppContext): Promise<void> {
  const office = await seedActor(ctx, 'wenshu');
  const rooms = [];
  for (const r of [
    { name: '常委会议室', location: '县委大院主楼三楼', capacity: 30 },
    { name: '第一会议室', location: '县委大院主楼二楼', capacity: 80 },
    { name: '第二会议室', location: '县委大院附楼一楼', capacity: 40 },
  ]) {
    rooms.push(await addRoom(ctx, office, r));
  }
  const all = await units.listUnits(ctx.db);
  const unit = (name: string) => all.find((u) => u.name === name)!.id;
  const user = async (username: string) => (await users.findUserByUsername(ctx.db, username))!.id;
  // Two days ahead at 09:00 in Shanghai, replies due the evening before: whenever the demo is seeded, the notice can go out.
  const day = toShanghaiDate(new Date(ctx.now().getTime() + 2 * DAY_MS));
  const eve = toShanghaiDate(new Date(ctx.now().getTime() + DAY_MS));
  const meeting = await createMeeting(ctx, office, {
    typeId: 'mt-3',
    title: '全县重点项目建设工作推进会',
    roomId: rooms[1]!.id,
    startsAt: `${day}T09:00:00+08:00`,
    endsAt: `${day}T11:00:00+08:00`,
    hostId: await user('shuji'),
    notice: '会议听取各乡镇和县直有关单位重点项目建设进展情况汇报，研究部署下一阶段工作。请各单位主要负责同志参会，并准备书面汇报材料（1500字以内）。',
    replyDeadline: `${eve}T17:00:00+08:00`,
    acceptsTopics: true,
    topicDeadline: `${eve}T12:00:00+08:00`,
    attendees: [
      { userId: await user('fushuji'), role: 'attend' },
      { userId: await user('changwei'), role: 'attend' },
      { unitId: unit('示例县发展和改革局'), role: 'observe' },
      { unitId: unit('示例县财政局'), role: 'observe' },
      { unitId: unit('中共示例县城关镇委员会'), role: 'observe' },
      { unitId: unit('中共示例县河西镇委员会'), role: 'observe' },
    ],
  });
  await notifyMeeting(ctx, office, meeting.id);
}
