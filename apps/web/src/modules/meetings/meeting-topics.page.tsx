// Stub: the meetings web module fills this in.
export function MeetingTopicsPage() {
  return null;
}
