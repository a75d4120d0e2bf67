// Stub: the meetings web module fills this in.
export function MeetingCalendarPage() {
  return null;
}
