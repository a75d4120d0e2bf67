import Database from 'better-sqlite3';
const db = new Database('/tmp/svcopy/zhongshu.db');
const t = performance.now();
db.exec(`
drop index assignments_colour_unit_idx; create index assignments_colour_unit_idx on assignments (colour, assignee_unit_id, classification);
drop index assignments_colour_leader_idx; create index assignments_colour_leader_idx on assignments (colour, leader_id, classification);
drop index assignments_colour_source_idx; create index assignments_colour_source_idx on assignments (colour, source_kind, level, classification);
create index assignments_colour_deadline_idx on assignments (colour, deadline, id);
drop index assignments_completed_idx; create index assignments_completed_idx on assignments (completed_at, assignee_unit_id, deadline, classification, id);
drop index assignments_dispatched_idx; create index assignments_dispatched_idx on assignments (dispatched_at, assignee_unit_id, state);
`);
db.pragma('analysis_limit = 1000');
db.pragma('optimize = 0x10002');
console.log('indexes in', (performance.now() - t).toFixed(0), 'ms');
