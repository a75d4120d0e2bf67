import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createCalendar } from "../calendar/calendar.ts";
import {
  computeColour,
  DEFAULT_SUPERVISION_CONFIG,
  expectedProgress,
  feedbackDueDates,
  feedbackLabel,
  measuredProgress,
  nextEscalation,
  nextFeedbackDue,
  onTimeRate,
  periodLabel,
  previousMonth,
  quarterOf,
  validateSupervisionConfig,
  validFeedbackDay,
  type ColourInput,
  type SupervisionConfig,
} from "./rules.ts";

// chinese-days data for 2026, as the calendar itself reports it (checked in the first test):
// 中秋 Fri 2026-09-25 is a holiday; 国庆 is Thu 2026-10-01 – Wed 2026-10-07; Sun 2026-09-20 and
// Sat 2026-10-10 are 调休 working days; 端午 Fri 2026-06-19 is a holiday; 春节 runs Sun 2026-02-15 –
// Mon 2026-02-23 (Sat 2026-02-14 and Sat 2026-02-28 are working days); 清明 Sat 2026-04-04 – Mon 2026-04-06.
const cal = createCalendar();
// Far away, so it never cuts a repeating cycle short.
const FAR = "2027-12-31";

const colour = (input: Partial<ColourInput> & Pick<ColourInput, "today" | "deadline">, config?: SupervisionConfig) =>
  computeColour(cal, { startDate: "2026-09-01", progress: 100, missedFeedbacks: 0, ...input }, config);

describe("the 2026 calendar data the tests rely on", () => {
  it("should have the 2026 arrangement around 国庆, 中秋, 端午, 春节 and 清明", () => {
    assert.equal(cal.hasData(2026), true);
    const rest = ["2026-09-25", "2026-10-01", "2026-10-02", "2026-10-05", "2026-10-07", "2026-06-19", "2026-02-20", "2026-02-23", "2026-04-06", "2026-10-17", "2026-10-18"];
    const work = ["2026-09-20", "2026-09-28", "2026-09-30", "2026-10-08", "2026-10-09", "2026-10-10", "2026-02-24", "2026-06-22", "2026-04-07", "2026-10-16", "2026-10-19", "2026-11-05", "2026-12-07"];
    for (const d of rest) assert.equal(cal.isWorkday(d), false, d);
    for (const d of work) assert.equal(cal.isWorkday(d), true, d);
  });
});

describe("computeColour: deadline", () => {
  it("should be green far from the deadline and on schedule, with no reasons", () => {
    // Start Mon 10-12, deadline Mon 10-26 (10 working days); on Tue 10-13 1 has passed → 10.0%; 9 left.
    assert.deepEqual(colour({ startDate: "2026-10-12", today: "2026-10-13", deadline: "2026-10-26", progress: 10 }), {
      colour: "green",
      expected: 10,
      behind: 0,
      workdaysLeft: 9,
      reasons: [],
    });
  });

  it("should turn yellow at exactly 3 working days left across a weekend, and stay green at 4", () => {
    // Deadline Mon 2026-10-19. From Wed 10-14: 10-15, 10-16, 10-19 = 3 working days (5 calendar days).
    const yellow = colour({ today: "2026-10-14", deadline: "2026-10-19" });
    assert.equal(yellow.workdaysLeft, 3);
    assert.equal(yellow.colour, "yellow");
    assert.deepEqual(yellow.reasons, ["距办理期限仅剩3个工作日"]);
    // From Tue 10-13: 10-14, 10-15, 10-16, 10-19 = 4.
    const green = colour({ today: "2026-10-13", deadline: "2026-10-19" });
    assert.equal(green.workdaysLeft, 4);
    assert.equal(green.colour, "green");
    assert.deepEqual(green.reasons, []);
  });

  it("should count working days across 国庆 2026, not calendar days", () => {
    // Deadline Fri 2026-10-09. From Tue 09-29: 09-30, 10-08, 10-09 = 3 working days, though 10 calendar days away.
    const yellow = colour({ today: "2026-09-29", deadline: "2026-10-09" });
    assert.equal(yellow.workdaysLeft, 3);
    assert.equal(yellow.colour, "yellow");
    assert.deepEqual(yellow.reasons, ["距办理期限仅剩3个工作日"]);
    // From Mon 09-28: 09-29, 09-30, 10-08, 10-09 = 4.
    const green = colour({ today: "2026-09-28", deadline: "2026-10-09" });
    assert.equal(green.workdaysLeft, 4);
    assert.equal(green.colour, "green");
  });

  it("should count the 调休 Saturday 2026-10-10 as a working day", () => {
    // Deadline Mon 2026-10-12. From Thu 10-08: 10-09, Sat 10-10, 10-12 = 3.
    assert.equal(colour({ today: "2026-10-08", deadline: "2026-10-12" }).workdaysLeft, 3);
    assert.equal(colour({ today: "2026-10-08", deadline: "2026-10-12" }).colour, "yellow");
    // From Wed 09-30: 10-08, 10-09, 10-10, 10-12 = 4 (the whole of 国庆 in between).
    assert.equal(colour({ today: "2026-09-30", deadline: "2026-10-12" }).workdaysLeft, 4);
    assert.equal(colour({ today: "2026-09-30", deadline: "2026-10-12" }).colour, "green");
  });

  it("should be yellow on the deadline day itself", () => {
    const result = colour({ today: "2026-10-16", deadline: "2026-10-16" });
    assert.equal(result.colour, "yellow");
    assert.equal(result.workdaysLeft, 0);
    assert.deepEqual(result.reasons, ["今天是办理期限（2026-10-16）"]);
  });

  it("should be red the day after the deadline", () => {
    const result = colour({ today: "2026-10-16", deadline: "2026-10-15" });
    assert.equal(result.colour, "red");
    assert.equal(result.workdaysLeft, -1);
    assert.deepEqual(result.reasons, ["已逾期（办理期限2026-10-15）"]);
    // Also when the day after is a rest day (Fri deadline, Sat today).
    const weekend = colour({ today: "2026-10-17", deadline: "2026-10-16" });
    assert.equal(weekend.colour, "red");
    assert.deepEqual(weekend.reasons, ["已逾期（办理期限2026-10-16）"]);
  });
});

describe("computeColour: missed feedbacks", () => {
  const base = { today: "2026-10-12", deadline: "2026-10-30" };

  it("should be green with none missed, yellow with 1 and red with 2 in a row", () => {
    assert.equal(colour({ ...base, missedFeedbacks: 0 }).colour, "green");
    assert.deepEqual(colour({ ...base, missedFeedbacks: 0 }).reasons, []);
    assert.equal(colour({ ...base, missedFeedbacks: 1 }).colour, "yellow");
    assert.deepEqual(colour({ ...base, missedFeedbacks: 1 }).reasons, ["1次未按期反馈"]);
    assert.equal(colour({ ...base, missedFeedbacks: 2 }).colour, "red");
    assert.deepEqual(colour({ ...base, missedFeedbacks: 2 }).reasons, ["连续2次未按期反馈"]);
    assert.deepEqual(colour({ ...base, missedFeedbacks: 3 }).reasons, ["连续3次未按期反馈"]);
  });
});

describe("computeColour: behind the straight-line schedule", () => {
  // Start Mon 2026-10-12, deadline Mon 2026-10-26: 10 working days (10-13…10-16, 10-19…10-23, 10-26).
  // Today Mon 2026-10-19: 5 of them elapsed (10-13…10-16, 10-19), so 50.0% is expected; 5 working days left.
  const at = (progress: number) => colour({ startDate: "2026-10-12", today: "2026-10-19", deadline: "2026-10-26", progress });

  it("should expect exactly 50.0% halfway through 10 working days", () => {
    assert.equal(cal.workdaysBetween("2026-10-12", "2026-10-26"), 10);
    assert.equal(cal.workdaysBetween("2026-10-12", "2026-10-19"), 5);
    assert.equal(at(50).expected, 50);
    assert.equal(at(50).workdaysLeft, 5);
  });

  it("should stay green at 9.9 points behind", () => {
    assert.deepEqual(at(40.1), { colour: "green", expected: 50, behind: 9.9, workdaysLeft: 5, reasons: [] });
  });

  it("should turn yellow at exactly 10 points behind", () => {
    assert.deepEqual(at(40), {
      colour: "yellow",
      expected: 50,
      behind: 10,
      workdaysLeft: 5,
      reasons: ["进度落后10.0个百分点（按时序应完成50.0%，实际40.0%）"],
    });
  });

  it("should still be yellow at exactly 30 points behind", () => {
    assert.deepEqual(at(20), {
      colour: "yellow",
      expected: 50,
      behind: 30,
      workdaysLeft: 5,
      reasons: ["进度落后30.0个百分点（按时序应完成50.0%，实际20.0%）"],
    });
  });

  it("should turn red at 30.1 points behind", () => {
    assert.deepEqual(at(19.9), {
      colour: "red",
      expected: 50,
      behind: 30.1,
      workdaysLeft: 5,
      reasons: ["进度落后30.1个百分点（按时序应完成50.0%，实际19.9%）"],
    });
  });

  it("should report being ahead as negative behind, and stay green", () => {
    assert.deepEqual(at(80), { colour: "green", expected: 50, behind: -30, workdaysLeft: 5, reasons: [] });
  });
});

describe("computeColour: several reasons and configuration", () => {
  it("should list red reasons before yellow ones", () => {
    // Overdue (red), 1 feedback missed (yellow), 35 points behind (red): the red behind reason comes before the yellow one.
    const result = colour({ startDate: "2026-10-12", today: "2026-10-27", deadline: "2026-10-26", progress: 65, missedFeedbacks: 1 });
    assert.deepEqual(result, {
      colour: "red",
      expected: 100,
      behind: 35,
      workdaysLeft: -1,
      reasons: ["已逾期（办理期限2026-10-26）", "进度落后35.0个百分点（按时序应完成100.0%，实际65.0%）", "1次未按期反馈"],
    });
  });

  it("should list yellow reasons in order deadline, feedbacks, schedule when none is red", () => {
    // Start 10-12, deadline 10-26, today Wed 10-21: 7 of 10 working days elapsed → 70.0% expected; 3 left.
    const result = colour({ startDate: "2026-10-12", today: "2026-10-21", deadline: "2026-10-26", progress: 50, missedFeedbacks: 1 });
    assert.deepEqual(result, {
      colour: "yellow",
      expected: 70,
      behind: 20,
      workdaysLeft: 3,
      reasons: ["距办理期限仅剩3个工作日", "1次未按期反馈", "进度落后20.0个百分点（按时序应完成70.0%，实际50.0%）"],
    });
  });

  it("should respect custom thresholds", () => {
    const config: SupervisionConfig = {
      ...DEFAULT_SUPERVISION_CONFIG,
      dueSoonWorkdays: 5,
      yellowBehindPoints: 20,
      redBehindPoints: 40,
      yellowMissedFeedbacks: 2,
      redMissedFeedbacks: 3,
    };
    const input = { startDate: "2026-10-12", today: "2026-10-19", deadline: "2026-10-26" };
    // 5 working days left: green by default, yellow with dueSoonWorkdays 5.
    assert.equal(colour({ ...input, progress: 50 }).colour, "green");
    assert.deepEqual(colour({ ...input, progress: 50 }, config).reasons, ["距办理期限仅剩5个工作日"]);
    // Without the deadline reason (dueSoonWorkdays 0), look at the other thresholds alone.
    const far = { ...config, dueSoonWorkdays: 0 };
    // 15 points behind: yellow by default, green with yellowBehindPoints 20.
    assert.equal(colour({ ...input, progress: 35 }).colour, "yellow");
    assert.equal(colour({ ...input, progress: 35 }, far).colour, "green");
    assert.equal(colour({ ...input, progress: 30 }, far).colour, "yellow");
    // 35 points behind: red by default, yellow with redBehindPoints 40; 40.1 red.
    assert.equal(colour({ ...input, progress: 15 }).colour, "red");
    assert.equal(colour({ ...input, progress: 15 }, far).colour, "yellow");
    assert.equal(colour({ ...input, progress: 10 }, far).colour, "yellow");
    assert.equal(colour({ ...input, progress: 9.9 }, far).colour, "red");
    // Missed feedbacks: 1 green, 2 yellow, 3 red.
    assert.equal(colour({ ...input, progress: 50, missedFeedbacks: 1 }, far).colour, "green");
    assert.deepEqual(colour({ ...input, progress: 50, missedFeedbacks: 2 }, far).reasons, ["2次未按期反馈"]);
    assert.deepEqual(colour({ ...input, progress: 50, missedFeedbacks: 3 }, far).reasons, ["连续3次未按期反馈"]);
    // dueSoonWorkdays 0: only the deadline day itself is yellow.
    assert.equal(colour({ today: "2026-10-15", deadline: "2026-10-16" }, far).colour, "green");
    assert.deepEqual(colour({ today: "2026-10-16", deadline: "2026-10-16" }, far).reasons, ["今天是办理期限（2026-10-16）"]);
  });
});

describe("expectedProgress", () => {
  it("should be 0 before and on the start date", () => {
    assert.equal(expectedProgress(cal, "2026-10-12", "2026-10-26", "2026-10-01"), 0);
    assert.equal(expectedProgress(cal, "2026-10-12", "2026-10-26", "2026-10-12"), 0);
  });

  it("should be 100 on and after the deadline", () => {
    assert.equal(expectedProgress(cal, "2026-10-12", "2026-10-26", "2026-10-26"), 100);
    assert.equal(expectedProgress(cal, "2026-10-12", "2026-10-26", "2026-11-30"), 100);
  });

  it("should advance by working days, one decimal", () => {
    assert.equal(expectedProgress(cal, "2026-10-12", "2026-10-26", "2026-10-13"), 10);
    // Saturday and Sunday add nothing: still 5 of 10 on Sat 10-17, Sun 10-18 and Mon 10-19.
    assert.equal(expectedProgress(cal, "2026-10-12", "2026-10-26", "2026-10-16"), 40);
    assert.equal(expectedProgress(cal, "2026-10-12", "2026-10-26", "2026-10-17"), 40);
    assert.equal(expectedProgress(cal, "2026-10-12", "2026-10-26", "2026-10-19"), 50);
    // Start Fri 10-16, deadline Fri 10-23: 5 working days; 1/5, then 2/5 … and thirds round to one decimal.
    assert.equal(expectedProgress(cal, "2026-10-16", "2026-10-21", "2026-10-19"), 33.3);
    assert.equal(expectedProgress(cal, "2026-10-16", "2026-10-21", "2026-10-20"), 66.7);
  });

  it("should be halfway in working days across 国庆, unlike the calendar-day fraction", () => {
    // Start Wed 09-30, deadline Wed 10-14: working days 10-08, 10-09, 10-10 (调休), 10-12, 10-13, 10-14 = 6.
    // On Sat 10-10, 3 of 6 have passed → 50.0%, while 10 of 14 calendar days (71.4%) have.
    assert.equal(cal.workdaysBetween("2026-09-30", "2026-10-14"), 6);
    assert.equal(expectedProgress(cal, "2026-09-30", "2026-10-14", "2026-10-10"), 50);
    const calendarFraction = Math.round((10 / 14) * 1000) / 10;
    assert.equal(calendarFraction, 71.4);
    assert.notEqual(expectedProgress(cal, "2026-09-30", "2026-10-14", "2026-10-10"), calendarFraction);
    // During the holiday nothing is expected yet.
    assert.equal(expectedProgress(cal, "2026-09-30", "2026-10-14", "2026-10-05"), 0);
    assert.equal(expectedProgress(cal, "2026-09-30", "2026-10-14", "2026-10-08"), 16.7);
  });

  it("should expect everything when the period has no working day at all", () => {
    // 10-01 to 10-07 is all 国庆.
    assert.equal(expectedProgress(cal, "2026-10-01", "2026-10-07", "2026-10-03"), 100);
  });
});

describe("nextFeedbackDue: once", () => {
  it("should be due on the deadline only, and null from the deadline on", () => {
    assert.equal(nextFeedbackDue(cal, "once", null, "2026-10-08", "2026-10-23"), "2026-10-23");
    assert.equal(nextFeedbackDue(cal, "once", null, "2026-10-22", "2026-10-23"), "2026-10-23");
    assert.equal(nextFeedbackDue(cal, "once", null, "2026-10-23", "2026-10-23"), null);
    assert.equal(nextFeedbackDue(cal, "once", null, "2026-10-24", "2026-10-23"), null);
    assert.deepEqual(feedbackDueDates(cal, "once", null, "2026-10-01", "2026-12-31", "2026-10-23"), ["2026-10-23"]);
    assert.deepEqual(feedbackDueDates(cal, "once", null, "2026-10-01", "2026-10-22", "2026-10-23"), []);
  });

  it("should give null for an invalid date", () => {
    assert.equal(nextFeedbackDue(cal, "once", null, "2026-10-32", "2026-10-23"), null);
    assert.equal(nextFeedbackDue(cal, "weekly", 5, "2026/10/08", FAR), null);
  });
});

describe("nextFeedbackDue: weekly", () => {
  it("should be due every Friday across weeks", () => {
    assert.deepEqual(feedbackDueDates(cal, "weekly", 5, "2026-10-12", "2026-10-31", FAR), ["2026-10-16", "2026-10-23", "2026-10-30"]);
  });

  it("should be strictly after: a due date itself gives the next week's", () => {
    assert.equal(nextFeedbackDue(cal, "weekly", 5, "2026-10-15", FAR), "2026-10-16");
    assert.equal(nextFeedbackDue(cal, "weekly", 5, "2026-10-16", FAR), "2026-10-23");
    assert.equal(nextFeedbackDue(cal, "weekly", 5, "2026-10-17", FAR), "2026-10-23");
  });

  it("should move a Friday holiday to the next working day (中秋 09-25, 国庆 10-02, 端午 06-19, 春节 02-20)", () => {
    assert.equal(nextFeedbackDue(cal, "weekly", 5, "2026-09-24", FAR), "2026-09-28");
    assert.equal(nextFeedbackDue(cal, "weekly", 5, "2026-09-28", FAR), "2026-10-08");
    assert.equal(nextFeedbackDue(cal, "weekly", 5, "2026-10-08", FAR), "2026-10-09");
    assert.equal(nextFeedbackDue(cal, "weekly", 5, "2026-06-18", FAR), "2026-06-22");
    assert.equal(nextFeedbackDue(cal, "weekly", 5, "2026-02-19", FAR), "2026-02-24");
    assert.deepEqual(feedbackDueDates(cal, "weekly", 5, "2026-09-18", "2026-10-16", FAR), ["2026-09-28", "2026-10-08", "2026-10-09", "2026-10-16"]);
  });

  it("should still give a moved Friday's due date when asked from a day after that Friday but before the due date", () => {
    // Fri 10-02 (国庆) is due on Thu 10-08. Asked on any day of the holiday, the next due date is 10-08, not 10-09.
    for (const after of ["2026-10-02", "2026-10-03", "2026-10-05", "2026-10-07"]) {
      assert.equal(nextFeedbackDue(cal, "weekly", 5, after, FAR), "2026-10-08", after);
    }
    // Fri 02-20 (春节) is due on Tue 02-24.
    assert.equal(nextFeedbackDue(cal, "weekly", 5, "2026-02-21", FAR), "2026-02-24");
    // A Saturday cycle: Sat 10-17 is due on Mon 10-19; asked on 10-17 the next due date is 10-19, not 10-26.
    assert.equal(nextFeedbackDue(cal, "weekly", 6, "2026-10-17", FAR), "2026-10-19");
    // feedbackDueDates promises every due date in (from, to]: 10-08 lies in (10-03, 10-16].
    assert.deepEqual(feedbackDueDates(cal, "weekly", 5, "2026-10-03", "2026-10-16", FAR), ["2026-10-08", "2026-10-09", "2026-10-16"]);
  });

  it("should default to Friday and keep a 调休 working Saturday as it is", () => {
    assert.equal(nextFeedbackDue(cal, "weekly", null, "2026-10-12", FAR), "2026-10-16");
    // Sat 10-10 is a 调休 working day.
    assert.equal(nextFeedbackDue(cal, "weekly", 6, "2026-10-09", FAR), "2026-10-10");
    // Mondays: Mon 10-05 (国庆) moves to 10-08.
    assert.equal(nextFeedbackDue(cal, "weekly", 1, "2026-09-28", FAR), "2026-10-08");
  });

  it("should keep repeating past the deadline while the item stays open", () => {
    assert.equal(nextFeedbackDue(cal, "weekly", 5, "2026-10-16", "2026-10-20"), "2026-10-23");
  });
});

describe("nextFeedbackDue: monthly", () => {
  it("should move the 5th in 国庆 (Mon 2026-10-05) to the first working day after the holiday", () => {
    assert.equal(nextFeedbackDue(cal, "monthly", 5, "2026-09-30", FAR), "2026-10-08");
  });

  it("should still give the moved 5th when asked after the 5th but before the day it moved to", () => {
    for (const after of ["2026-10-04", "2026-10-05", "2026-10-07"]) {
      assert.equal(nextFeedbackDue(cal, "monthly", 5, after, FAR), "2026-10-08", after);
    }
  });

  it("should be strictly after: a due date itself gives the next month's", () => {
    assert.equal(nextFeedbackDue(cal, "monthly", 5, "2026-10-08", FAR), "2026-11-05");
    assert.equal(nextFeedbackDue(cal, "monthly", 5, "2026-11-04", FAR), "2026-11-05");
    assert.equal(nextFeedbackDue(cal, "monthly", 5, "2026-11-05", FAR), "2026-12-07");
  });

  it("should roll over from December to January", () => {
    // Sat 2026-12-05 moves to Mon 12-07; then Tue 2027-01-05.
    assert.equal(nextFeedbackDue(cal, "monthly", 5, "2026-12-06", FAR), "2026-12-07");
    assert.equal(nextFeedbackDue(cal, "monthly", 5, "2026-12-07", FAR), "2027-01-05");
    assert.equal(nextFeedbackDue(cal, "monthly", 20, "2026-12-31", FAR), "2027-01-20");
  });

  it("should list the due dates between two dates exactly: after `from`, up to and including `to`", () => {
    assert.deepEqual(feedbackDueDates(cal, "monthly", 5, "2026-09-01", "2026-12-31", FAR), ["2026-09-07", "2026-10-08", "2026-11-05", "2026-12-07"]);
    assert.deepEqual(feedbackDueDates(cal, "monthly", 5, "2026-09-07", "2026-11-05", FAR), ["2026-10-08", "2026-11-05"]);
    assert.deepEqual(feedbackDueDates(cal, "monthly", 5, "2026-09-07", "2026-11-04", FAR), ["2026-10-08"]);
    assert.deepEqual(feedbackDueDates(cal, "monthly", 5, "2026-10-08", "2026-10-31", FAR), []);
  });

  it("should accept day 28 in February", () => {
    // Sat 2026-02-28 is a 调休 working day.
    assert.equal(nextFeedbackDue(cal, "monthly", 28, "2026-02-01", FAR), "2026-02-28");
  });
});

describe("nextFeedbackDue: quarterly", () => {
  it("should be due only in January, April, July and October", () => {
    assert.deepEqual(feedbackDueDates(cal, "quarterly", 5, "2026-01-01", "2026-12-31", FAR), ["2026-01-05", "2026-04-07", "2026-07-06", "2026-10-08"]);
  });

  it("should skip the other months and roll over to January", () => {
    // Sun 04-05 (清明) moves to Tue 04-07.
    assert.equal(nextFeedbackDue(cal, "quarterly", 5, "2026-02-10", FAR), "2026-04-07");
    assert.equal(nextFeedbackDue(cal, "quarterly", 5, "2026-04-07", FAR), "2026-07-06");
    assert.equal(nextFeedbackDue(cal, "quarterly", 5, "2026-10-05", FAR), "2026-10-08");
    assert.equal(nextFeedbackDue(cal, "quarterly", 5, "2026-10-08", FAR), "2027-01-05");
    assert.equal(nextFeedbackDue(cal, "quarterly", null, "2026-11-15", FAR), "2027-01-05");
  });
});

describe("validFeedbackDay", () => {
  it("should accept weekly 1–7 only", () => {
    assert.equal(validFeedbackDay("weekly", 0), false);
    assert.equal(validFeedbackDay("weekly", 1), true);
    assert.equal(validFeedbackDay("weekly", 7), true);
    assert.equal(validFeedbackDay("weekly", 8), false);
    assert.equal(validFeedbackDay("weekly", null), false);
    assert.equal(validFeedbackDay("weekly", 5.5), false);
  });

  it("should accept monthly and quarterly 1–28 only", () => {
    for (const cycle of ["monthly", "quarterly"] as const) {
      assert.equal(validFeedbackDay(cycle, 0), false, cycle);
      assert.equal(validFeedbackDay(cycle, 1), true, cycle);
      assert.equal(validFeedbackDay(cycle, 28), true, cycle);
      assert.equal(validFeedbackDay(cycle, 29), false, cycle);
      assert.equal(validFeedbackDay(cycle, null), false, cycle);
    }
  });

  it("should accept only null for once", () => {
    assert.equal(validFeedbackDay("once", null), true);
    assert.equal(validFeedbackDay("once", 1), false);
    assert.equal(validFeedbackDay("once", 0), false);
  });
});

describe("feedbackLabel", () => {
  it("should describe each cycle in Chinese", () => {
    assert.equal(feedbackLabel("once", null), "办理期限前反馈一次");
    assert.equal(feedbackLabel("weekly", 5), "每周周五前反馈（遇节假日顺延）");
    assert.equal(feedbackLabel("weekly", 1), "每周周一前反馈（遇节假日顺延）");
    assert.equal(feedbackLabel("weekly", 7), "每周周日前反馈（遇节假日顺延）");
    assert.equal(feedbackLabel("weekly", null), "每周周五前反馈（遇节假日顺延）");
    assert.equal(feedbackLabel("monthly", 10), "每月10日前反馈（遇节假日顺延）");
    assert.equal(feedbackLabel("monthly", null), "每月5日前反馈（遇节假日顺延）");
    assert.equal(feedbackLabel("quarterly", 5), "每季度首月5日前反馈上季度进展（遇节假日顺延）");
  });
});

describe("measuredProgress", () => {
  it("should weight each task's share", () => {
    // (1 × 5/10 + 3 × 4/4) ÷ 4 = 87.5%.
    assert.equal(measuredProgress([{ target: 10, current: 5, weight: 1 }, { target: 4, current: 4, weight: 3 }]), 87.5);
    // (3 × 5/10 + 1 × 0) ÷ 4 = 37.5%.
    assert.equal(measuredProgress([{ target: 10, current: 5, weight: 3 }, { target: 4, current: 0, weight: 1 }]), 37.5);
  });

  it("should cap over-achievement at 100% per task", () => {
    assert.equal(measuredProgress([{ target: 10, current: 20, weight: 1 }, { target: 10, current: 0, weight: 1 }]), 50);
    assert.equal(measuredProgress([{ target: 10, current: 30, weight: 1 }]), 100);
  });

  it("should ignore tasks with zero or negative weight", () => {
    assert.equal(
      measuredProgress([
        { target: 10, current: 5, weight: 2 },
        { target: 10, current: 10, weight: 0 },
        { target: 10, current: 10, weight: -3 },
      ]),
      50,
    );
    assert.equal(measuredProgress([{ target: 10, current: 10, weight: 0 }, { target: 10, current: 10, weight: -1 }]), 0);
  });

  it("should count negative current as nothing done", () => {
    assert.equal(measuredProgress([{ target: 10, current: -5, weight: 1 }, { target: 10, current: 10, weight: 1 }]), 50);
  });

  it("should be 0 without tasks", () => {
    assert.equal(measuredProgress([]), 0);
  });

  it("should round to one decimal", () => {
    assert.equal(measuredProgress([{ target: 3, current: 1, weight: 1 }]), 33.3);
    assert.equal(measuredProgress([{ target: 3, current: 2, weight: 1 }]), 66.7);
    assert.equal(measuredProgress([{ target: 10, current: 10, weight: 1 }, { target: 10, current: 0, weight: 2 }]), 33.3);
  });
});

describe("nextEscalation", () => {
  it("should send a 催办单 first, then 督办通知单 every time after", () => {
    assert.equal(nextEscalation(0), "chase");
    assert.equal(nextEscalation(1), "supervise");
    assert.equal(nextEscalation(2), "supervise");
    assert.equal(nextEscalation(5), "supervise");
  });
});

describe("onTimeRate", () => {
  it("should be null when nothing was due or done", () => {
    assert.equal(onTimeRate(0, 0, 0), null);
  });

  it("should divide on-time completions by completions plus overdue open items, one decimal", () => {
    assert.equal(onTimeRate(6, 7, 0), 85.7);
    assert.equal(onTimeRate(0, 0, 2), 0);
    assert.equal(onTimeRate(5, 5, 0), 100);
    assert.equal(onTimeRate(3, 4, 2), 50);
    assert.equal(onTimeRate(1, 2, 1), 33.3);
  });
});

describe("previousMonth", () => {
  it("should give the month before, across the year boundary in January", () => {
    assert.deepEqual(previousMonth("2026-01-15"), { start: "2025-12-01", end: "2025-12-31", label: "2025年12月" });
    assert.deepEqual(previousMonth("2026-01-01"), { start: "2025-12-01", end: "2025-12-31", label: "2025年12月" });
  });

  it("should end February on the 29th in a leap year and the 28th otherwise", () => {
    assert.deepEqual(previousMonth("2028-03-01"), { start: "2028-02-01", end: "2028-02-29", label: "2028年2月" });
    assert.deepEqual(previousMonth("2026-03-31"), { start: "2026-02-01", end: "2026-02-28", label: "2026年2月" });
  });

  it("should end 30- and 31-day months correctly", () => {
    assert.deepEqual(previousMonth("2026-10-01"), { start: "2026-09-01", end: "2026-09-30", label: "2026年9月" });
    assert.deepEqual(previousMonth("2026-11-30"), { start: "2026-10-01", end: "2026-10-31", label: "2026年10月" });
    assert.deepEqual(previousMonth("2026-12-31"), { start: "2026-11-01", end: "2026-11-30", label: "2026年11月" });
  });
});

describe("quarterOf", () => {
  it("should give each quarter's first and last day", () => {
    assert.deepEqual(quarterOf("2026-01-01"), { start: "2026-01-01", end: "2026-03-31", label: "2026年第1季度" });
    assert.deepEqual(quarterOf("2026-03-31"), { start: "2026-01-01", end: "2026-03-31", label: "2026年第1季度" });
    assert.deepEqual(quarterOf("2026-04-01"), { start: "2026-04-01", end: "2026-06-30", label: "2026年第2季度" });
    assert.deepEqual(quarterOf("2026-09-30"), { start: "2026-07-01", end: "2026-09-30", label: "2026年第3季度" });
    assert.deepEqual(quarterOf("2026-10-08"), { start: "2026-10-01", end: "2026-12-31", label: "2026年第4季度" });
    assert.deepEqual(quarterOf("2026-12-31"), { start: "2026-10-01", end: "2026-12-31", label: "2026年第4季度" });
  });
});

describe("periodLabel", () => {
  it("should name a whole month by the month", () => {
    assert.equal(periodLabel("2026-10-01", "2026-10-31"), "2026年10月");
    assert.equal(periodLabel("2028-02-01", "2028-02-29"), "2028年2月");
    assert.equal(periodLabel("2026-12-01", "2026-12-31"), "2026年12月");
  });

  it("should name any other period by its first and last day", () => {
    assert.equal(periodLabel("2026-10-01", "2026-11-15"), "2026年10月1日至2026年11月15日");
    assert.equal(periodLabel("2026-10-01", "2026-10-30"), "2026年10月1日至2026年10月30日");
    assert.equal(periodLabel("2026-10-02", "2026-10-31"), "2026年10月2日至2026年10月31日");
    assert.equal(periodLabel("2026-10-01", "2026-11-30"), "2026年10月1日至2026年11月30日");
    assert.equal(periodLabel("2025-12-01", "2026-12-31"), "2025年12月1日至2026年12月31日");
  });
});

describe("validateSupervisionConfig", () => {
  it("should accept the defaults", () => {
    assert.equal(validateSupervisionConfig({ ...DEFAULT_SUPERVISION_CONFIG }), null);
  });

  it("should accept each bound itself", () => {
    const ok: Partial<SupervisionConfig>[] = [
      { receiptWorkdays: 1 },
      { receiptWorkdays: 10 },
      { dueSoonWorkdays: 0 },
      { dueSoonWorkdays: 20 },
      { yellowBehindPoints: 1 },
      { redBehindPoints: 100 },
      { yellowBehindPoints: 30, redBehindPoints: 30 },
      { yellowMissedFeedbacks: 2, redMissedFeedbacks: 2 },
      { escalationReplyWorkdays: 20 },
      { interviewRedThreshold: 1 },
    ];
    for (const change of ok) assert.equal(validateSupervisionConfig({ ...DEFAULT_SUPERVISION_CONFIG, ...change }), null, JSON.stringify(change));
  });

  it("should refuse values out of bounds or not whole numbers, naming the field", () => {
    const bad: [Partial<SupervisionConfig>, string, string][] = [
      [{ receiptWorkdays: 0 }, "receiptWorkdays", "签收时限（工作日）：请填写1到10之间的整数"],
      [{ receiptWorkdays: 11 }, "receiptWorkdays", "签收时限（工作日）：请填写1到10之间的整数"],
      [{ dueSoonWorkdays: -1 }, "dueSoonWorkdays", "临期黄灯（工作日）：请填写0到20之间的整数"],
      [{ dueSoonWorkdays: 21 }, "dueSoonWorkdays", "临期黄灯（工作日）：请填写0到20之间的整数"],
      [{ dueSoonWorkdays: 2.5 }, "dueSoonWorkdays", "临期黄灯（工作日）：请填写0到20之间的整数"],
      [{ yellowBehindPoints: 0 }, "yellowBehindPoints", "黄灯进度落后（百分点）：请填写1到100之间的整数"],
      [{ redBehindPoints: 101 }, "redBehindPoints", "红灯进度落后（百分点）：请填写1到100之间的整数"],
      [{ yellowMissedFeedbacks: 0 }, "yellowMissedFeedbacks", "黄灯未按期反馈（次）：请填写1到10之间的整数"],
      [{ redMissedFeedbacks: 11 }, "redMissedFeedbacks", "红灯未按期反馈（次）：请填写1到10之间的整数"],
      [{ escalationReplyWorkdays: 0 }, "escalationReplyWorkdays", "催办回复时限（工作日）：请填写1到20之间的整数"],
      [{ interviewRedThreshold: 21 }, "interviewRedThreshold", "约谈提议红灯数（每季度）：请填写1到20之间的整数"],
      [{ receiptWorkdays: Number.NaN }, "receiptWorkdays", "签收时限（工作日）：请填写1到10之间的整数"],
    ];
    for (const [change, field, message] of bad) {
      assert.deepEqual(validateSupervisionConfig({ ...DEFAULT_SUPERVISION_CONFIG, ...change }), { field, message }, JSON.stringify(change));
    }
  });

  it("should refuse red thresholds below the yellow ones", () => {
    assert.deepEqual(validateSupervisionConfig({ ...DEFAULT_SUPERVISION_CONFIG, yellowBehindPoints: 20, redBehindPoints: 19 }), {
      field: "redBehindPoints",
      message: "红灯进度落后（百分点）：不能小于黄灯的百分点",
    });
    assert.deepEqual(validateSupervisionConfig({ ...DEFAULT_SUPERVISION_CONFIG, yellowMissedFeedbacks: 3, redMissedFeedbacks: 2 }), {
      field: "redMissedFeedbacks",
      message: "红灯未按期反馈（次）：不能小于黄灯的次数",
    });
  });
});
