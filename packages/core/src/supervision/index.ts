/** 督查督办: colour rules, schedule arithmetic, escalation order and the documents the office sends. */
export * from './rules.ts';
export * from './notices.ts';
