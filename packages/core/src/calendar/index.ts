/** Working-day calendar: 法定节假日, 调休 and administrator overrides; deadlines in Asia/Shanghai dates. */
export { createCalendar, isValidDate, shanghaiEndOfDay, toShanghaiDate } from "./calendar.ts";
export type { DayOverride, DeadlineResult, WorkCalendar } from "./calendar.ts";
