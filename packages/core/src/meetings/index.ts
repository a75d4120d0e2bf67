/** 办会: overlapping bookings and double-booked leaders, the 纪要's attendance lines, and the 纪要 as a 公文 model. */
export * from './conflicts.ts';
export * from './attendance.ts';
export * from './minutes.ts';
