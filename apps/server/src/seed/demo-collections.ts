import type { AppContext } from '../context.ts';

/** Demo data of the collections module. */
export async function seedDemoCollections(_ctx: AppContext): Promise<void> {}
