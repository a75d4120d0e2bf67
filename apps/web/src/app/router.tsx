import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { createBrowserRouter, Navigate } from 'react-router-dom';
import { AppLayout } from './app-layout';
import { FullPageSpin, HomeRedirect, NoRole, NotFound, RequireArea, RequireAuth, RequireSession } from './guards';
import type { Area } from './access';
import { LoginPage } from '../modules/auth/login.page';
import { ChangePasswordPage } from '../modules/auth/change-password.page';

// Each module is its own chunk: an administrator never downloads the business pages and vice versa.
function lazyPage<M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M) {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}

const InboxPage = lazyPage(() => import('../modules/inbox/inbox.page'), 'InboxPage');
const AssignmentListPage = lazyPage(() => import('../modules/assignments/assignment-list.page'), 'AssignmentListPage');
const AssignmentCreatePage = lazyPage(() => import('../modules/assignments/assignment-create.page'), 'AssignmentCreatePage');
const AssignmentDetailPage = lazyPage(() => import('../modules/assignments/assignment-detail.page'), 'AssignmentDetailPage');
const OutgoingRegisterPage = lazyPage(() => import('../modules/documents/document-register.page'), 'OutgoingRegisterPage');
const IncomingRegisterPage = lazyPage(() => import('../modules/documents/document-register.page'), 'IncomingRegisterPage');
const IncomingRegistrationPage = lazyPage(() => import('../modules/documents/incoming-registration.page'), 'IncomingRegistrationPage');
const DocumentNewPage = lazyPage(() => import('../modules/documents/document-new.page'), 'DocumentNewPage');
const DocumentEditPage = lazyPage(() => import('../modules/documents/document-edit.page'), 'DocumentEditPage');
const DocumentDetailPage = lazyPage(() => import('../modules/documents/document-detail.page'), 'DocumentDetailPage');
const SupervisionBoardPage = lazyPage(() => import('../modules/supervision/board.page'), 'SupervisionBoardPage');
const CircularListPage = lazyPage(() => import('../modules/supervision/circular-list.page'), 'CircularListPage');
const CircularDetailPage = lazyPage(() => import('../modules/supervision/circular-detail.page'), 'CircularDetailPage');
const RankingPage = lazyPage(() => import('../modules/supervision/ranking.page'), 'RankingPage');
const AccountabilityPage = lazyPage(() => import('../modules/supervision/accountability.page'), 'AccountabilityPage');
const SupervisionImportPage = lazyPage(() => import('../modules/supervision/supervision-import.page'), 'SupervisionImportPage');
const SupervisionConfigPage = lazyPage(() => import('../modules/supervision/supervision-config.page'), 'SupervisionConfigPage');
const PetitionListPage = lazyPage(() => import('../modules/petitions/petition-list.page'), 'PetitionListPage');
const PetitionCreatePage = lazyPage(() => import('../modules/petitions/petition-create.page'), 'PetitionCreatePage');
const PetitionDetailPage = lazyPage(() => import('../modules/petitions/petition-detail.page'), 'PetitionDetailPage');
const PetitionBoardPage = lazyPage(() => import('../modules/petitions/petition-board.page'), 'PetitionBoardPage');
const PetitionSettingsPage = lazyPage(() => import('../modules/petitions/petition-settings.page'), 'PetitionSettingsPage');
const PublicPetitionPage = lazyPage(() => import('../modules/petitions/public-petition.page'), 'PublicPetitionPage');
const PublicPetitionQueryPage = lazyPage(() => import('../modules/petitions/public-petition-query.page'), 'PublicPetitionQueryPage');
const MeetingListPage = lazyPage(() => import('../modules/meetings/meeting-list.page'), 'MeetingListPage');
const MeetingCreatePage = lazyPage(() => import('../modules/meetings/meeting-create.page'), 'MeetingCreatePage');
const MeetingDetailPage = lazyPage(() => import('../modules/meetings/meeting-detail.page'), 'MeetingDetailPage');
const MeetingCalendarPage = lazyPage(() => import('../modules/meetings/meeting-calendar.page'), 'MeetingCalendarPage');
const MeetingTopicsPage = lazyPage(() => import('../modules/meetings/meeting-topics.page'), 'MeetingTopicsPage');
const MeetingSettingsPage = lazyPage(() => import('../modules/meetings/meeting-settings.page'), 'MeetingSettingsPage');
const CollectionListPage = lazyPage(() => import('../modules/collections/collection-list.page'), 'CollectionListPage');
const CollectionCreatePage = lazyPage(() => import('../modules/collections/collection-create.page'), 'CollectionCreatePage');
const CollectionDetailPage = lazyPage(() => import('../modules/collections/collection-detail.page'), 'CollectionDetailPage');
const UnitsPage = lazyPage(() => import('../modules/org/units.page'), 'UnitsPage');
const UsersPage = lazyPage(() => import('../modules/org/users.page'), 'UsersPage');
const ImportPage = lazyPage(() => import('../modules/org/import.page'), 'ImportPage');
const AuditPage = lazyPage(() => import('../modules/audit/audit.page'), 'AuditPage');
const CalendarSettingsPage = lazyPage(() => import('../modules/admin/calendar-settings.page'), 'CalendarSettingsPage');

function page(area: Area, element: ReactNode) {
  return (
    <RequireArea area={area}>
      <Suspense fallback={<FullPageSpin />}>{element}</Suspense>
    </RequireArea>
  );
}

/** A page anyone may open without an account: outside RequireAuth and the app layout. */
function publicPage(element: ReactNode) {
  return <Suspense fallback={<FullPageSpin />}>{element}</Suspense>;
}

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  // 网上信访 for the public: no login, no menu.
  { path: '/public/petition', element: publicPage(<PublicPetitionPage />) },
  { path: '/public/petition/query', element: publicPage(<PublicPetitionQueryPage />) },
  {
    path: '/change-password',
    element: (
      <RequireSession>
        <ChangePasswordPage />
      </RequireSession>
    ),
  },
  {
    element: <RequireAuth />,
    children: [
      {
        element: <AppLayout />,
        children: [
          { index: true, element: <HomeRedirect /> },
          { path: 'inbox', element: page('inbox', <InboxPage />) },
          { path: 'assignments', element: page('assignments', <AssignmentListPage />) },
          { path: 'assignments/new', element: page('assignments', <AssignmentCreatePage />) },
          { path: 'assignments/:id', element: page('assignments', <AssignmentDetailPage />) },
          { path: 'supervision', element: page('supervision', <SupervisionBoardPage />) },
          { path: 'supervision/circulars', element: page('supervision', <CircularListPage />) },
          { path: 'supervision/circulars/:id', element: page('supervision', <CircularDetailPage />) },
          { path: 'supervision/ranking', element: page('supervision', <RankingPage />) },
          { path: 'supervision/accountability', element: page('supervision', <AccountabilityPage />) },
          { path: 'supervision/import', element: page('supervision-office', <SupervisionImportPage />) },
          { path: 'supervision/config', element: page('supervision-office', <SupervisionConfigPage />) },
          { path: 'petitions', element: page('petitions', <PetitionListPage />) },
          { path: 'petitions/new', element: page('petitions-staff', <PetitionCreatePage />) },
          { path: 'petitions/board', element: page('petitions', <PetitionBoardPage />) },
          { path: 'petitions/settings', element: page('petitions-staff', <PetitionSettingsPage />) },
          { path: 'petitions/:id', element: page('petitions-case', <PetitionDetailPage />) },
          { path: 'meetings', element: page('meetings', <MeetingListPage />) },
          { path: 'meetings/new', element: page('meetings-office', <MeetingCreatePage />) },
          { path: 'meetings/calendar', element: page('meetings-calendar', <MeetingCalendarPage />) },
          { path: 'meetings/topics', element: page('meetings', <MeetingTopicsPage />) },
          { path: 'meetings/settings', element: page('meetings-office', <MeetingSettingsPage />) },
          { path: 'meetings/:id', element: page('meetings', <MeetingDetailPage />) },
          { path: 'collections', element: page('collections', <CollectionListPage />) },
          { path: 'collections/new', element: page('collections-office', <CollectionCreatePage />) },
          { path: 'collections/:id/edit', element: page('collections-office', <CollectionCreatePage />) },
          { path: 'collections/:id', element: page('collections', <CollectionDetailPage />) },
          { path: 'documents', element: <Navigate to="/documents/outgoing" replace /> },
          { path: 'documents/outgoing', element: page('documents', <OutgoingRegisterPage />) },
          { path: 'documents/incoming', element: page('documents', <IncomingRegisterPage />) },
          { path: 'documents/incoming/new', element: page('documents', <IncomingRegistrationPage />) },
          { path: 'documents/new', element: page('documents', <DocumentNewPage />) },
          { path: 'documents/:id', element: page('documents', <DocumentDetailPage />) },
          { path: 'documents/:id/edit', element: page('documents', <DocumentEditPage />) },
          { path: 'org/units', element: page('org-units', <UnitsPage />) },
          { path: 'org/users', element: page('org-users', <UsersPage />) },
          { path: 'org/import', element: page('org-units', <ImportPage />) },
          { path: 'audit', element: page('audit', <AuditPage />) },
          { path: 'admin/calendar', element: page('admin-calendar', <CalendarSettingsPage />) },
          { path: 'no-access', element: <NoRole /> },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
]);
