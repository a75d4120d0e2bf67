/** 信访: time limits, identity numbers and phones, similarity for repeat petitions, and the notices a petitioner receives. */
export * from './limits.ts';
export * from './identity.ts';
export * from './similarity.ts';
export * from './documents.ts';
