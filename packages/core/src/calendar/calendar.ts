/**
 * Working-day calendar (工作日历) for deadlines.
 *
 * Dates are plain "YYYY-MM-DD" strings meaning a local date in Asia/Shanghai. Day arithmetic is
 * done on integer day numbers (days since 1970-01-01) rather than on `Date`, so no host time zone
 * and no `Date` year-0–99 quirk can shift a date.
 *
 * Source of truth, in order: administrator overrides (stored in the database, passed in), then the
 * `chinese-days` package (法定节假日 and 调休), then plain Monday–Friday. `chinese-days` answers
 * silently wrong for years it has no data for (it simply treats them as Mon–Fri, REGULATIONS E.2),
 * so we detect data presence per year and report it on every deadline.
 */
import chineseDays from "chinese-days";

/** An administrator's correction for one date, e.g. a year's State Council arrangement entered before the package knows it. */
export type DayOverride = { date: string; kind: "holiday" | "workday"; name?: string };

/** A computed deadline together with how it was computed, so the record can say which rule produced it. */
export type DeadlineResult = {
  /** The deadline date, "YYYY-MM-DD" (Asia/Shanghai). */
  date: string;
  rule: "workdays" | "calendar_days";
  n: number;
  /** True when a calendar-day period ended on a rest day and was moved to the next working day. */
  rolledForward: boolean;
  /** True when a year touched by the computation has neither package data nor overrides. */
  computedWithoutData: boolean;
  /** Chinese description of the rule, shown to users next to the deadline. */
  ruleText: string;
};

/** Working-day queries over one fixed set of overrides. Create a new calendar when overrides change. */
export interface WorkCalendar {
  /** Override first, else chinese-days (weekdays that are not holidays, plus 调休 weekend workdays); a year without any data counts Mon–Fri. */
  isWorkday(date: string): boolean;
  /** The package has that year's arrangement, or overrides exist for that year. */
  hasData(year: number): boolean;
  /** The n-th working day after `start` (start itself not counted); n >= 1. */
  addWorkdays(start: string, n: number): DeadlineResult;
  /** start + n days (民法典 第201条: the start day is not counted); an end on a rest day rolls forward to the next working day; n >= 1. */
  addCalendarDays(start: string, n: number): DeadlineResult;
  /** Working days after `from` up to and including `to`; negative (counted the other way) when to < from; 0 when equal. */
  workdaysBetween(from: string, to: string): number;
  /** The first working day strictly after `date`. */
  nextWorkday(date: string): string;
  /** The working day `n` working days before `date` (for "due within n working days" reminders); n >= 1. */
  workdaysBefore(date: string, n: number): string;
}

const MS_PER_DAY = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000; // Asia/Shanghai is UTC+8 all year; China has had no DST since 1991.
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

const WORKDAYS_RULE_TEXT = "个工作日（按法定节假日和调休计算）";
const CALENDAR_DAYS_RULE_TEXT = "日（期满日为节假日的顺延至下一个工作日）";
const WITHOUT_DATA_TEXT = "（该年度节假日安排尚未录入，按周一至周五计算）";

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * True for a strict "YYYY-MM-DD" string naming a real calendar date (years 0001–9999).
 * Rejects "2026-2-3", "2026-02-30", "2026-02-03T00:00" and anything `Date.parse` would bend into shape.
 */
export function isValidDate(s: string): boolean {
  if (typeof s !== "string") return false;
  const m = DATE_PATTERN.exec(s);
  if (m === null) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's days_from_civil). */
function toDayNumber(date: string): number {
  if (!isValidDate(date)) {
    throw new RangeError(`Invalid date "${date}": expected a real calendar date as YYYY-MM-DD`);
  }
  let y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  if (m <= 2) y -= 1;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Inverse of {@link toDayNumber} (H. Hinnant's civil_from_days). */
function fromDayNumber(dayNumber: number): string {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  if (y < 1 || y > 9999) throw new RangeError(`Date out of range (year ${y})`);
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** 0 = Sunday … 6 = Saturday; 1970-01-01 was a Thursday. */
function weekdayOf(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

/** The local date in Asia/Shanghai of an instant, as "YYYY-MM-DD". */
export function toShanghaiDate(instant: Date): string {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError("Invalid Date");
  // Shifting by the fixed offset and reading UTC fields gives Shanghai wall time without Intl,
  // which is both faster and independent of the host's ICU data.
  const iso = new Date(ms + SHANGHAI_OFFSET_MS).toISOString();
  // Years outside 0000–9999 come out as "+010000-…", which no date column expects.
  if (iso.length !== 24) throw new RangeError(`Instant out of range: ${iso}`);
  return iso.slice(0, 10);
}

/** 23:59:59.999 on `date` in Asia/Shanghai, as an instant: the moment a deadline on that date expires (民法典 第203条: 24:00). */
export function shanghaiEndOfDay(date: string): Date {
  return new Date((toDayNumber(date) + 1) * MS_PER_DAY - SHANGHAI_OFFSET_MS - 1);
}

// Whether the package has a year's arrangement never changes at run time, so it is shared by all calendars.
const packageYearHasData = new Map<number, boolean>();

function packageHasData(year: number): boolean {
  let has = packageYearHasData.get(year);
  if (has === undefined) {
    // With includeWeekends=false the package lists only dates from its own holiday table, so an
    // empty list means "no arrangement for this year" rather than "a year without holidays"
    // (every year has at least 元旦). Checked per year so a package update adding 2027 just works.
    has = year >= 1 && year <= 9999 && chineseDays.getHolidaysInRange(`${String(year).padStart(4, "0")}-01-01`, `${String(year).padStart(4, "0")}-12-31`, false).length > 0;
    packageYearHasData.set(year, has);
  }
  return has;
}

function requirePositiveInteger(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new RangeError(`${what} must be an integer >= 1, got ${n}`);
  }
}

/**
 * Builds a calendar over the given overrides (for one date the last override wins).
 * Answers are cached per date, since `isWorkday` runs for every row of a list.
 */
export function createCalendar(overrides: readonly DayOverride[] = []): WorkCalendar {
  const overrideByDate = new Map<string, boolean>();
  const overrideYears = new Set<number>();
  for (const o of overrides) {
    if (!isValidDate(o.date)) {
      throw new RangeError(`Invalid override date "${o.date}": expected YYYY-MM-DD`);
    }
    if (o.kind !== "holiday" && o.kind !== "workday") {
      throw new RangeError(`Invalid override kind "${String(o.kind)}" for ${o.date}`);
    }
    overrideByDate.set(o.date, o.kind === "workday");
    overrideYears.add(yearOf(o.date));
  }

  const workdayCache = new Map<string, boolean>();

  function hasData(year: number): boolean {
    return overrideYears.has(year) || packageHasData(year);
  }

  function isWorkdayAt(date: string, dayNumber: number): boolean {
    let answer = workdayCache.get(date);
    if (answer !== undefined) return answer;
    const override = overrideByDate.get(date);
    if (override !== undefined) {
      answer = override;
    } else if (packageHasData(yearOf(date))) {
      answer = chineseDays.isWorkday(date);
    } else {
      const wd = weekdayOf(dayNumber);
      answer = wd >= 1 && wd <= 5;
    }
    workdayCache.set(date, answer);
    return answer;
  }

  function isWorkday(date: string): boolean {
    const cached = workdayCache.get(date);
    if (cached !== undefined) return cached;
    return isWorkdayAt(date, toDayNumber(date));
  }

  /** Steps forward from `dayNumber` to the first working day strictly after it; records years seen. */
  function nextWorkdayNumber(dayNumber: number, yearsSeen: Set<number>): number {
    // Guard against a misconfigured override table (e.g. a whole year entered as holidays):
    // no real arrangement has a rest period anywhere near this long.
    for (let k = dayNumber + 1, limit = dayNumber + 366; k <= limit; k++) {
      const date = fromDayNumber(k);
      yearsSeen.add(yearOf(date));
      if (isWorkdayAt(date, k)) return k;
    }
    throw new RangeError(`No working day within a year after ${fromDayNumber(dayNumber)}; check the calendar overrides`);
  }

  function anyYearWithoutData(yearsSeen: Set<number>): boolean {
    for (const y of yearsSeen) if (!hasData(y)) return true;
    return false;
  }

  function addWorkdays(start: string, n: number): DeadlineResult {
    requirePositiveInteger(n, "n");
    let k = toDayNumber(start);
    const yearsSeen = new Set<number>();
    for (let i = 0; i < n; i++) k = nextWorkdayNumber(k, yearsSeen);
    const computedWithoutData = anyYearWithoutData(yearsSeen);
    return {
      date: fromDayNumber(k),
      rule: "workdays",
      n,
      rolledForward: false,
      computedWithoutData,
      ruleText: `${n}${WORKDAYS_RULE_TEXT}${computedWithoutData ? WITHOUT_DATA_TEXT : ""}`,
    };
  }

  function addCalendarDays(start: string, n: number): DeadlineResult {
    requirePositiveInteger(n, "n");
    const end = toDayNumber(start) + n;
    const endDate = fromDayNumber(end);
    // Only the end date and any days rolled over matter: the days in between are counted whatever they are.
    const yearsSeen = new Set<number>([yearOf(endDate)]);
    const rolledForward = !isWorkdayAt(endDate, end);
    const final = rolledForward ? nextWorkdayNumber(end, yearsSeen) : end;
    const computedWithoutData = anyYearWithoutData(yearsSeen);
    return {
      date: fromDayNumber(final),
      rule: "calendar_days",
      n,
      rolledForward,
      computedWithoutData,
      ruleText: `${n}${CALENDAR_DAYS_RULE_TEXT}${computedWithoutData ? WITHOUT_DATA_TEXT : ""}`,
    };
  }

  // By day number, so counting across a range does not build a date string for every day.
  const workdayByNumber = new Map<number, boolean>();
  function isWorkdayNumber(k: number): boolean {
    let answer = workdayByNumber.get(k);
    if (answer === undefined) {
      answer = isWorkdayAt(fromDayNumber(k), k);
      workdayByNumber.set(k, answer);
    }
    return answer;
  }

  function workdaysBetween(from: string, to: string): number {
    const a = toDayNumber(from);
    const b = toDayNumber(to);
    if (a === b) return 0;
    const [lo, hi, sign] = a < b ? [a, b, 1] : [b, a, -1];
    let count = 0;
    for (let k = lo + 1; k <= hi; k++) {
      if (isWorkdayNumber(k)) count++;
    }
    return sign * count;
  }

  function nextWorkday(date: string): string {
    return fromDayNumber(nextWorkdayNumber(toDayNumber(date), new Set()));
  }

  function workdaysBefore(date: string, n: number): string {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a positive integer, got ${n}`);
    let k = toDayNumber(date);
    for (let counted = 0; counted < n; ) {
      k--;
      if (isWorkdayNumber(k)) counted++;
    }
    return fromDayNumber(k);
  }

  return { isWorkday, hasData, addWorkdays, addCalendarDays, workdaysBetween, nextWorkday, workdaysBefore };
}
