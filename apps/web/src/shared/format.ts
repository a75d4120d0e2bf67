import dayjs from 'dayjs';

/** 2026-05-20 14:03 */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = dayjs(iso);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm') : iso;
}

/** 2026-05-20 (周三) — deadlines are calendar dates in Asia/Shanghai, shown with the weekday to spare a look at the calendar. */
export function formatDate(date: string | null | undefined, withWeekday = false): string {
  if (!date) return '—';
  const d = dayjs(date);
  if (!d.isValid()) return date;
  return withWeekday ? d.format('YYYY-MM-DD（ddd）') : d.format('YYYY-MM-DD');
}

/** "剩余3个工作日" / "今日到期" / "逾期2个工作日" */
export function describeDaysRemaining(days: number): string {
  if (days > 0) return `剩余${days}个工作日`;
  if (days === 0) return '今日到期';
  return `逾期${-days}个工作日`;
}

export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * A due instant as people read it: deadlines that end a day (23:59 Beijing time) show as the date
 * with its weekday; others keep their time.
 */
export function formatDue(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = dayjs(iso);
  if (!d.isValid()) return iso;
  return d.format('HH:mm') === '23:59' ? d.format('YYYY-MM-DD（ddd）') : d.format('YYYY-MM-DD HH:mm');
}
