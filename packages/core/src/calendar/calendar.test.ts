import { describe, it } from "node:test";
import assert from "node:assert/strict";
import chineseDays from "chinese-days";
import { createCalendar, isValidDate, shanghaiEndOfDay, toShanghaiDate } from "./calendar.ts";

describe("isValidDate", () => {
  it("should accept real YYYY-MM-DD dates including 29 February of leap years", () => {
    assert.equal(isValidDate("2026-10-08"), true);
    assert.equal(isValidDate("2024-02-29"), true);
    assert.equal(isValidDate("2000-02-29"), true);
  });

  it("should reject impossible dates and loose formats", () => {
    for (const s of ["2026-02-29", "1900-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "2026-4-1", "2026-04-01T00:00:00Z", " 2026-04-01", "20260401", "", "0000-01-01"]) {
      assert.equal(isValidDate(s), false, s);
    }
  });
});

describe("toShanghaiDate and shanghaiEndOfDay", () => {
  it("should give the Shanghai date, which is a day ahead of UTC from 16:00 UTC", () => {
    assert.equal(toShanghaiDate(new Date("2026-09-30T15:59:59.999Z")), "2026-09-30");
    assert.equal(toShanghaiDate(new Date("2026-09-30T16:00:00.000Z")), "2026-10-01");
    assert.equal(toShanghaiDate(new Date("2026-12-31T16:00:00.000Z")), "2027-01-01");
  });

  it("should end a day at 23:59:59.999 Shanghai time, i.e. 15:59:59.999 UTC", () => {
    assert.equal(shanghaiEndOfDay("2026-10-08").toISOString(), "2026-10-08T15:59:59.999Z");
    assert.equal(toShanghaiDate(shanghaiEndOfDay("2026-10-08")), "2026-10-08");
    assert.equal(toShanghaiDate(new Date(shanghaiEndOfDay("2026-10-08").getTime() + 1)), "2026-10-09");
  });

  it("should throw on an invalid date or instant", () => {
    assert.throws(() => shanghaiEndOfDay("2026-02-30"), RangeError);
    assert.throws(() => toShanghaiDate(new Date("nope")), RangeError);
    assert.throws(() => toShanghaiDate(new Date(Date.UTC(10000, 0, 1))), RangeError);
  });
});

describe("createCalendar without overrides (chinese-days data)", () => {
  const cal = createCalendar();

  it("should agree with chinese-days findWorkday for 2026 国庆 (REGULATIONS E.2)", () => {
    // Both the package and our calendar, so a package update that changes the data is noticed here.
    assert.equal(chineseDays.findWorkday(1, "2026-09-30"), "2026-10-08");
    assert.equal(cal.addWorkdays("2026-09-30", 1).date, "2026-10-08");
    assert.equal(cal.nextWorkday("2026-09-30"), "2026-10-08");
  });

  it("should put 15 working days after 2026-09-28 on 2026-10-23", () => {
    assert.deepEqual(cal.addWorkdays("2026-09-28", 15), {
      date: "2026-10-23",
      rule: "workdays",
      n: 15,
      rolledForward: false,
      computedWithoutData: false,
      ruleText: "15个工作日（按法定节假日和调休计算）",
    });
  });

  it("should treat the 国庆 调休 weekend days 2026-09-20 (Sunday) and 2026-10-10 (Saturday) as workdays", () => {
    assert.equal(cal.isWorkday("2026-09-20"), true);
    assert.equal(cal.isWorkday("2026-10-10"), true);
    assert.equal(cal.isWorkday("2026-09-19"), false); // ordinary Saturday
    assert.equal(cal.isWorkday("2026-10-11"), false); // ordinary Sunday
  });

  it("should treat 2026-10-01 to 2026-10-07 as rest days, including weekdays 10/6 and 10/7 given in lieu", () => {
    for (let d = 1; d <= 7; d++) assert.equal(cal.isWorkday(`2026-10-0${d}`), false, `2026-10-0${d}`);
    assert.equal(cal.isWorkday("2026-10-08"), true);
  });

  it("should make 春节 2026 (2/15–2/23) rest days and the Saturdays 2/14 and 2/28 workdays", () => {
    for (let d = 15; d <= 23; d++) assert.equal(cal.isWorkday(`2026-02-${d}`), false, `2026-02-${d}`);
    assert.equal(cal.isWorkday("2026-02-14"), true);
    assert.equal(cal.isWorkday("2026-02-28"), true);
    assert.equal(cal.isWorkday("2026-02-24"), true);
    assert.equal(cal.nextWorkday("2026-02-13"), "2026-02-14");
    assert.equal(cal.nextWorkday("2026-02-14"), "2026-02-24");
  });

  it("should count October 2026 as 18 working days (the package's includeWeekends=false gives 17)", () => {
    assert.equal(cal.workdaysBetween("2026-09-30", "2026-10-31"), 18);
  });

  it("should count working days after `from` up to and including `to`, negative the other way", () => {
    assert.equal(cal.workdaysBetween("2026-09-28", "2026-10-23"), 15);
    assert.equal(cal.workdaysBetween("2026-10-23", "2026-09-28"), -15);
    assert.equal(cal.workdaysBetween("2026-10-08", "2026-10-08"), 0);
    assert.equal(cal.workdaysBetween("2026-09-30", "2026-10-07"), 0); // deadline inside the holiday
    assert.equal(cal.workdaysBetween("2026-10-09", "2026-10-12"), 2); // Sat 10/10 is a 调休 workday
    // Overdue by one working day: deadline Friday 10/9, today Monday 10/12 → Sat 10/10 and Mon 10/12.
    assert.equal(cal.workdaysBetween("2026-10-12", "2026-10-09"), -2);
  });

  it("should not roll a 30-day period that ends on a working day", () => {
    assert.deepEqual(cal.addCalendarDays("2026-03-02", 30), {
      date: "2026-04-01",
      rule: "calendar_days",
      n: 30,
      rolledForward: false,
      computedWithoutData: false,
      ruleText: "30日（期满日为节假日的顺延至下一个工作日）",
    });
  });

  it("should roll a calendar-day period ending in 国庆 forward to the first working day after it", () => {
    // 2026-09-03 + 30 days = 2026-10-03 (a holiday) → 2026-10-08.
    assert.deepEqual(cal.addCalendarDays("2026-09-03", 30), {
      date: "2026-10-08",
      rule: "calendar_days",
      n: 30,
      rolledForward: true,
      computedWithoutData: false,
      ruleText: "30日（期满日为节假日的顺延至下一个工作日）",
    });
  });

  it("should roll a period ending on an ordinary Sunday to Monday", () => {
    const r = cal.addCalendarDays("2026-03-01", 14); // Sunday 2026-03-15
    assert.equal(r.date, "2026-03-16");
    assert.equal(r.rolledForward, true);
  });

  it("should flag deadlines in 2027, for which chinese-days has no data, as computed without data", () => {
    assert.equal(cal.hasData(2026), true);
    assert.equal(cal.hasData(2004), true);
    assert.equal(cal.hasData(2027), false);
    assert.equal(cal.hasData(2003), false);
    // 2026-12-28 (Mon) + 5 working days: 12/29, 12/30, 12/31, 2027-01-01 (Fri, treated as Mon–Fri), 01-04.
    assert.deepEqual(cal.addWorkdays("2026-12-28", 5), {
      date: "2027-01-04",
      rule: "workdays",
      n: 5,
      rolledForward: false,
      computedWithoutData: true,
      ruleText: "5个工作日（按法定节假日和调休计算）（该年度节假日安排尚未录入，按周一至周五计算）",
    });
    assert.deepEqual(cal.addCalendarDays("2026-12-01", 31), {
      date: "2027-01-01",
      rule: "calendar_days",
      n: 31,
      rolledForward: false,
      computedWithoutData: true,
      ruleText: "31日（期满日为节假日的顺延至下一个工作日）（该年度节假日安排尚未录入，按周一至周五计算）",
    });
  });

  it("should not flag a workday deadline that stays inside 2026", () => {
    assert.equal(cal.addWorkdays("2026-12-24", 3).date, "2026-12-29");
    assert.equal(cal.addWorkdays("2026-12-24", 3).computedWithoutData, false);
  });

  it("should count plain Monday–Friday in a year with no data", () => {
    assert.equal(cal.isWorkday("2027-10-01"), true); // Friday; the real 2027 国庆 is unknown to the package
    assert.equal(cal.isWorkday("2027-10-02"), false);
    assert.equal(cal.workdaysBetween("2027-03-01", "2027-03-31"), 22);
  });

  it("should reject invalid dates and non-positive n", () => {
    assert.throws(() => cal.isWorkday("2026-02-30"), RangeError);
    assert.throws(() => cal.addWorkdays("2026-10-01", 0), RangeError);
    assert.throws(() => cal.addWorkdays("2026-10-01", 1.5), RangeError);
    assert.throws(() => cal.addCalendarDays("2026-10-01", -1), RangeError);
    assert.throws(() => cal.workdaysBetween("2026-10-01", "bad"), RangeError);
  });
});

describe("createCalendar with overrides", () => {
  it("should let an override make a working day a holiday and a weekend day a workday", () => {
    const cal = createCalendar([
      { date: "2026-06-10", kind: "holiday", name: "地方节日" },
      { date: "2026-06-13", kind: "workday", name: "补班" },
    ]);
    assert.equal(cal.isWorkday("2026-06-10"), false);
    assert.equal(cal.isWorkday("2026-06-13"), true);
    // Wed 6/10 off, Sat 6/13 on: 2 working days after Tue 6/9 are 6/11 and 6/12; the third is Sat 6/13.
    assert.equal(cal.addWorkdays("2026-06-09", 3).date, "2026-06-13");
    // The calendar without overrides is unaffected.
    assert.equal(createCalendar().isWorkday("2026-06-10"), true);
  });

  it("should override the package's own data", () => {
    const cal = createCalendar([{ date: "2026-10-10", kind: "holiday" }]);
    assert.equal(cal.isWorkday("2026-10-10"), false);
    assert.equal(cal.nextWorkday("2026-09-30"), "2026-10-08");
    assert.equal(cal.nextWorkday("2026-10-09"), "2026-10-12");
  });

  it("should treat 2027 as having data once an administrator enters its arrangement", () => {
    // Hypothetical 2027 国庆 entered by hand.
    const overrides = [1, 2, 3, 4, 5, 6, 7].map((d) => ({ date: `2027-10-0${d}`, kind: "holiday" as const }));
    overrides.push({ date: "2027-10-09", kind: "holiday" });
    const cal = createCalendar([...overrides, { date: "2027-09-26", kind: "workday" }]);
    assert.equal(cal.hasData(2027), true);
    assert.equal(cal.hasData(2028), false);
    assert.equal(cal.isWorkday("2027-09-26"), true); // Sunday made a workday
    assert.equal(cal.isWorkday("2027-10-01"), false);
    assert.deepEqual(cal.addCalendarDays("2027-09-01", 30), {
      date: "2027-10-08",
      rule: "calendar_days",
      n: 30,
      rolledForward: true,
      computedWithoutData: false,
      ruleText: "30日（期满日为节假日的顺延至下一个工作日）",
    });
  });

  it("should let the last override for a date win", () => {
    const cal = createCalendar([
      { date: "2026-06-10", kind: "holiday" },
      { date: "2026-06-10", kind: "workday" },
    ]);
    assert.equal(cal.isWorkday("2026-06-10"), true);
  });

  it("should reject an override with an invalid date", () => {
    assert.throws(() => createCalendar([{ date: "2027-02-29", kind: "holiday" }]), RangeError);
  });
});

describe("isWorkday speed", () => {
  it("should answer a cached date in well under a microsecond on average", () => {
    const cal = createCalendar();
    const dates: string[] = [];
    for (let d = 1; d <= 28; d++) dates.push(`2026-10-${String(d).padStart(2, "0")}`);
    for (const d of dates) cal.isWorkday(d); // warm the cache
    const calls = 28 * 40_000;
    const started = process.hrtime.bigint();
    let workdays = 0;
    for (let i = 0; i < calls; i++) if (cal.isWorkday(dates[i % dates.length])) workdays++;
    const nsPerCall = Number(process.hrtime.bigint() - started) / calls;
    // 16 working days in 10/1–10/28: 10/8, 10/9, Sat 10/10, 10/12–16, 10/19–23, 10/26–28.
    assert.equal(workdays, 16 * 40_000);
    // Generous bound so a loaded CI machine does not flake; the point is "a map lookup, not dayjs".
    assert.ok(nsPerCall < 1_000, `isWorkday took ${nsPerCall.toFixed(0)} ns per call`);
  });
});

describe("workdaysBefore", () => {
  const cal = createCalendar();
  it("should count back over weekends", () => {
    assert.equal(cal.workdaysBefore("2026-11-09", 3), "2026-11-04"); // Mon -> Wed before
  });
  it("should skip the 国庆 holiday and count the 9/20 Sunday make-up day", () => {
    assert.equal(cal.workdaysBefore("2026-10-08", 1), "2026-09-30");
    assert.equal(cal.workdaysBefore("2026-09-21", 1), "2026-09-20");
  });
  it("should refuse n below 1", () => {
    assert.throws(() => cal.workdaysBefore("2026-10-08", 0), RangeError);
  });
});
