// Stub: the meetings web module fills this in.
export function MeetingDetailPage() {
  return null;
}
