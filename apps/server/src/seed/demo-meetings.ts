import type { AppContext } from '../context.ts';

/** Demo meeting rooms (and whatever else the meetings module needs to show on a fresh start). */
export async function seedDemoMeetings(_ctx: AppContext): Promise<void> {}
