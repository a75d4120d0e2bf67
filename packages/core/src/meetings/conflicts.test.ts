import { test } from 'node:test';
import assert from 'node:assert/strict';
import { conflictsAmong, leaderConflicts, overlaps, roomConflicts, type Booking, type Engagement } from './conflicts.ts';

const at = (hhmm: string, day = '2026-11-21') => `${day}T${hhmm}:00+08:00`;
const span = (from: string, to: string) => ({ startsAt: at(from), endsAt: at(to) });

test('overlaps: shared time overlaps, touching ends do not, containment does', () => {
  assert.equal(overlaps(span('09:00', '11:00'), span('10:00', '12:00')), true);
  assert.equal(overlaps(span('10:00', '12:00'), span('09:00', '11:00')), true);
  assert.equal(overlaps(span('09:00', '10:00'), span('10:00', '11:00')), false, 'one ends when the other starts');
  assert.equal(overlaps(span('10:00', '11:00'), span('09:00', '10:00')), false);
  assert.equal(overlaps(span('09:00', '12:00'), span('10:00', '11:00')), true, 'containment');
  assert.equal(overlaps(span('09:00', '10:00'), span('14:00', '15:00')), false);
});

test('overlaps compares instants, whatever their offset', () => {
  // 14:00 in Shanghai is 06:00 UTC.
  assert.equal(overlaps({ startsAt: '2026-11-21T14:00:00+08:00', endsAt: '2026-11-21T15:00:00+08:00' }, { startsAt: '2026-11-21T05:30:00.000Z', endsAt: '2026-11-21T06:00:00.000Z' }), false);
  assert.equal(overlaps({ startsAt: '2026-11-21T14:00:00+08:00', endsAt: '2026-11-21T15:00:00+08:00' }, { startsAt: '2026-11-21T05:30:00.000Z', endsAt: '2026-11-21T06:00:01.000Z' }), true);
});

test('roomConflicts: only other, not cancelled meetings in the same room at an overlapping time', () => {
  const others: Booking[] = [
    { id: 'a', roomId: 'r1', state: 'notified', ...span('09:00', '10:30') },
    { id: 'b', roomId: 'r1', state: 'cancelled', ...span('09:00', '12:00') },
    { id: 'c', roomId: 'r2', state: 'planned', ...span('09:00', '12:00') },
    { id: 'd', roomId: 'r1', state: 'held', ...span('11:00', '12:00') },
    { id: 'e', roomId: null, state: 'planned', ...span('10:00', '11:00') },
  ];
  const self: Booking = { id: 'self', roomId: 'r1', state: 'planned', ...span('10:00', '11:00') };
  assert.deepEqual(roomConflicts(self, [...others, self]).map((m) => m.id), ['a'], 'a meeting does not conflict with itself');
  assert.deepEqual(roomConflicts({ roomId: 'r1', ...span('10:30', '11:00') }, others).map((m) => m.id), [], 'touching both neighbours');
  assert.deepEqual(roomConflicts({ roomId: 'r1', ...span('10:00', '11:30') }, others).map((m) => m.id), ['a', 'd']);
  assert.deepEqual(roomConflicts({ roomId: null, ...span('09:00', '12:00') }, others), [], 'no room, no booking');
});

const engagement = (userId: string, meetingId: string, from: string, to: string, extra: Partial<Engagement> = {}): Engagement => ({
  userId, name: { u1: '王建国', u2: '李明', u3: '赵红' }[userId] ?? userId, meetingId, title: `会议${meetingId}`, state: 'notified', ...span(from, to), ...extra,
});

test('leaderConflicts: the candidate\'s people already in other overlapping meetings, once per person and meeting', () => {
  const engagements = [
    engagement('u1', 'm1', '09:00', '10:30'),
    engagement('u1', 'm1', '09:00', '10:30'), // hosting and invited: still one conflict
    engagement('u2', 'm2', '10:30', '11:30'),
    engagement('u2', 'm3', '08:00', '09:00'), // touching: not a conflict
    engagement('u1', 'm4', '10:00', '11:00', { state: 'cancelled' }),
    engagement('u2', 'm5', '10:00', '11:00', { reply: 'leave' }),
    engagement('u3', 'm6', '10:00', '11:00'), // not one of the candidate's people
    engagement('u1', 'self', '09:00', '11:00'),
  ];
  const got = leaderConflicts({ id: 'self', userIds: ['u1', 'u2'], ...span('09:00', '11:00') }, engagements);
  assert.deepEqual(got, [
    { userId: 'u1', name: '王建国', meetingId: 'm1', title: '会议m1', ...span('09:00', '10:30') },
    { userId: 'u2', name: '李明', meetingId: 'm2', title: '会议m2', ...span('10:30', '11:30') },
  ]);
});

test('conflictsAmong: both meetings of every double booking, nothing for touching or cancelled ones', () => {
  const got = conflictsAmong([
    engagement('u1', 'm1', '09:00', '10:30'),
    engagement('u1', 'm2', '10:00', '11:00'),
    engagement('u1', 'm3', '11:00', '12:00'),
    engagement('u2', 'm1', '09:00', '10:30'),
    engagement('u2', 'm4', '09:30', '10:00', { state: 'cancelled' }),
    engagement('u3', 'm2', '10:00', '11:00'),
    engagement('u3', 'm5', '10:30', '11:30', { reply: 'leave' }),
  ]);
  assert.deepEqual(got.map((c) => [c.name, c.meetingId]), [['王建国', 'm1'], ['王建国', 'm2']]);
});
