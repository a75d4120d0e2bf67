import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestEnv, DIALECT, login, request, seedSupervisionCounty } from './helpers.ts';

/**
 * "No request may produce a 500": every 办会 and 情况征集 endpoint, as the office and as a unit clerk, with real,
 * missing, malformed and hostile ids, and bodies of every wrong shape. Each answer must be a 2xx or a 4xx.
 */
test(`every 办会 and 情况征集 endpoint answers bad input without a 500 (${DIALECT})`, async () => {
  const env = await createTestEnv();
  const c = await seedSupervisionCounty(env);
  const office = await login(env, 'office1');
  const town = await login(env, 'town1');
  const mk = await request(env, 'POST', '/api/collections', { session: office, body: { title: 'x', fields: [{ key: 'a', label: 'A', type: 'number' }, { key: 't', label: 'T', type: 'table', columns: [{ key: 'c', label: 'C', type: 'number' }] }], unitIds: [c.township], deadline: '2099-01-01T00:00:00Z' } });
  assert.equal(mk.status, 200, JSON.stringify(mk.body));
  const cid = mk.body.id as string;
  const rooms = await request(env, 'GET', '/api/meetings/rooms', { session: office });
  const types = await request(env, 'GET', '/api/meetings/types', { session: office });
  const mm = await request(env, 'POST', '/api/meetings', { session: office, body: { typeId: types.body.items[0].id, title: 'm', location: 'x', startsAt: '2099-01-01T01:00:00Z', endsAt: '2099-01-01T02:00:00Z', attendees: [{ unitId: c.township, role: 'attend' }] } });
  assert.equal(mm.status, 200, JSON.stringify(mm.body));
  const mid = mm.body.id as string;
  const ids = [cid, mid, 'not-a-uuid', '00000000-0000-0000-0000-000000000000', "'; drop table x; --", 'a'.repeat(500)];
  const bodies: unknown[] = [undefined, {}, [], 'str', 42, null, { data: 'x' }, { data: { a: 'x', t: 'y' } }, { data: { a: 1e308, t: [{ c: 'x' }, null, 5] } }, { fields: 'x' }, { fields: [{ key: 'A B', type: 'zzz' }] }, { attendees: [{}] }, { attendees: [{ userId: 'x', unitId: 'y', role: 'attend' }] }, { startsAt: 'garbage', endsAt: 5 }, { decisions: [{ content: 5 }] }, { decisions: [{ content: 'x', deadline: '2026-02-30' }] }, { code: 123456 }, { reply: 'attending' }, { attendeeId: 'x', reply: 'leave' }, { unitIds: 'x' }, { reason: '' }, { paragraphs: [] }, { fileId: 'x', title: 'y' }, { decision: 'approved' }, { title: 'x'.repeat(100000) }];
  const templates = [
    ['GET', '/api/collections?state=zzz&page=-1&pageSize=100000&q=%00'], ['GET', '/api/collections/:id'], ['PUT', '/api/collections/:id'], ['POST', '/api/collections/:id/send'], ['POST', '/api/collections/:id/units'],
    ['POST', '/api/collections/:id/remind'], ['POST', '/api/collections/:id/close'], ['POST', '/api/collections/:id/reopen'], ['GET', '/api/collections/:id/units/:u'], ['PUT', '/api/collections/:id/units/:u'],
    ['POST', '/api/collections/:id/units/:u/submit'], ['POST', '/api/collections/:id/units/:u/return'], ['GET', '/api/collections/:id/units/:u/files/:id'], ['GET', '/api/collections/:id/summary?mode=zzz'], ['GET', '/api/collections/:id/summary.xlsx?mode=row'],
    ['POST', '/api/collections'], ['POST', '/api/meetings'], ['GET', '/api/meetings?from=zz&to=2026-13-01&state=x&page=0'], ['GET', '/api/meetings/calendar?from=2026-01-01&to=2027-01-01'], ['GET', '/api/meetings/calendar?from=x'],
    ['GET', '/api/meetings/:id'], ['PUT', '/api/meetings/:id'], ['PUT', '/api/meetings/:id/attendees'], ['POST', '/api/meetings/:id/notify'], ['POST', '/api/meetings/:id/reply'], ['POST', '/api/meetings/:id/remind'],
    ['POST', '/api/meetings/:id/sign-in/open'], ['POST', '/api/meetings/:id/sign-in/close'], ['POST', '/api/meetings/:id/sign-in'], ['POST', '/api/meetings/:id/attendees/:id/sign-in'], ['DELETE', '/api/meetings/:id/attendees/:id/sign-in'],
    ['POST', '/api/meetings/:id/held'], ['POST', '/api/meetings/:id/cancel'], ['GET', '/api/meetings/open-for-topics'], ['GET', '/api/meetings/topics/mine'], ['POST', '/api/meetings/:id/topics'], ['POST', '/api/meetings/:id/topics/:id/decide'],
    ['POST', '/api/meetings/:id/materials'], ['DELETE', '/api/meetings/:id/materials/:id'], ['GET', '/api/meetings/:id/materials/:id/download'], ['GET', '/api/meetings/:id/collections/:id/summary.xlsx'],
    ['PUT', '/api/meetings/:id/minutes'], ['GET', '/api/meetings/:id/minutes.docx'], ['GET', '/api/meetings/:id/minutes/print'], ['PUT', '/api/meetings/:id/decisions'], ['POST', '/api/meetings/:id/decisions/supervise'],
    ['POST', '/api/meetings/types'], ['PUT', '/api/meetings/types/:id'], ['POST', '/api/meetings/rooms'], ['PUT', '/api/meetings/rooms/:id'], ['GET', '/api/meetings/rooms/:id/bookings?from=x'],
  ] as const;
  const bad: string[] = [];
  for (const session of [office, town]) {
    for (const [method, t] of templates) {
      for (const id of ids) {
        const url = t.replaceAll(':id', encodeURIComponent(id)).replaceAll(':u', encodeURIComponent(id === cid ? c.township : id));
        for (const body of method === 'GET' || method === 'DELETE' ? [undefined] : bodies) {
          const r = await request(env, method, url, { session, body });
          if (r.status >= 500) bad.push(`${method} ${url} ${JSON.stringify(body)?.slice(0, 80)} → ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
        }
      }
    }
  }
  await env.close();
  assert.deepEqual(bad.slice(0, 30), []);
});
