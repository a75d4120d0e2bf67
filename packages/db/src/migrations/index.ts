import type { Migration, MigrationProvider } from 'kysely';
import * as foundation from './20261121T1100_foundation.ts';
import * as inboxDoneIndex from './20261121T1300_inbox_done_index.ts';
import * as documentNumbers from './20261121T1400_document_numbers.ts';
import * as documents from './20261121T1500_documents.ts';
import * as documentRegisterIndexes from './20261121T1600_document_register_indexes.ts';
import * as supervision from './20261121T1700_supervision.ts';
import * as supervisionFiguresIndexes from './20261121T1800_supervision_figures_indexes.ts';
import * as petitions from './20261121T1900_petitions.ts';
import * as petitionFiguresIndexes from './20261121T2000_petition_figures_indexes.ts';
import * as meetingsCollections from './20261121T2100_meetings_collections.ts';
import * as petitionMattersFiles from './20261121T2200_petition_matters_files.ts';

/** Every migration, by timestamped name. Never edit one that has been committed; add a new one. */
const migrations: Record<string, Migration> = {
  '20261121T1100_foundation': foundation,
  '20261121T1300_inbox_done_index': inboxDoneIndex,
  '20261121T1400_document_numbers': documentNumbers,
  '20261121T1500_documents': documents,
  '20261121T1600_document_register_indexes': documentRegisterIndexes,
  '20261121T1700_supervision': supervision,
  '20261121T1800_supervision_figures_indexes': supervisionFiguresIndexes,
  '20261121T1900_petitions': petitions,
  '20261121T2000_petition_figures_indexes': petitionFiguresIndexes,
  '20261121T2100_meetings_collections': meetingsCollections,
  '20261121T2200_petition_matters_files': petitionMattersFiles,
};

export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return migrations;
  },
};
