import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';

// Stub: the meetings module fills this in (docs/API.md, "Meetings").
export const meetingRoutes = (_ctx: AppContext) => async (_root: FastifyInstance) => {};
