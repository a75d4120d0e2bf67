import { randomUUID } from 'node:crypto';
import { units, users } from '@zhongshu/db';
import type { AppContext } from '../context.ts';
import { recordAudit } from '../lib/audit.ts';
import { insertBusinessUser, newOneTimePassword } from '../modules/org/org.service.ts';
import { seedDemoDocuments } from './demo-documents.ts';
import { seedDemoSupervision } from './demo-supervision.ts';
import { seedDemoPetitions } from './demo-petitions.ts';
import { seedDemoMeetings } from './demo-meetings.ts';
import { seedDemoCollections } from './demo-collections.ts';

/** The demo county: one committee, its office, seven departments, four townships. */
export const DEMO_UNITS = [
  { key: 'committee', issuerCode: '示委', name: '中共示例县委员会', shortName: '县委', kind: 'committee', parent: null },
  { key: 'office', issuerCode: '示委办', name: '中共示例县委办公室', shortName: '县委办', kind: 'office', parent: 'committee' },
  { key: 'org', issuerCode: '示组', name: '中共示例县委组织部', shortName: '县委组织部', kind: 'department', parent: 'committee' },
  { key: 'propaganda', issuerCode: '示宣', name: '中共示例县委宣传部', shortName: '县委宣传部', kind: 'department', parent: 'committee' },
  { key: 'politics', issuerCode: '示政法', name: '中共示例县委政法委员会', shortName: '县委政法委', kind: 'department', parent: 'committee' },
  { key: 'drc', issuerCode: '示发改', name: '示例县发展和改革局', shortName: '县发改局', kind: 'department', parent: 'committee' },
  { key: 'finance', issuerCode: '示财', name: '示例县财政局', shortName: '县财政局', kind: 'department', parent: 'committee' },
  { key: 'petition', issuerCode: '示信', name: '示例县信访局', shortName: '县信访局', kind: 'department', parent: 'committee' },
  { key: 'discipline', issuerCode: '示纪', name: '中共示例县纪律检查委员会', shortName: '县纪委', kind: 'department', parent: 'committee' },
  { key: 'chengguan', issuerCode: '城委', name: '中共示例县城关镇委员会', shortName: '城关镇', kind: 'township', parent: 'committee' },
  { key: 'hexi', issuerCode: '河委', name: '中共示例县河西镇委员会', shortName: '河西镇', kind: 'township', parent: 'committee' },
  { key: 'qingshan', issuerCode: '青委', name: '中共示例县青山乡委员会', shortName: '青山乡', kind: 'township', parent: 'committee' },
  { key: 'liulin', issuerCode: '柳委', name: '中共示例县柳林乡委员会', shortName: '柳林乡', kind: 'township', parent: 'committee' },
] as const;

type DemoUser = { username: string; displayName: string; unit: (typeof DEMO_UNITS)[number]['key']; post: string; roles: string[]; leaderRank?: string; principal?: boolean; clearance: string };

export const DEMO_USERS: DemoUser[] = [
  { username: 'shuji', displayName: '王建国', unit: 'committee', post: '县委书记', roles: ['leader'], leaderRank: '书记', principal: true, clearance: 'confidential' },
  { username: 'fushuji', displayName: '李明', unit: 'committee', post: '县委副书记', roles: ['leader'], leaderRank: '副书记', clearance: 'confidential' },
  { username: 'changwei', displayName: '赵红', unit: 'office', post: '县委常委、县委办主任', roles: ['leader', 'office'], leaderRank: '常委', principal: true, clearance: 'confidential' },
  { username: 'wenshu', displayName: '陈静', unit: 'office', post: '文书', roles: ['office'], clearance: 'secret' },
  { username: 'ducha', displayName: '刘洋', unit: 'office', post: '督查专员', roles: ['office'], clearance: 'secret' },
  { username: 'zuzhibu', displayName: '周涛', unit: 'org', post: '办公室文书', roles: ['unit'], clearance: 'secret' },
  { username: 'xuanchuanbu', displayName: '吴芳', unit: 'propaganda', post: '办公室文书', roles: ['unit'], clearance: 'none' },
  { username: 'zhengfawei', displayName: '郑强', unit: 'politics', post: '办公室文书', roles: ['unit'], clearance: 'secret' },
  { username: 'fagaiju', displayName: '冯磊', unit: 'drc', post: '办公室文书', roles: ['unit'], clearance: 'none' },
  { username: 'caizhengju', displayName: '何静', unit: 'finance', post: '办公室文书', roles: ['unit'], clearance: 'none' },
  { username: 'xinfangju', displayName: '许婷', unit: 'petition', post: '信访干事', roles: ['petition', 'unit'], clearance: 'none' },
  { username: 'jiwei', displayName: '韩冰', unit: 'discipline', post: '信访室干部', roles: ['unit'], clearance: 'secret' },
  { username: 'chengguan', displayName: '孙丽', unit: 'chengguan', post: '党政办文书', roles: ['unit'], clearance: 'none' },
  { username: 'cgzhuren', displayName: '钱伟', unit: 'chengguan', post: '党政办主任', roles: ['unit'], clearance: 'secret' },
  { username: 'cgshuji', displayName: '林海', unit: 'chengguan', post: '镇党委书记', roles: ['leader'], leaderRank: '书记', principal: true, clearance: 'secret' },
  { username: 'hexi', displayName: '马超', unit: 'hexi', post: '党政办文书', roles: ['unit'], clearance: 'none' },
  { username: 'qingshan', displayName: '朱琳', unit: 'qingshan', post: '党政办文书', roles: ['unit'], clearance: 'none' },
  { username: 'liulin', displayName: '胡军', unit: 'liulin', post: '党政办文书', roles: ['unit'], clearance: 'none' },
];

/**
 * Seeds the demo organisation once. All demo accounts share one random password, returned so that
 * `start` can print it and write it to the data directory; the accounts are flagged as demo accounts.
 */
export async function seedDemo(ctx: AppContext, opts: { password?: string } = {}): Promise<{ created: boolean; password: string | null }> {
  if (await users.findUserByUsername(ctx.db, DEMO_USERS[0].username)) return { created: false, password: null };
  const password = opts.password ?? newOneTimePassword();
  const ids = new Map<string, string>();
  const at = ctx.now().toISOString();
  await ctx.db.transaction().execute(async (tx) => {
    for (const [i, u] of DEMO_UNITS.entries()) {
      const id = randomUUID();
      ids.set(u.key, id);
      await units.insertUnit(tx, { id, name: u.name, short_name: u.shortName, kind: u.kind, parent_id: u.parent ? ids.get(u.parent)! : null, sort_order: i * 10, issuer_code: u.issuerCode, created_at: at });
    }
    for (const u of DEMO_USERS) {
      const id = randomUUID();
      await insertBusinessUser(tx, ctx, {
        id,
        username: u.username,
        displayName: u.displayName,
        unitId: ids.get(u.unit)!,
        post: u.post,
        isLeader: u.roles.includes('leader'),
        leaderRank: u.leaderRank ?? null,
        isPrincipal: u.principal === true,
        password,
        isDemo: true,
        mustChange: false,
        clearance: u.clearance,
      });
      await users.setRoles(tx, id, u.roles);
    }
    await recordAudit(tx, ctx, { id: null, displayName: '命令行', ip: null }, { action: 'org.seed_demo', detail: { units: DEMO_UNITS.length, users: DEMO_USERS.length } });
  });
  await seedDemoDocuments(ctx);
  await seedDemoSupervision(ctx);
  await seedDemoPetitions(ctx);
  await seedDemoMeetings(ctx);
  await seedDemoCollections(ctx);
  return { created: true, password };
}
