import { AppError } from '@zhongshu/core';
import { createCalendar, isValidDate, toShanghaiDate } from '@zhongshu/core/calendar/index.ts';
import { calendar as calRepo, settings as settingsRepo } from '@zhongshu/db';
import type { AppContext } from '../../context.ts';
import { requireAdmin, type Actor } from '../../lib/actor.ts';
import { recordAudit } from '../../lib/audit.ts';
import { effectiveSettings, forgetSettings } from '../../lib/settings.ts';
import type { OverrideBody, SettingsBody } from './admin.schemas.ts';

export async function getCalendarYear(ctx: AppContext, actor: Actor, year?: number) {
  requireAdmin(actor, 'system');
  const y = year ?? Number(toShanghaiDate(ctx.now()).slice(0, 4));
  const overrides = await calRepo.listCalendarOverrides(ctx.db, y);
  return {
    year: y,
    hasPackageData: createCalendar([]).hasData(y),
    overrides: overrides.map((o) => ({ date: o.date, kind: o.kind, name: o.name })),
  };
}

export async function putCalendarOverride(ctx: AppContext, actor: Actor, body: OverrideBody) {
  requireAdmin(actor, 'system');
  if (!isValidDate(body.date)) throw new AppError('VALIDATION_FAILED', '日期：不是有效的日期', 'date');
  await ctx.db.transaction().execute(async (tx) => {
    await calRepo.upsertCalendarOverride(tx, { date: body.date, kind: body.kind, name: body.name ?? null, created_by: actor.id, created_at: ctx.now().toISOString() });
    await recordAudit(tx, ctx, actor, { action: 'admin.calendar_override', entityType: 'calendar', entityId: body.date, detail: body });
  });
  ctx.invalidateCalendar();
  return { ok: true };
}

export async function deleteCalendarOverride(ctx: AppContext, actor: Actor, date: string) {
  requireAdmin(actor, 'system');
  await ctx.db.transaction().execute(async (tx) => {
    if (!(await calRepo.deleteCalendarOverride(tx, date))) throw new AppError('NOT_FOUND');
    await recordAudit(tx, ctx, actor, { action: 'admin.calendar_override_delete', entityType: 'calendar', entityId: date });
  });
  ctx.invalidateCalendar();
  return { ok: true };
}

/** Warnings for the administrators' dashboard: a year whose holidays nobody has entered yet. */
export async function adminWarnings(ctx: AppContext, actor: Actor) {
  requireAdmin(actor, 'system', 'security', 'audit');
  const cal = await ctx.calendar();
  const thisYear = Number(toShanghaiDate(ctx.now()).slice(0, 4));
  const items: { code: string; message: string }[] = [];
  for (const y of [thisYear, thisYear + 1]) {
    if (!cal.hasData(y)) {
      items.push({ code: 'CALENDAR_YEAR_MISSING', message: `${y}年的法定节假日和调休安排尚未录入：落在该年的期限将按周一至周五计算。国务院办公厅通知发布后，请在"日历与设置"中录入。` });
    }
  }
  return { items };
}

export async function getSettings(ctx: AppContext, actor: Actor) {
  requireAdmin(actor, 'system');
  forgetSettings();
  return effectiveSettings(ctx);
}

export async function updateSettings(ctx: AppContext, actor: Actor, body: SettingsBody) {
  requireAdmin(actor, 'system');
  const before = await getSettings(ctx, actor);
  await ctx.db.transaction().execute(async (tx) => {
    for (const [k, v] of Object.entries(body)) if (v !== undefined) await settingsRepo.putSetting(tx, k, String(v));
    await recordAudit(tx, ctx, actor, { action: 'admin.settings', detail: { before, after: { ...before, ...body } } });
  });
  forgetSettings();
  return getSettings(ctx, actor);
}
