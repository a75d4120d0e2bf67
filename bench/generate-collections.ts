/**
 * 情况征集 at county scale (issue 7: "a collection to 400 units with 50 rows each"), in a database of its own:
 * 400 units (县委, 县委办, 40 departments, 30 townships, 328 villages), the office user and a 县委 leader who read
 * the summary (real password hashes, through insertBusinessUser), and one collection sent to all 400 units whose
 * form has five top-level fields (two numbers, a single and a multiple choice, a text) and a table of five columns;
 * every unit has submitted 50 rows (a few after the deadline). Rows go straight into SQLite with prepared
 * statements in one transaction. The generator also adds up, independently of the server (in whole cents), the
 * figures the summary must show, so the bench can check the answers it times.
 */
import { randomUUID } from 'node:crypto';
import { users as usersRepo, type CollectionTable, type CollectionUnitTable, type DatabaseHandle, type UnitTable } from '@zhongshu/db';
import { validateFormDesign } from '@zhongshu/core/collections/index.ts';
import type { AppContext } from '../apps/server/src/context.ts';
import { insertBusinessUser } from '../apps/server/src/modules/org/org.service.ts';
import { inserter, mulberry32 } from './gen-util.ts';

export interface CollectionsGenOptions {
  seed: number;
  units: number;
  rowsPerUnit: number;
  /** Password of the measured users (really hashed, through insertBusinessUser). */
  password: string;
}

export interface CollectionsGenResult {
  ms: number;
  collectionId: string;
  office: string;
  leader: string;
  units: number;
  tableRows: number;
  late: number;
  rows: Record<string, number>;
  /** What the summary must answer: sums in cents (two decimals) or whole numbers, and filled-cell counts. */
  expect: { invest: number; projects: number; itemsAmount: number; itemsJobs: number; areasCount: number; contactCount: number };
  dataBytes: number;
}

const DEPARTMENTS = 40;
const TOWNSHIPS = 30;
const PROGRESS = ['顺利推进', '有所滞后', '严重滞后'];
const AREAS = ['工业', '农业', '服务业', '基础设施', '民生'];
const STAGES = ['前期', '在建', '竣工'];
const SUBJECTS = ['道路', '桥梁', '污水管网', '学校', '卫生院', '产业园', '安置房', '供水', '电网', '物流园'];

export const BENCH_FIELDS = [
  { key: 'invest', label: '本月完成投资', type: 'number', unit: '万元', decimals: 2, min: 0, required: true },
  { key: 'projects', label: '在建项目数', type: 'number', decimals: 0, min: 0 },
  { key: 'progress', label: '总体进度', type: 'single', options: PROGRESS, required: true },
  { key: 'areas', label: '涉及领域', type: 'multiple', options: AREAS },
  { key: 'contact', label: '填报联系人', type: 'text', maxLength: 50 },
  {
    key: 'items', label: '项目清单', type: 'table', maxRows: 200,
    columns: [
      { key: 'name', label: '项目名称', type: 'text', required: true, maxLength: 100 },
      { key: 'amount', label: '本月投资', type: 'number', unit: '万元', decimals: 2, min: 0 },
      { key: 'start', label: '开工日期', type: 'date' },
      { key: 'stage', label: '所处阶段', type: 'single', options: STAGES },
      { key: 'jobs', label: '带动就业', type: 'number', unit: '人', decimals: 0, min: 0 },
    ],
  },
];

export async function generateCollections(ctx: AppContext, handle: DatabaseHandle, opts: CollectionsGenOptions): Promise<CollectionsGenResult> {
  const sqlite = handle.sqlite;
  if (!sqlite) throw new Error('the data generator writes SQLite directly');
  if ((sqlite.prepare('select count(*) as n from collections').get() as { n: number }).n) throw new Error('collections is not empty: the collections bench builds its own database');
  const t0 = performance.now();
  const rnd = mulberry32((opts.seed ^ 0x0c011ec7) >>> 0);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const NOW = ctx.now().getTime();
  const iso = (ms: number) => new Date(ms).toISOString();
  const rows: Record<string, number> = {};

  // ---- units ----------------------------------------------------------------------------
  const unitIds: string[] = [];
  const insUnit = inserter<UnitTable>(sqlite, 'units', rows);
  const created = iso(NOW - 365 * 86_400_000);
  let committee = '';
  let office = '';
  sqlite.transaction(() => {
    const add = (name: string, kind: string, parent: string | null, order: number) => {
      const id = randomUUID();
      insUnit({ id, name, short_name: null, kind, parent_id: parent, sort_order: order, issuer_code: null, created_at: created });
      unitIds.push(id);
      return id;
    };
    committee = add('中共××县委员会', 'committee', null, 0);
    office = add('县委办公室', 'office', committee, 1);
    const towns: string[] = [];
    for (let i = 0; i < DEPARTMENTS; i++) add(`县直部门${String(i + 1).padStart(2, '0')}`, 'department', committee, 10 + i);
    for (let i = 0; i < TOWNSHIPS; i++) towns.push(add(`第${i + 1}镇`, 'township', committee, 100 + i));
    for (let i = 0; unitIds.length < opts.units; i++) add(`第${(i % TOWNSHIPS) + 1}镇${Math.floor(i / TOWNSHIPS) + 1}村`, 'village', towns[i % TOWNSHIPS]!, 1000 + i);
  })();

  // ---- the measured users ---------------------------------------------------------------
  const officeId = randomUUID();
  const leaderId = randomUUID();
  await insertBusinessUser(ctx.db, ctx, { id: officeId, username: 'bench_cl_office', displayName: '县委办文书', unitId: office, post: '文书', password: opts.password, isDemo: false, mustChange: false, clearance: 'secret' });
  await usersRepo.setRoles(ctx.db, officeId, ['office']);
  await insertBusinessUser(ctx.db, ctx, { id: leaderId, username: 'bench_cl_leader', displayName: '县委书记', unitId: committee, post: '县委书记', isLeader: true, leaderRank: '书记', password: opts.password, isDemo: false, mustChange: false, clearance: 'confidential' });
  await usersRepo.setRoles(ctx.db, leaderId, ['leader']);
  rows.users = 2;

  // ---- the collection and its submissions -------------------------------------------------
  const { fields, errors } = validateFormDesign(BENCH_FIELDS);
  if (errors.length) throw new Error(`bench form: ${JSON.stringify(errors)}`);
  const collectionId = randomUUID();
  const sentAt = NOW - 2 * 86_400_000;
  const deadline = NOW - 3_600_000;
  const insCollection = inserter<CollectionTable>(sqlite, 'collections', rows);
  const insUnitRow = inserter<CollectionUnitTable>(sqlite, 'collection_units', rows);
  const expect = { invest: 0, projects: 0, itemsAmount: 0, itemsJobs: 0, areasCount: 0, contactCount: 0 };
  let late = 0;
  let dataBytes = 0;
  let tableRows = 0;
  sqlite.transaction(() => {
    insCollection({
      id: collectionId, title: '全县重点项目建设推进情况统计', description: '请各单位报送本月重点项目推进情况。', form: JSON.stringify(fields), state: 'open',
      deadline: iso(deadline), meeting_id: null, organiser_unit_id: office, created_by: officeId, created_at: iso(sentAt - 600_000), updated_at: iso(sentAt), sent_at: iso(sentAt), closed_at: null,
    });
    unitIds.forEach((unitId, seq) => {
      const items = [];
      for (let r = 0; r < opts.rowsPerUnit; r++) {
        const cents = int(0, 5_000_00);
        const jobs = int(0, 300);
        expect.itemsAmount += cents;
        expect.itemsJobs += jobs;
        items.push({
          name: `${pick(SUBJECTS)}项目${seq + 1}-${r + 1}`,
          amount: cents / 100,
          start: `2026-${String(int(1, 10)).padStart(2, '0')}-${String(int(1, 28)).padStart(2, '0')}`,
          stage: pick(STAGES),
          jobs,
        });
      }
      tableRows += items.length;
      const investCents = int(0, 50_000_00);
      const projects = int(0, 60);
      const areas = AREAS.filter(() => rnd() < 0.4);
      const contact = rnd() < 0.9 ? `联系人${seq + 1}` : null;
      expect.invest += investCents;
      expect.projects += projects;
      if (areas.length) expect.areasCount++;
      if (contact) expect.contactCount++;
      const data = JSON.stringify({ invest: investCents / 100, projects, progress: pick(PROGRESS), areas: areas.length ? areas : null, contact, items });
      dataBytes += data.length;
      // A few report after the deadline.
      const isLate = rnd() < 0.05;
      if (isLate) late++;
      const submitted = iso(isLate ? deadline + int(60_000, 3_000_000) : sentAt + int(60_000, deadline - sentAt - 60_000));
      insUnitRow({
        id: randomUUID(), collection_id: collectionId, unit_id: unitId, seq, state: 'submitted', data, saved_at: submitted, saved_by: officeId, submitted_at: submitted,
        submitted_by: officeId, returned_at: null, returned_reason: null, return_count: 0, reminded_count: 0, last_reminded_at: null,
      });
    });
  })();
  return { ms: performance.now() - t0, collectionId, office: 'bench_cl_office', leader: 'bench_cl_leader', units: unitIds.length, tableRows, late, rows, expect, dataBytes };
}
