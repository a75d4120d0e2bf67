// Stub: the meetings web module fills this in.
export function MeetingCreatePage() {
  return null;
}
