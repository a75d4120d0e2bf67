// Stub: the meetings web module fills this in.
export function MeetingSettingsPage() {
  return null;
}
