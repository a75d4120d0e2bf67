import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { actInDialog, animationsSettled, dialogSettled, pickOption, startE2E, type E2E, loginAs as signIn, shot, apiAs, pickDateTime, shanghaiMinute } from './harness.ts';

/**
 * 办会 before the day, beside the four-hour day of meeting-day.test.ts: the office's rooms and meeting types,
 * a double booking refused and a touching one accepted, a leader booked twice (warned on the page and red
 * on the calendar), 议题 proposed by a unit and approved or deferred, classified materials reaching only the
 * cleared and withdrawn after the meeting, a 回执 refused after its deadline and recorded by the office, and
 * the pages at phone width. Every step goes through the pages; the API only reads back what they did.
 */
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY_MS = 24 * HOUR;

const ROOM = '第四会议室';
const TYPE = '县委财经委员会会议';
const MEETING_A = '县委常委会第31次会议';
const MEETING_B = '书记专题会（城市更新）';
const MEETING_T = '县委财经委员会第2次会议';
const LEADER = '王建国';
const UNIT_ORG = '中共示例县委组织部';
const UNIT_DRC = '示例县发展和改革局';
const UNIT_FINANCE = '示例县财政局';
const TOPIC_OK = { title: '关于物流园区一期用地报批的议题', summary: '物流园区一期需调整用地规划，请会议研究报批方案和时间节点。', presenter: '县发改局局长 张伟' };
const TOPIC_LATER = { title: '关于县城停车场建设运营模式的议题', summary: '拟采用特许经营方式建设运营县城停车场，请会议研究。', presenter: '县发改局副局长 李强' };
const DEFER_REASON = '运营模式尚未征求县财政局意见，待论证后提交下次会议。';
const SECRET_FILE = { name: '干部调整建议方案.txt', title: '干部调整建议方案', body: '秘密材料：干部调整建议方案（会后收回）\n' };
const PLAIN_FILE = { name: '会议议程.txt', title: '会议议程', body: '会议议程：一、听取议题汇报；二、研究议定事项。\n' };

/** "11月25日09:00", as the server's messages name an instant. */
function shanghaiWords(ms: number): string {
  const d = new Date(ms + 8 * HOUR);
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
}
const start = Date.now();
// Three days ahead: clear of the demo's own meeting (two days ahead, hosted by 王建国 09:00–11:00).
const day = new Date(start + 3 * DAY_MS + 8 * HOUR).toISOString().slice(0, 10);
const at = (hhmm: string, d = day) => Date.parse(`${d}T${hhmm}:00+08:00`);
const eve = new Date(at('12:00') - DAY_MS + 8 * HOUR).toISOString().slice(0, 10);
const A = { start: at('09:00'), end: at('11:00'), reply: at('17:00', eve), topics: at('12:00', eve) };
const B = { start: at('09:30'), end: at('10:30'), reply: Math.ceil((start + HOUR) / (30 * MINUTE)) * 30 * MINUTE };
const T = { start: at('11:00'), end: at('13:00') };

describe('办会 preparation: rooms, bookings, leader conflicts, 议题, classified materials, late 回执 (Chromium)', () => {
  let e2e: E2E;
  let dir = '';
  const ids = { a: '', b: '', t: '' };

  before(async () => {
    e2e = await startE2E();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-e2e-prep-'));
    for (const f of [SECRET_FILE, PLAIN_FILE]) fs.writeFileSync(path.join(dir, f.name), f.body);
  });
  after(async () => {
    await e2e?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const loginAs = (username: string, viewport = { width: 1440, height: 900 }) => signIn(e2e, username, viewport);


  /** Fetches a download link as the page's user: the status, and the body (text or the error's code and message). */
  async function fetchLink(page: Page, href: string) {
    const res = await page.request.get(new URL(href, e2e.baseUrl).toString());
    const text = await res.text();
    return { status: res.status(), text, error: res.status() >= 400 ? (JSON.parse(text) as { error: { code: string; message: string } }).error : null };
  }


  /**
   * Picks an option of a single Select inside a dialog. Unlike pickOption it presses no Escape, which would
   * close the dialog itself once the list has closed on the pick.
   */
  async function pickInDialog(page: Page, select: Locator, option: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      await select.click();
      await page.locator('.ant-select-dropdown:visible').locator('.ant-select-item-option', { hasText: option }).first().click();
      await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
      const shown = (await select.textContent()) ?? '';
      if (shown.includes(option)) return;
      if (attempt === 3) assert.fail(`the field did not take "${option}"; it shows "${shown}"`);
    }
  }

  /** The error shown under the form item (within `scope`) that holds the control with this test id. */
  const fieldError = (scope: Page | Locator, testId: string) => {
    const page = 'page' in scope ? scope.page() : scope;
    // An inner locator of `has` is resolved from the form item, so it is written from the page's root.
    return scope.locator('.ant-form-item', { has: page.getByTestId(testId) }).locator('.ant-form-item-explain-error');
  };

  /** What to type to find an option: a few characters are enough, and each typed one costs a render on a loaded machine. */
  const SEARCH: Record<string, string> = { [ROOM]: '第四', [TYPE]: '财经', [UNIT_ORG]: '组织部', [UNIT_DRC]: '发展和改革', [UNIT_FINANCE]: '财政局', 第二会议室: '第二' };
  const pick = (page: Page, testId: string, option: string) => pickOption(page, page.getByTestId(testId), option, SEARCH[option] ?? option);

  /** Fills the common fields of 新建会议 (the page must be open). */
  async function fillMeeting(page: Page, m: { type: string; title: string; room: string; start: number; end: number; reply?: number; leaders: string[]; units: string[] }) {
    await pick(page, 'meeting-type', m.type);
    await page.getByLabel('会议名称', { exact: true }).fill(m.title);
    await pick(page, 'meeting-room', m.room);
    await pickDateTime(page, '开始时间', shanghaiMinute(m.start));
    await pickDateTime(page, '结束时间', shanghaiMinute(m.end));
    if (m.reply) await pickDateTime(page, '回执截止时间', shanghaiMinute(m.reply));
    for (const l of m.leaders) await pick(page, 'meeting-leaders', l);
    for (const u of m.units) await pick(page, 'meeting-units', u);
  }

  /** Saves 新建会议 and returns the new meeting's id once the page has moved to it. */
  async function saveMeeting(page: Page, name: string): Promise<string> {
    await page.getByTestId('meeting-create-submit').click();
    await page.waitForURL(/\/meetings\/[0-9a-f-]{36}$/).catch(async (e: unknown) => {
      await shot(page, `prep-failed-${name}`);
      const errors = await page.locator('.ant-form-item-explain-error, .ant-message-error, [data-testid="meeting-form-error"]').allTextContents();
      throw new Error(`${name} was not created: ${errors.join('；')}`, { cause: e });
    });
    await page.getByTestId('meeting-heading').waitFor();
    return new URL(page.url()).pathname.split('/').pop()!;
  }

  const rowNamed = (page: Page, testId: string, attr: string, value: string) => page.locator(`[data-testid="${testId}"][${attr}="${value}"]`);

  it('the office adds a room and a meeting type in 会议室与会议类型; a second room of the same name is refused', async () => {
    const page = await loginAs('wenshu');
    await page.goto(`${e2e.baseUrl}/meetings/settings`);
    await rowNamed(page, 'room-row', 'data-name', '第一会议室').waitFor();

    await actInDialog(page, {
      open: page.getByTestId('room-add'),
      confirm: 'action-submit',
      name: 'prep-room-add',
      fill: async (d) => {
        await d.getByTestId('room-name').fill(ROOM);
        await d.getByTestId('room-location').fill('县委大院附楼三楼');
        await d.getByTestId('room-capacity').fill('24');
      },
    });
    const room = rowNamed(page, 'room-row', 'data-name', ROOM);
    await room.filter({ hasText: '24人' }).waitFor();
    assert.match((await room.textContent()) ?? '', /县委大院附楼三楼/);

    // The same name again: the server refuses, and the message stands under the name field; nothing is added.
    await page.getByTestId('room-add').click();
    await dialogSettled(page);
    const dialog = page.getByRole('dialog').last();
    await dialog.getByTestId('room-name').fill(ROOM);
    await dialog.getByTestId('action-submit').click();
    const error = fieldError(dialog, 'room-name');
    await error.filter({ hasText: '已存在' }).waitFor();
    assert.equal((await error.textContent())?.trim(), `名称：会议室“${ROOM}”已存在`);
    await shot(page, 'prep-01-room-duplicate');
    await dialog.getByRole('button', { name: /取\s*消/ }).click();
    await dialog.waitFor({ state: 'hidden' });

    await actInDialog(page, { open: page.getByTestId('type-add'), confirm: 'action-submit', name: 'prep-type-add', fill: (d) => d.getByTestId('type-name').fill(TYPE) });
    await rowNamed(page, 'type-row', 'data-name', TYPE).waitFor();

    const rooms = (await apiAs(e2e, page, 'GET', '/api/meetings/rooms')).body.items as { name: string; location: string; capacity: number; disabled: boolean }[];
    assert.deepEqual(rooms.filter((r) => r.name === ROOM).map((r) => [r.location, r.capacity, r.disabled]), [['县委大院附楼三楼', 24, false]]);
    assert.equal(await page.getByTestId('room-row').count(), 4);
    const types = (await apiAs(e2e, page, 'GET', '/api/meetings/types')).body.items as { name: string; builtin: boolean; disabled: boolean }[];
    assert.deepEqual(types.filter((t) => t.name === TYPE).map((t) => [t.builtin, t.disabled]), [[false, false]]);
    await page.context().close();
  });

  it('a 常委会 books the new room; an overlapping booking of it is refused on the room field, a touching one is accepted; the same leader twice is warned and red on the calendar', async () => {
    const page = await loginAs('wenshu');

    // A: the 常委会 in the new room, taking 议题 until the eve, with 王建国 and two units invited.
    await page.goto(`${e2e.baseUrl}/meetings/new`);
    await fillMeeting(page, { type: '常委会', title: MEETING_A, room: ROOM, start: A.start, end: A.end, reply: A.reply, leaders: [LEADER], units: [UNIT_ORG, UNIT_DRC] });
    await page.getByTestId('meeting-accepts-topics').click();
    await pickDateTime(page, '议题截止时间', shanghaiMinute(A.topics));
    await page.getByLabel('会议通知', { exact: true }).fill('定于近日召开县委常委会会议，请各单位于截止时间前申报议题并报送回执。');
    ids.a = await saveMeeting(page, 'meeting A');
    await actInDialog(page, { open: page.getByTestId('meeting-action-notify'), confirm: 'action-submit', name: 'prep-notify-a' });
    await page.getByTestId('meeting-state').filter({ hasText: '已通知' }).waitFor();
    const a = (await apiAs(e2e, page, 'GET', `/api/meetings/${ids.a}`)).body;
    assert.equal(a.typeName, '常委会');
    assert.equal(a.roomName, ROOM);
    assert.equal(Date.parse(a.startsAt), A.start);
    assert.equal(Date.parse(a.endsAt), A.end);
    assert.equal(a.acceptsTopics, true);
    assert.equal(Date.parse(a.topicDeadline), A.topics);
    assert.deepEqual(a.attendees.map((x: { name: string; kind: string }) => [x.name, x.kind]), [[LEADER, 'person'], [UNIT_ORG, 'unit'], [UNIT_DRC, 'unit']]);
    assert.deepEqual(a.conflicts, []);

    // B in the same room overlapping A: refused, with the ROOM_BOOKED message on the room field.
    await page.goto(`${e2e.baseUrl}/meetings/new`);
    await fillMeeting(page, { type: '书记专题会', title: MEETING_B, room: ROOM, start: B.start, end: B.end, reply: B.reply, leaders: [LEADER], units: [UNIT_FINANCE] });
    await page.getByTestId('room-booking').filter({ hasText: MEETING_A }).filter({ hasText: '时间冲突' }).waitFor();
    await page.getByTestId('meeting-create-submit').click();
    const roomError = fieldError(page, 'meeting-room');
    await roomError.filter({ hasText: '已有会议' }).waitFor();
    assert.equal((await roomError.textContent())?.trim(), `会议室：${ROOM}在${shanghaiWords(A.start)}至${shanghaiWords(A.end)}已有会议，请换一个会议室或时段`);
    assert.match(new URL(page.url()).pathname, /^\/meetings\/new$/);
    await shot(page, 'prep-02-room-booked');

    // … in another room at the same time: saved, with 王建国's double booking warned and A named.
    await pick(page, 'meeting-room', '第二会议室');
    ids.b = await saveMeeting(page, 'meeting B');
    const conflict = page.getByTestId('meeting-conflicts').getByTestId('meeting-conflict');
    await conflict.first().waitFor();
    assert.equal(await conflict.count(), 1);
    const conflictText = (await conflict.textContent()) ?? '';
    assert.ok(conflictText.startsWith(`${LEADER}：${MEETING_A}（`) && conflictText.endsWith('09:00–11:00）'), `the warning names ${LEADER} and ${MEETING_A}: "${conflictText}"`);
    assert.match((await page.getByTestId('meeting-conflicts').textContent()) ?? '', /1位领导在同一时间另有会议/);
    await shot(page, 'prep-03-leader-conflict');
    const b = (await apiAs(e2e, page, 'GET', `/api/meetings/${ids.b}`)).body;
    assert.equal(b.roomName, '第二会议室');
    assert.deepEqual(
      b.conflicts.map((c: { name: string; meetingId: string; title: string; startsAt: string; endsAt: string }) => [c.name, c.meetingId, c.title, Date.parse(c.startsAt), Date.parse(c.endsAt)]),
      [[LEADER, ids.a, MEETING_A, A.start, A.end]],
    );
    await actInDialog(page, { open: page.getByTestId('meeting-action-notify'), confirm: 'action-submit', name: 'prep-notify-b' });
    await page.getByTestId('meeting-state').filter({ hasText: '已通知' }).waitFor();

    // T, of the office's own type, in the new room from the minute A ends (王建国 too): touching is no overlap.
    await page.goto(`${e2e.baseUrl}/meetings/new`);
    await fillMeeting(page, { type: TYPE, title: MEETING_T, room: ROOM, start: T.start, end: T.end, leaders: [LEADER], units: [] });
    await page.getByTestId('room-booking').filter({ hasText: MEETING_A }).waitFor();
    assert.equal(await page.getByTestId('room-booking').filter({ hasText: '时间冲突' }).count(), 0);
    ids.t = await saveMeeting(page, 'meeting T');
    assert.equal(await page.getByTestId('meeting-conflicts').count(), 0);
    const t = (await apiAs(e2e, page, 'GET', `/api/meetings/${ids.t}`)).body;
    assert.deepEqual([t.typeName, t.roomName, Date.parse(t.startsAt), Date.parse(t.endsAt), t.conflicts], [TYPE, ROOM, T.start, T.end, []]);

    // The calendar's week: all three meetings; A and B red for 王建国, T not.
    await page.goto(`${e2e.baseUrl}/meetings/calendar?week=${day}`);
    const grid = page.getByTestId('calendar-grid');
    for (const id of [ids.a, ids.b, ids.t]) await grid.locator(`[data-testid="calendar-meeting"][data-id="${id}"]`).waitFor();
    const calendarConflict = page.getByTestId('calendar-conflicts').getByTestId('calendar-conflict');
    await calendarConflict.first().waitFor();
    assert.equal(await calendarConflict.count(), 1);
    const line = (await calendarConflict.textContent()) ?? '';
    assert.ok(line.startsWith(`${LEADER}：`) && line.includes(MEETING_A) && line.includes(MEETING_B) && !line.includes(MEETING_T), `the calendar's conflict: "${line}"`);
    for (const [id, clash] of [[ids.a, true], [ids.b, true], [ids.t, false]] as const) {
      const chips = page.locator(`[data-testid="calendar-meeting"][data-id="${id}"]`);
      // In the week's grid and in 王建国's row of the leaders' table.
      assert.equal(await chips.count(), 2);
      for (const chip of await chips.all()) {
        assert.equal(await chip.getAttribute('data-conflict'), clash ? 'true' : null, `meeting ${id} ${clash ? 'is' : 'is not'} marked as a conflict`);
        assert.equal(((await chip.getAttribute('class')) ?? '').includes('mt-cal-chip-clash'), clash);
      }
    }
    await shot(page, 'prep-04-calendar-conflict');
    await page.context().close();
  });

  it('县发改局 proposes two 议题 with summary and 汇报人; the office approves one and defers the other with a reason; the unit sees both', async () => {
    const unit = await loginAs('fagaiju');
    await unit.goto(`${e2e.baseUrl}/meetings/topics`);
    const open = rowNamed(unit, 'open-for-topics', 'data-title', MEETING_A);
    await open.waitFor();
    assert.match((await open.textContent()) ?? '', new RegExp(`申报截止 ${shanghaiMinute(A.topics)}`));
    for (const topic of [TOPIC_OK, TOPIC_LATER]) {
      await actInDialog(unit, {
        open: open.getByTestId('topic-propose'),
        confirm: 'action-submit',
        name: 'prep-topic-propose',
        fill: async (d) => {
          await d.getByTestId('topic-title').fill(topic.title);
          await d.getByTestId('topic-summary').fill(topic.summary);
          await d.getByTestId('topic-presenter').fill(topic.presenter);
        },
      });
      await rowNamed(unit, 'my-topic-row', 'data-title', topic.title).filter({ hasText: '待审定' }).waitFor();
    }

    const page = await loginAs('wenshu');
    await page.goto(`${e2e.baseUrl}/meetings/${ids.a}?tab=topics`);
    const ok = rowNamed(page, 'topic-row', 'data-title', TOPIC_OK.title);
    const later = rowNamed(page, 'topic-row', 'data-title', TOPIC_LATER.title);
    await ok.filter({ hasText: `申报单位：${UNIT_DRC} · 汇报人：${TOPIC_OK.presenter}` }).filter({ hasText: TOPIC_OK.summary }).waitFor();
    await ok.getByTestId('topic-approve').click();
    await page.locator(`[data-testid="topic-row"][data-title="${TOPIC_OK.title}"][data-state="approved"]`).waitFor();
    await actInDialog(page, { open: later.getByTestId('topic-defer'), confirm: 'action-submit', name: 'prep-topic-defer', fill: (d) => d.getByTestId('topic-defer-reason').fill(DEFER_REASON) });
    await page.locator(`[data-testid="topic-row"][data-title="${TOPIC_LATER.title}"][data-state="deferred"]`).filter({ hasText: `暂缓理由：${DEFER_REASON}` }).waitFor();
    const topics = (await apiAs(e2e, page, 'GET', `/api/meetings/${ids.a}`)).body.topics;
    assert.deepEqual(
      topics.map((t: { seq: number; title: string; summary: string; presenter: string; proposerUnitName: string; state: string; decisionReason: string | null }) => [t.seq, t.title, t.summary, t.presenter, t.proposerUnitName, t.state, t.decisionReason]),
      [
        [1, TOPIC_OK.title, TOPIC_OK.summary, TOPIC_OK.presenter, UNIT_DRC, 'approved', null],
        [2, TOPIC_LATER.title, TOPIC_LATER.summary, TOPIC_LATER.presenter, UNIT_DRC, 'deferred', DEFER_REASON],
      ],
    );
    await page.context().close();

    // The unit's page, opened again: both decisions, and the reason of the deferral.
    await unit.reload();
    await unit.getByRole('heading', { name: '我单位申报的议题' }).waitFor();
    const mineOk = rowNamed(unit, 'my-topic-row', 'data-title', TOPIC_OK.title);
    const mineLater = rowNamed(unit, 'my-topic-row', 'data-title', TOPIC_LATER.title);
    await mineOk.filter({ hasText: '已通过' }).waitFor();
    await mineLater.filter({ hasText: '暂缓' }).filter({ hasText: DEFER_REASON }).waitFor();
    assert.match((await mineOk.textContent()) ?? '', new RegExp(`汇报人：${TOPIC_OK.presenter}`));
    // Only the approved topic may have materials uploaded by the unit.
    assert.equal(await mineOk.getByTestId('topic-upload-material').count(), 1);
    assert.equal(await mineLater.getByTestId('topic-upload-material').count(), 0);
    await shot(unit, 'prep-06-unit-topics');
    const mine = (await apiAs(e2e, unit, 'GET', '/api/meetings/topics/mine')).body.items;
    assert.deepEqual(
      mine.map((t: { title: string; meetingId: string; state: string; decisionReason: string | null }) => [t.title, t.meetingId, t.state, t.decisionReason]).sort(),
      [
        [TOPIC_OK.title, ids.a, 'approved', null],
        [TOPIC_LATER.title, ids.a, 'deferred', DEFER_REASON],
      ].sort(),
    );
    // To an invited unit the meeting shows the approved 议题 only.
    await unit.goto(`${e2e.baseUrl}/meetings/${ids.a}?tab=topics`);
    await rowNamed(unit, 'topic-row', 'data-title', TOPIC_OK.title).waitFor();
    assert.equal(await unit.getByTestId('topic-row').count(), 1);
    await unit.context().close();
  });

  it('a 秘密 material withdrawn after the meeting reaches the cleared 组织部 only; once held it is 已收回 to them (403), not to the office', async () => {
    const office = await loginAs('wenshu');
    await office.goto(`${e2e.baseUrl}/meetings/${ids.a}?tab=materials`);
    for (const f of [SECRET_FILE, PLAIN_FILE]) {
      const secret = f === SECRET_FILE;
      await actInDialog(office, {
        open: office.getByTestId('material-upload'),
        confirm: 'action-submit',
        name: `prep-material-${f.title}`,
        fill: async (d) => {
          await d.locator('input[type=file]').setInputFiles(path.join(dir, f.name));
          // The title fills itself from the file name once the upload is done.
          await office.waitForFunction((title) => (document.querySelector('[data-testid="material-title"]') as HTMLInputElement | null)?.value === title, f.title);
          if (secret) {
            await pickInDialog(office, d.getByTestId('material-classification'), '秘密');
            await d.getByTestId('material-withdraw-after').click();
            assert.equal(await d.getByTestId('material-withdraw-after').getAttribute('aria-checked'), 'true');
          }
        },
      });
      await rowNamed(office, 'material-row', 'data-title', f.title).waitFor();
    }
    const secretRow = (page: Page) => rowNamed(page, 'material-row', 'data-title', SECRET_FILE.title);
    const plainRow = (page: Page) => rowNamed(page, 'material-row', 'data-title', PLAIN_FILE.title);
    await secretRow(office).filter({ hasText: '秘密' }).filter({ hasText: '会后收回' }).filter({ hasText: '全体参会人员' }).waitFor();
    const stored = (await apiAs(e2e, office, 'GET', `/api/meetings/${ids.a}`)).body.materials;
    assert.deepEqual(
      stored.map((m: { title: string; fileName: string; classification: string; audience: unknown; withdrawAfter: boolean; withdrawn: boolean }) => [m.title, m.fileName, m.classification, m.audience, m.withdrawAfter, m.withdrawn]),
      [
        [SECRET_FILE.title, SECRET_FILE.name, 'secret', null, true, false],
        [PLAIN_FILE.title, PLAIN_FILE.name, 'none', null, false, false],
      ],
    );
    const secretHref = (await secretRow(office).getByTestId('material-download').getAttribute('href'))!;
    const plainHref = (await plainRow(office).getByTestId('material-download').getAttribute('href'))!;
    assert.match(secretHref, new RegExp(`^/api/meetings/${ids.a}/materials/[0-9a-f-]{36}/download$`));

    // 周涛 of 组织部 (秘密 clearance): both, and the 秘密 one downloads through the page.
    const org = await loginAs('zuzhibu');
    await org.goto(`${e2e.baseUrl}/meetings/${ids.a}?tab=materials`);
    await secretRow(org).waitFor();
    await plainRow(org).waitFor();
    assert.equal(await org.getByTestId('material-row').count(), 2);
    const [download] = await Promise.all([org.waitForEvent('download'), secretRow(org).getByTestId('material-download').click()]);
    assert.equal(download.suggestedFilename(), SECRET_FILE.name);
    assert.equal(fs.readFileSync((await download.path())!, 'utf8'), SECRET_FILE.body);
    for (const [href, body] of [[secretHref, SECRET_FILE.body], [plainHref, PLAIN_FILE.body]] as const) {
      const got = await fetchLink(org, href);
      assert.equal(got.status, 200, `组织部 downloads ${href}`);
      assert.equal(got.text, body);
    }

    // 冯磊 of 发改局 (no clearance): the ordinary one only; the 秘密 one's address does not exist for him.
    const drc = await loginAs('fagaiju');
    await drc.goto(`${e2e.baseUrl}/meetings/${ids.a}?tab=materials`);
    await plainRow(drc).waitFor();
    assert.equal(await drc.getByTestId('material-row').count(), 1);
    assert.equal(await secretRow(drc).count(), 0);
    const hidden = await fetchLink(drc, secretHref);
    assert.equal(hidden.status, 404);
    assert.equal(hidden.error?.code, 'NOT_FOUND');
    assert.equal((await fetchLink(drc, plainHref)).status, 200);
    assert.deepEqual((await apiAs(e2e, drc, 'GET', `/api/meetings/${ids.a}`)).body.materials.map((m: { title: string }) => m.title), [PLAIN_FILE.title]);
    await drc.context().close();

    // The meeting is held: the 秘密 material is withdrawn.
    await actInDialog(office, { open: office.getByTestId('meeting-action-held'), confirm: 'action-submit', name: 'prep-held' });
    await office.getByTestId('meeting-state').filter({ hasText: '已召开' }).waitFor();
    await secretRow(office).getByTestId('material-withdrawn').waitFor();

    await org.reload();
    await secretRow(org).getByTestId('material-withdrawn').waitFor();
    assert.equal((await secretRow(org).getByTestId('material-withdrawn').textContent())?.trim(), '已收回');
    assert.equal(await secretRow(org).getByTestId('material-download').count(), 0);
    assert.equal(await plainRow(org).getByTestId('material-download').count(), 1);
    await shot(org, 'prep-08-materials-withdrawn');
    const withdrawn = await fetchLink(org, secretHref);
    assert.equal(withdrawn.status, 403);
    assert.deepEqual(withdrawn.error, { code: 'MEETING_MATERIAL_WITHDRAWN', message: '该材料已在会后收回，不能再查看或下载' });
    assert.equal((await fetchLink(org, plainHref)).status, 200);
    await org.context().close();

    const kept = await fetchLink(office, secretHref);
    assert.equal(kept.status, 200);
    assert.equal(kept.text, SECRET_FILE.body);
    assert.equal((await apiAs(e2e, office, 'GET', `/api/meetings/${ids.a}`)).body.materials.find((m: { title: string }) => m.title === SECRET_FILE.title).withdrawn, true);
    await office.context().close();
  });

  it('at phone width (375 px) the meeting list and the meeting (each tab) do not scroll sideways', async () => {
    const widths = async (page: Page) =>
      page.evaluate(() => ({
        doc: document.documentElement.scrollWidth,
        win: window.innerWidth,
        // What sticks out, so that a failure names it.
        wide: [...document.querySelectorAll('body *')]
          .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5)
          .slice(0, 5)
          .map((el) => `${el.tagName.toLowerCase()}.${String((el as HTMLElement).className).split(' ').slice(0, 2).join('.')}[${Math.round(el.getBoundingClientRect().right)}]`),
      }));
    const check = async (page: Page, what: string, ready: Locator) => {
      await ready.first().waitFor();
      await animationsSettled(page);
      const w = await widths(page);
      assert.equal(w.win, 375);
      assert.ok(w.doc <= w.win, `${what} scrolls sideways at 375 px: scrollWidth ${w.doc} > ${w.win}; ${w.wide.join(', ')}`);
    };
    const page = await loginAs('wenshu', { width: 375, height: 800 });
    await page.goto(`${e2e.baseUrl}/meetings`);
    await check(page, 'the meeting list', page.locator(`[data-testid="meeting-row"][data-id="${ids.a}"]`));
    // The held 常委会 with its 议题 and materials, tab by tab; then B, notified, with its leader warning and actions.
    for (const [tab, ready] of [['attendees', 'attendee-row'], ['topics', 'topic-row'], ['materials', 'material-row']] as const) {
      await page.goto(`${e2e.baseUrl}/meetings/${ids.a}?tab=${tab}`);
      await page.getByTestId('meeting-heading').waitFor();
      await check(page, `the meeting's ${tab} tab`, page.getByTestId(ready));
    }
    await page.goto(`${e2e.baseUrl}/meetings/${ids.b}`);
    await check(page, 'a notified meeting with a leader conflict', page.getByTestId('meeting-conflicts'));
    await page.getByTestId('meeting-action-remind').waitFor();
    await shot(page, 'prep-10-phone-detail');
    await page.context().close();
  });

  it("after B's 回执 deadline 财政局's reply is refused on the page (MEETING_REPLY_CLOSED); the office records it on its behalf", async () => {
    // Two hours on: B's reply deadline (within 90 minutes of the start of the run) has passed for the server.
    e2e.advanceClock(2 * HOUR);
    const closedMessage = `回执已于${shanghaiWords(B.reply)}截止，不能再报送，请直接与会务人员联系`;

    // The clerk's browser has not noticed (its clock is the real one): the form is there, the server refuses.
    let page = await loginAs('caizhengju');
    await page.goto(`${e2e.baseUrl}/meetings/${ids.b}`);
    const form = rowNamed(page, 'reply-form', 'data-name', UNIT_FINANCE);
    await form.waitFor();
    await form.getByTestId('reply-attending').click();
    await form.getByTestId('reply-names').fill('何静（局长）');
    await form.getByTestId('reply-submit').click();
    const toast = page.locator('.ant-message-error').filter({ hasText: '截止' });
    await toast.waitFor();
    assert.equal((await toast.textContent())?.trim(), closedMessage);
    await shot(page, 'prep-11-reply-closed');
    const pending = (await apiAs(e2e, page, 'GET', `/api/meetings/${ids.b}`)).body.attendees.find((x: { name: string }) => x.name === UNIT_FINANCE);
    assert.deepEqual([pending.reply, pending.attendeeNames, pending.repliedAt], ['pending', null, null]);

    // With its clock at the server's time the page itself says the 回执 is closed and offers no form.
    await page.clock.setFixedTime(Date.now() + 2 * HOUR);
    await page.reload();
    const card = rowNamed(page, 'reply-form', 'data-name', UNIT_FINANCE);
    await card.getByTestId('reply-deadline').filter({ hasText: '截止' }).waitFor();
    assert.equal((await card.getByTestId('reply-deadline').textContent())?.trim(), `回执已于${shanghaiMinute(B.reply)}截止，如需更改请联系县委办会务人员`);
    assert.equal(await card.getByTestId('reply-submit').count(), 0);
    await page.context().close();

    // The office takes the reply by phone and records it (代填回执).
    page = await loginAs('wenshu');
    await page.goto(`${e2e.baseUrl}/meetings/${ids.b}`);
    const row = rowNamed(page, 'attendee-row', 'data-name', UNIT_FINANCE);
    await actInDialog(page, {
      open: row.getByTestId('attendee-reply'),
      confirm: 'action-submit',
      name: 'prep-reply-on-behalf',
      fill: async (d) => {
        await d.getByTestId('reply-attending').click();
        await d.getByTestId('reply-names').fill('何静（局长）');
      },
    });
    await row.filter({ hasText: '何静（局长）' }).waitFor();
    assert.equal(await row.getAttribute('data-reply'), 'attending');
    const replied = (await apiAs(e2e, page, 'GET', `/api/meetings/${ids.b}`)).body.attendees.find((x: { name: string }) => x.name === UNIT_FINANCE);
    assert.deepEqual([replied.reply, replied.attendeeNames, replied.repliedByName], ['attending', '何静（局长）', '陈静']);
    assert.ok(Date.parse(replied.repliedAt) > B.reply, 'recorded after the deadline');
    await page.context().close();
  });
});
