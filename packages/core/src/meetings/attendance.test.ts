import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitNames } from '../gongwen/text-forms.ts';
import { attendanceLists, type AttendanceEntry } from './attendance.ts';

test('attendanceLists: 出席, 列席 and 请假 in the minutes\' terms, in invitation order', () => {
  const entries: AttendanceEntry[] = [
    { kind: 'person', name: '王建国', post: '县委书记', role: 'attend', reply: 'attending' },
    { kind: 'person', name: '李明', post: '县委副书记', role: 'attend', reply: 'leave', leaveReason: '出差。' },
    { kind: 'person', name: '赵红', post: '县委常委、县委办主任', role: 'attend', reply: 'pending' },
    { kind: 'person', name: '周涛', post: '县委组织部副部长', role: 'observe', reply: 'attending' },
    { kind: 'unit', name: '县发改局', role: 'observe', reply: 'attending', attendeeNames: '冯磊，张三' },
    { kind: 'unit', name: '县财政局', role: 'observe', reply: 'leave', leaveReason: '参加省厅培训，无法到会' },
    { kind: 'unit', name: '城关镇', role: 'attend', reply: 'pending', attendeeNames: null },
    { kind: 'person', name: '刘洋', role: 'observe', reply: 'attending', post: null },
  ];
  assert.deepEqual(attendanceLists(entries), {
    attendees: ['王建国', '赵红', '城关镇'],
    absentees: ['李明（出差）', '县财政局（参加省厅培训）'],
    nonVotingAttendees: ['周涛（县委组织部副部长）', '县发改局冯磊', '县发改局张三', '刘洋'],
  });
});

test('attendanceLists: a post with separators keeps its first part, so each line item stays one name', () => {
  const lists = attendanceLists([
    { kind: 'person', name: '赵红', post: '县委常委、县委办主任', role: 'observe', reply: 'attending' },
    { kind: 'person', name: '李明', role: 'attend', reply: 'leave', leaveReason: '' },
  ]);
  assert.deepEqual(lists, { attendees: [], absentees: ['李明'], nonVotingAttendees: ['赵红（县委常委）'] });
  for (const item of [...lists.nonVotingAttendees, ...lists.absentees]) assert.deepEqual(splitNames(item), [item]);
});

test('attendanceLists: nobody invited gives three empty lists', () => {
  assert.deepEqual(attendanceLists([]), { attendees: [], absentees: [], nonVotingAttendees: [] });
});
