// Stub: the meetings web module fills this in.
export function MeetingListPage() {
  return null;
}
