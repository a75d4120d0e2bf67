import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createCalendar } from '../calendar/calendar.ts';
import { LIMITS, MAX_EXTENSION_DAYS, limitDeadline, type DeadlineKind } from './limits.ts';

const cal = createCalendar();

const CALENDAR_TEXT = '日（期满日为节假日的顺延至下一个工作日）';
const WORKDAYS_TEXT = '个工作日（按法定节假日和调休计算）';
const NO_DATA_TEXT = '（该年度节假日安排尚未录入，按周一至周五计算）';

/** Every date from `from` to `to` inclusive. */
function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

describe('the 2026 holiday data the limits rely on (read through createCalendar)', () => {
  it('should have data for 2026', () => {
    assert.equal(cal.hasData(2026), true);
    assert.equal(cal.hasData(2025), true);
  });

  it('should rest over 春节 2026 (2/15–2/23) and work the 调休 Saturdays 2/14 and 2/28', () => {
    for (const d of datesBetween('2026-02-15', '2026-02-23')) assert.equal(cal.isWorkday(d), false, d);
    assert.equal(cal.isWorkday('2026-02-13'), true);
    assert.equal(cal.isWorkday('2026-02-14'), true); // Saturday, 调休
    assert.equal(cal.isWorkday('2026-02-24'), true);
    assert.equal(cal.isWorkday('2026-02-28'), true); // Saturday, 调休
    assert.equal(cal.isWorkday('2026-03-01'), false); // an ordinary Sunday
  });

  it('should rest over 国庆 2026 (10/1–10/7) and work the 调休 days 9/20 (Sunday) and 10/10 (Saturday)', () => {
    for (const d of datesBetween('2026-10-01', '2026-10-07')) assert.equal(cal.isWorkday(d), false, d);
    assert.equal(cal.isWorkday('2026-09-30'), true);
    assert.equal(cal.isWorkday('2026-09-20'), true); // Sunday, 调休
    assert.equal(cal.isWorkday('2026-10-08'), true);
    assert.equal(cal.isWorkday('2026-10-10'), true); // Saturday, 调休
    assert.equal(cal.isWorkday('2026-10-11'), false); // an ordinary Sunday
  });

  it('should rest over 清明, 劳动节 and 端午 2026 and work Saturday 5/9', () => {
    assert.equal(cal.isWorkday('2026-04-06'), false);
    for (const d of datesBetween('2026-05-01', '2026-05-05')) assert.equal(cal.isWorkday(d), false, d);
    assert.equal(cal.isWorkday('2026-05-09'), true); // Saturday, 调休
    assert.equal(cal.isWorkday('2026-06-19'), false);
  });
});

describe('LIMITS', () => {
  it('should hold the 条例 limits with their articles', () => {
    const table = Object.fromEntries(Object.entries(LIMITS).map(([k, v]) => [k, `${v.article} ${v.days}${v.workdaysAlways ? ' 工作日' : ''}`]));
    assert.deepEqual(table, {
      register: '第22条 15',
      notice: '第23条 15',
      objection: '第23条 5 工作日',
      handle: '第34条 60',
      review_request: '第35条 30',
      review: '第35条 30',
      recheck_request: '第36条 30',
      recheck: '第36条 30',
    });
    assert.equal(MAX_EXTENSION_DAYS, 30);
  });
});

describe('limitDeadline from an ordinary date (Tuesday 2026-03-10)', () => {
  const START = '2026-03-10';
  const expected: Record<DeadlineKind, { calendar: string; workdays: string }> = {
    register: { calendar: '2026-03-25', workdays: '2026-03-31' },
    notice: { calendar: '2026-03-25', workdays: '2026-03-31' },
    objection: { calendar: '2026-03-17', workdays: '2026-03-17' },
    // 60 calendar days end on Saturday 2026-05-09, a 调休 working day: no roll forward.
    handle: { calendar: '2026-05-09', workdays: '2026-06-05' },
    // 30 working days skip 清明 (Monday 4/6).
    review_request: { calendar: '2026-04-09', workdays: '2026-04-22' },
    review: { calendar: '2026-04-09', workdays: '2026-04-22' },
    recheck_request: { calendar: '2026-04-09', workdays: '2026-04-22' },
    recheck: { calendar: '2026-04-09', workdays: '2026-04-22' },
  };

  it('should cover every limit kind', () => {
    assert.deepEqual(Object.keys(expected).sort(), Object.keys(LIMITS).sort());
  });

  for (const kind of Object.keys(expected) as DeadlineKind[]) {
    for (const mode of ['calendar', 'workdays'] as const) {
      it(`should give ${kind} in ${mode} mode the due date ${expected[kind][mode]}`, () => {
        const r = limitDeadline(cal, kind, START, mode);
        assert.equal(r.kind, kind);
        assert.equal(r.due, expected[kind][mode]);
      });
    }
  }

  it('should extend the handle limit by 30 days to 90 in both modes', () => {
    assert.equal(limitDeadline(cal, 'handle', START, 'calendar', 30).due, '2026-06-08');
    // 90 working days skip 端午 (Friday 6/19).
    assert.equal(limitDeadline(cal, 'handle', START, 'workdays', 30).due, '2026-07-20');
    assert.equal(limitDeadline(cal, 'handle', START, 'calendar', MAX_EXTENSION_DAYS).due, cal.addCalendarDays(START, 90).date);
    assert.equal(limitDeadline(cal, 'handle', START, 'workdays', MAX_EXTENSION_DAYS).due, cal.addWorkdays(START, 90).date);
  });
});

describe('limitDeadline ending in 国庆 2026 (calendar days)', () => {
  const cases: [DeadlineKind, string, string][] = [
    ['handle', '2026-08-02', '2026-10-01'],
    ['review', '2026-09-05', '2026-10-05'],
    ['recheck_request', '2026-09-07', '2026-10-07'],
    ['register', '2026-09-20', '2026-10-05'],
    ['notice', '2026-09-16', '2026-10-01'],
  ];
  for (const [kind, start, end] of cases) {
    it(`should roll ${kind} from ${start} (end ${end}, a holiday) to 2026-10-08`, () => {
      assert.equal(cal.isWorkday(end), false);
      assert.equal(limitDeadline(cal, kind, start, 'calendar').due, '2026-10-08');
    });
  }

  it('should keep an end on Saturday 10/10 (调休 working day) and roll an end on Sunday 10/11 to Monday 10/12', () => {
    assert.equal(limitDeadline(cal, 'review', '2026-09-10', 'calendar').due, '2026-10-10');
    assert.equal(limitDeadline(cal, 'review', '2026-09-11', 'calendar').due, '2026-10-12');
  });
});

describe('limitDeadline ending in 春节 2026 (calendar days)', () => {
  const cases: [DeadlineKind, string, string][] = [
    ['handle', '2025-12-19', '2026-02-17'],
    ['review_request', '2026-01-16', '2026-02-15'],
    ['recheck', '2026-01-24', '2026-02-23'],
    ['register', '2026-02-08', '2026-02-23'],
  ];
  for (const [kind, start, end] of cases) {
    it(`should roll ${kind} from ${start} (end ${end}, in 春节) to 2026-02-24`, () => {
      assert.equal(cal.isWorkday(end), false);
      assert.equal(limitDeadline(cal, kind, start, 'calendar').due, '2026-02-24');
    });
  }

  it('should keep an end on Saturday 2/14, a 调休 working day', () => {
    assert.equal(limitDeadline(cal, 'notice', '2026-01-30', 'calendar').due, '2026-02-14');
  });
});

describe('limitDeadline in workdays mode across 春节 2026', () => {
  it('should skip 2/15–2/23 and count the 调休 Saturdays 2/14 and 2/28', () => {
    // From Wednesday 2/11: 2/12, 2/13, 2/14 (Sat 调休), 2/24, 2/25, 2/26, 2/27, 2/28 (Sat 调休), 3/2–3/6, 3/9, 3/10.
    assert.equal(limitDeadline(cal, 'register', '2026-02-11', 'workdays').due, '2026-03-10');
    assert.equal(limitDeadline(cal, 'register', '2026-02-11', 'calendar').due, '2026-02-26');
    assert.equal(limitDeadline(cal, 'review', '2026-02-11', 'workdays').due, cal.addWorkdays('2026-02-11', 30).date);
    assert.equal(limitDeadline(cal, 'review', '2026-02-11', 'workdays').due, '2026-03-31');
  });

  it('should count Saturday 2/14 as the third of five working days and resume on 2/24', () => {
    assert.equal(limitDeadline(cal, 'objection', '2026-02-11', 'workdays').due, '2026-02-25');
  });
});

describe('the objection limit (第23条) is always 5 working days', () => {
  it('should count working days even in calendar mode, across 国庆 and the 调休 Saturday 10/10', () => {
    // 9/29, 9/30, 10/8, 10/9, 10/10 (Sat 调休); 5 calendar days would have ended on 10/3.
    for (const mode of ['calendar', 'workdays'] as const) {
      assert.equal(limitDeadline(cal, 'objection', '2026-09-28', mode).due, '2026-10-10', mode);
    }
    assert.equal(limitDeadline(cal, 'objection', '2026-02-11', 'calendar').due, '2026-02-25');
  });

  it('should say 个工作日 in its rule in calendar mode', () => {
    const r = limitDeadline(cal, 'objection', '2026-09-28', 'calendar');
    assert.ok(r.rule.includes('第23条'), r.rule);
    assert.ok(r.rule.includes(WORKDAYS_TEXT), r.rule);
    assert.ok(!r.rule.includes(CALENDAR_TEXT), r.rule);
  });
});

describe('limitDeadline rule text', () => {
  for (const kind of Object.keys(LIMITS) as DeadlineKind[]) {
    for (const mode of ['calendar', 'workdays'] as const) {
      it(`should name the article and the count of ${kind} in ${mode} mode, without 含延期`, () => {
        const spec = LIMITS[kind];
        const r = limitDeadline(cal, kind, '2026-03-10', mode);
        assert.ok(r.rule.startsWith(`${spec.article}：`), r.rule);
        assert.ok(r.rule.includes(String(spec.days)), r.rule);
        assert.ok(!r.rule.includes('含延期'), r.rule);
        assert.ok(r.rule.includes(spec.workdaysAlways || mode === 'workdays' ? WORKDAYS_TEXT : CALENDAR_TEXT), r.rule);
      });
    }
  }

  it('should say 含延期30日 when the handle limit is extended', () => {
    for (const mode of ['calendar', 'workdays'] as const) {
      const r = limitDeadline(cal, 'handle', '2026-03-10', mode, 30);
      assert.ok(r.rule.includes('第34条'), r.rule);
      assert.ok(r.rule.includes('90'), r.rule);
      assert.ok(r.rule.endsWith('（含延期30日）'), r.rule);
    }
  });

  // The count must appear once: "60日", not "6060日" (the rule text of the calendar already starts with n).
  it('should read exactly 第34条：受理之日起60日（…） for the handle limit', () => {
    assert.equal(limitDeadline(cal, 'handle', '2026-03-10', 'calendar').rule, `第34条：受理之日起60${CALENDAR_TEXT}`);
    assert.equal(limitDeadline(cal, 'handle', '2026-03-10', 'workdays').rule, `第34条：受理之日起60${WORKDAYS_TEXT}`);
  });

  it('should read exactly 第34条：受理之日起90日（…）（含延期30日） for the extended handle limit', () => {
    assert.equal(limitDeadline(cal, 'handle', '2026-03-10', 'calendar', 30).rule, `第34条：受理之日起90${CALENDAR_TEXT}（含延期30日）`);
  });

  it('should write each count once, with its starting event, for every kind', () => {
    const rules = Object.fromEntries((Object.keys(LIMITS) as DeadlineKind[]).map((k) => [k, limitDeadline(cal, k, '2026-03-10', 'calendar').rule]));
    assert.deepEqual(rules, {
      register: `第22条：收到信访事项之日起15${CALENDAR_TEXT}`,
      notice: `第23条：收到信访事项之日起15${CALENDAR_TEXT}`,
      objection: `第23条：收到转送交办之日起5${WORKDAYS_TEXT}`,
      handle: `第34条：受理之日起60${CALENDAR_TEXT}`,
      review_request: `第35条：收到答复之日起30${CALENDAR_TEXT}`,
      review: `第35条：收到申请之日起30${CALENDAR_TEXT}`,
      recheck_request: `第36条：收到复查意见之日起30${CALENDAR_TEXT}`,
      recheck: `第36条：收到申请之日起30${CALENDAR_TEXT}`,
    });
  });

  it('should carry the calendar’s no-data note when the end falls in a year without holiday data', () => {
    // 2026-12-01 + 60 days = Saturday 2027-01-30.
    const r = limitDeadline(cal, 'handle', '2026-12-01', 'calendar');
    assert.equal(r.rule.includes(NO_DATA_TEXT), !cal.hasData(2027), r.rule);
    if (!cal.hasData(2027)) assert.equal(r.due, '2027-02-01');
  });
});
