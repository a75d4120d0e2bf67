import type { Executor } from '../database.ts';
import type { FileLinkTable, FileTable } from '../schema.ts';

export async function insertFile(db: Executor, f: FileTable): Promise<void> {
  await db.insertInto('files').values(f).execute();
}

export function getFile(db: Executor, id: string) {
  return db.selectFrom('files').selectAll().where('id', '=', id).executeTakeFirst();
}

export function getFiles(db: Executor, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('files').selectAll().where('id', 'in', ids).execute();
}

export async function linkFiles(db: Executor, links: FileLinkTable[]): Promise<void> {
  if (links.length) await db.insertInto('file_links').values(links).execute();
}

export function linksOfFile(db: Executor, fileId: string) {
  return db.selectFrom('file_links').selectAll().where('file_id', '=', fileId).execute();
}

export function filesOfEntity(db: Executor, entityType: string, entityId: string) {
  return db
    .selectFrom('file_links')
    .innerJoin('files', 'files.id', 'file_links.file_id')
    .select(['files.id', 'files.name', 'files.size', 'file_links.event_id'])
    .where('file_links.entity_type', '=', entityType)
    .where('file_links.entity_id', '=', entityId)
    .execute();
}
