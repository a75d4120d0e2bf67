/**
 * The 纪要's attendance lines (GB/T 9704 10.3) from a meeting's invitation list and 回执:
 * 出席 (members), 列席 (non-voting attendees) and 请假 (leave, each with its reason).
 */

/** One invited party as the minutes need it. */
export interface AttendanceEntry {
  /** A person invited by name, or a unit invited as a unit (its 回执 names who comes). */
  kind: 'person' | 'unit';
  /** The person's name, or the unit's name. */
  name: string;
  /** The person's post, e.g. 县发改局局长; used where it helps the reader (列席). */
  post?: string | null;
  /** attend (出席) | observe (列席) */
  role: 'attend' | 'observe';
  /** pending | attending | leave (请假) */
  reply: 'pending' | 'attending' | 'leave';
  /** A unit's 回执: who comes for it, names separated by 、 or commas. */
  attendeeNames?: string | null;
  /** Why a party is on leave, e.g. 出差. */
  leaveReason?: string | null;
}

export interface AttendanceLists {
  /** 出席 */
  attendees: string[];
  /** 请假 */
  absentees: string[];
  /** 列席 */
  nonVotingAttendees: string[];
}

/** Names as the minutes write them: separated by 、, whatever the clerk typed between them. */
function nameList(text: string | null | undefined): string[] {
  return (text ?? '')
    .split(SEPARATORS)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

// The 公文 engine reads an attendance line as names separated by these (text-forms.ts splitNames).
const SEPARATORS = /[、，,；;\s]+/;

/**
 * A reason or post in full-width brackets, cut at its first separator: "参加培训，无法到会" becomes
 * "（参加培训）", so the line still reads back name by name.
 */
function bracketed(text: string): string {
  const first = text.trim().split(SEPARATORS)[0]!.replace(/[。.！!？?]+$/, '');
  return first ? `（${first}）` : '';
}

/**
 * The three attendance lines, in the order of the invitation list. A party that has not asked for leave
 * is listed where it was invited (出席 or 列席): the office records the 回执 it receives, and an
 * invitee who has not answered is expected. A person is written by name — with the post, in brackets,
 * when they sit in (列席) and the reader may not know them; a unit as each person its 回执 names, after
 * the unit's name ("县发改局冯磊"), or by its name alone. Leave is written with its reason: "李明（出差）".
 * Every line item is free of the separators the 公文 engine splits names on, so the 纪要 reads back as written.
 */
export function attendanceLists(entries: readonly AttendanceEntry[]): AttendanceLists {
  const out: AttendanceLists = { attendees: [], absentees: [], nonVotingAttendees: [] };
  for (const e of entries) {
    const name = e.name.trim();
    if (!name) continue;
    if (e.reply === 'leave') {
      out.absentees.push(e.leaveReason?.trim() ? `${name}${bracketed(e.leaveReason)}` : name);
      continue;
    }
    const list = e.role === 'observe' ? out.nonVotingAttendees : out.attendees;
    if (e.kind === 'unit') {
      // Each person who came for a unit under the unit's name ("县发改局冯磊"), or the unit alone.
      const names = nameList(e.attendeeNames);
      list.push(...(names.length > 0 ? names.map((n) => `${name}${n}`) : [name]));
    } else {
      list.push(e.role === 'observe' && e.post?.trim() ? `${name}${bracketed(e.post)}` : name);
    }
  }
  return out;
}
