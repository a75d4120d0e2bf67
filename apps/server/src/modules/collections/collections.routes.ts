import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';

// Stub: the collections module fills this in (docs/API.md, "Collections").
export const collectionRoutes = (_ctx: AppContext) => async (_root: FastifyInstance) => {};
