import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Scheduler } from '../src/jobs/scheduler.ts';
import { createTestEnv, DIALECT, login, request, seedCounty, type TestEnv } from './helpers.ts';

describe(`reminders (${DIALECT})`, () => {
  let env: TestEnv;
  let id: string;
  before(async () => {
    env = await createTestEnv({ now: '2026-11-02T02:00:00Z' });
    await seedCounty(env);
    const leader = await login(env, 'leader1');
    const r = await request(env, 'POST', '/api/assignments', {
      session: leader,
      body: { title: '催办测试', instruction: '请办理', assigneeUnitId: (await env.ctx.db.selectFrom('units').select('id').where('name', '=', '城关镇').executeTakeFirstOrThrow()).id, deadline: { type: 'workdays', days: 5 } },
    });
    id = r.body.id;
  });
  after(() => env.close());

  it('schedules a due-soon and an overdue reminder for the deadline', async () => {
    const jobs = await env.ctx.db.selectFrom('scheduled_jobs').selectAll().orderBy('run_at').execute();
    assert.deepEqual(jobs.map((j) => [j.kind, j.run_at]), [
      ['assignment.remind_due_soon', '2026-11-04T01:00:00.000Z'], // Wed 09:00, 3 working days before Mon 11-09
      ['assignment.remind_receipt', '2026-11-04T15:59:59.999Z'], // end of Wed: 签收 within 2 working days of Mon's 交办
      ['assignment.remind_overdue', '2026-11-09T15:59:59.999Z'],
    ]);
  });

  it('sends each reminder once when two schedulers run at the same time', async () => {
    env.clock.now = new Date('2026-11-04T02:00:00Z');
    const a = new Scheduler(env.ctx);
    const b = new Scheduler(env.ctx);
    const [ra, rb] = await Promise.all([a.tick(), b.tick()]);
    assert.equal(ra + rb, 1);
    const [ra2, rb2] = await Promise.all([a.tick(), b.tick()]);
    assert.equal(ra2 + rb2, 0);
    const reminders = await env.ctx.db.selectFrom('inbox_items').select(['task']).where('entity_id', '=', id).where('task', 'like', '催办%').execute();
    assert.deepEqual(reminders.map((r) => r.task), ['催办：即将到期']);
    const job = await env.ctx.db.selectFrom('scheduled_jobs').selectAll().where('kind', '=', 'assignment.remind_due_soon').executeTakeFirstOrThrow();
    assert.equal(job.status, 'done');
    assert.equal(job.attempts, 1);
  });

  it('does not remind about a concluded assignment', async () => {
    const town = await login(env, 'town1');
    const leader = await login(env, 'leader1');
    await request(env, 'POST', `/api/assignments/${id}/actions/sign`, { session: town, body: {} });
    await request(env, 'POST', `/api/assignments/${id}/actions/report_completion`, { session: town, body: { comment: '完成' } });
    const office = await login(env, 'office1');
    assert.equal((await request(env, 'POST', `/api/assignments/${id}/actions/accept`, { session: office, body: {} })).status, 200);
    assert.equal((await request(env, 'POST', `/api/assignments/${id}/actions/confirm`, { session: leader, body: { rating: 'good' } })).status, 200);
    env.clock.now = new Date('2026-11-10T02:00:00Z');
    assert.equal(await new Scheduler(env.ctx).tick(), 0);
    const overdue = await env.ctx.db.selectFrom('scheduled_jobs').select('status').where('kind', '=', 'assignment.remind_overdue').executeTakeFirstOrThrow();
    assert.equal(overdue.status, 'cancelled');
  });

  it('purges sessions idle longer than the timeout, and keeps active ones', async () => {
    env.clock.now = new Date('2026-11-20T02:00:00Z');
    await login(env, 'town1');
    env.clock.now = new Date('2026-11-20T02:20:00Z');
    await login(env, 'leader1');
    env.clock.now = new Date('2026-11-20T02:40:00Z'); // the first is 40 minutes idle, the second 20
    const before = await env.ctx.db.selectFrom('sessions').select('id').execute();
    const purged = await new Scheduler(env.ctx).purgeIdleSessions();
    const after = await env.ctx.db.selectFrom('sessions').select('id').execute();
    assert.equal(after.length, 1);
    assert.equal(purged, before.length - 1);
  });
});
