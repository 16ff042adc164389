// The app in one place: providers, resources, routes (finefoods style).
// Chinese by default; English on the switch in the header.

import { Refine, Authenticated, useGetIdentity } from '@refinedev/core';
import routerProvider, { DocumentTitleHandler, NavigateToResource, UnsavedChangesNotifier } from '@refinedev/react-router';
import { App as AntdApp, ConfigProvider, Spin } from 'antd';
import enUSAntd from 'antd/es/locale/en_US';
import zhCNAntd from 'antd/es/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { readCollections } from '@directus/sdk';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { BrowserRouter, Outlet, Route, Routes, useNavigate } from 'react-router';
import { useNotificationProvider } from './components/notifications.tsx';
import OfficeLayout from './components/office-layout.tsx';
import { directus, apiUrl } from './directus.ts';
import { createI18nProvider, lookup, storedLocale, type Locale } from './i18n/index.ts';
import { LoadPhoneApp, PhoneLayout, usePhone } from './phone/layout.tsx';
import { createAuthProvider, type Identity } from './providers/auth-provider.ts';
import { createDataProvider } from './providers/data-provider.ts';
import { allowed, createAccessControlProvider, type PermissionsMe } from './providers/access-control.ts';
import { homeIsDashboard, menuResources, screensFor, type MenuCollection, type MenuScreen } from './menu.ts';
import { markOfficeDrawn } from './handover.ts';
import { Workbench } from './pages/workbench.tsx';
import { rememberCollection } from './schema/labels.ts';

// The phone's four tabs are the phone app (main.tsx); a screen of this app comes when first opened.
const LoginPage = lazy(() => import('./pages/login.tsx').then((m) => ({ default: m.LoginPage })));
const PasswordPage = lazy(() => import('./pages/password.tsx').then((m) => ({ default: m.PasswordPage })));
const TfaPage = lazy(() => import('./pages/tfa.tsx').then((m) => ({ default: m.TfaPage })));
const NotFound = lazy(() => import('./components/not-found.tsx'));
const MatterList = lazy(() => import('./pages/matters/list.tsx').then((m) => ({ default: m.MatterList })));
const MatterShow = lazy(() => import('./pages/matters/show.tsx').then((m) => ({ default: m.MatterShow })));
const MatterRegister = lazy(() => import('./pages/matters/new.tsx').then((m) => ({ default: m.MatterRegister })));
const SchemaList = lazy(() => import('./pages/data/index.tsx').then((m) => ({ default: m.SchemaList })));
const SchemaCreate = lazy(() => import('./pages/data/index.tsx').then((m) => ({ default: m.SchemaCreate })));
const SchemaEdit = lazy(() => import('./pages/data/index.tsx').then((m) => ({ default: m.SchemaEdit })));
const SchemaShow = lazy(() => import('./pages/data/index.tsx').then((m) => ({ default: m.SchemaShow })));
const office = () => import('./pages/office/index.ts');
const OfficeInbox = lazy(() => office().then((m) => ({ default: m.OfficeInbox })));
const SentDocuments = lazy(() => office().then((m) => ({ default: m.SentDocuments })));
const DocumentStatus = lazy(() => office().then((m) => ({ default: m.DocumentStatus })));
const DisputeShow = lazy(() => office().then((m) => ({ default: m.DisputeShow })));
const ProjectSubmissions = lazy(() => office().then((m) => ({ default: m.ProjectSubmissions })));
const ProjectStatus = lazy(() => office().then((m) => ({ default: m.ProjectStatus })));
const UnitBrowser = lazy(() => import('./pages/units/index.tsx').then((m) => ({ default: m.UnitBrowser })));
const UserAdmin = lazy(() => import('./pages/users/index.tsx').then((m) => ({ default: m.UserAdmin })));
const AssessmentRuns = lazy(() => import('./pages/assessment/index.tsx').then((m) => ({ default: m.AssessmentRuns })));
const AssessmentRubrics = lazy(() => import('./pages/assessment/rubrics.tsx').then((m) => ({ default: m.AssessmentRubrics })));
const Dashboard = lazy(() => import('./pages/dashboard/index.tsx').then((m) => ({ default: m.Dashboard })));
const GridMap = lazy(() => import('./pages/map/index.tsx').then((m) => ({ default: m.GridMap })));
const WarningList = lazy(() => import('./pages/warnings/index.tsx').then((m) => ({ default: m.WarningList })));
const AssessmentScorecard = lazy(() => import('./pages/assessment/index.tsx').then((m) => ({ default: m.AssessmentScorecard })));
const AuditLog = lazy(() => import('./pages/audit/index.tsx').then((m) => ({ default: m.AuditLog })));
const HelpPage = lazy(() => import('./pages/help/index.tsx').then((m) => ({ default: m.HelpPage })));
const ExportRequests = lazy(() => import('./pages/exports/index.tsx').then((m) => ({ default: m.ExportRequests })));

const loading = <Spin style={{ display: 'block', margin: '20vh auto' }} />;

type Translations = { language: string; translation: string }[];

/**
 * The collections this user may read, not hidden in Studio, with their names in both
 * languages, their folder, and whether the user may change their items: the data menu
 * (menu.ts). A collection an administrator adds appears here. With them the user's job
 * (a screen may not be for it: menu.ts screensFor), known before any screen shows.
 */
function useMenuCollections(
  identityVersion: number,
  permissions: () => Promise<PermissionsMe>,
  identity: () => Promise<unknown>,
): { collections: MenuCollection[]; job: string | null } | null {
  const [found, setFound] = useState<{ collections: MenuCollection[]; job: string | null } | null>(null);
  useEffect(() => {
    // After a sign-in or sign-out the last list stays until the new one comes: the router stays mounted,
    // so the login's redirect (绑定动态口令, 修改密码, the home) is not lost to a router drawn anew meanwhile.
    const job = identity()
      .then((me) => (me as Identity | null)?.job ?? null)
      .catch(() => null);
    Promise.all([directus.request(readCollections()), permissions(), job])
      .then(([list, rights, job]) => {
        const all = list as {
          collection: string;
          schema: unknown;
          meta: { hidden?: boolean; singleton?: boolean; group?: string | null; translations?: Translations | null } | null;
        }[];
        for (const c of all) rememberCollection(c.collection, c.meta?.translations);
        const changeable = (collection: string) => allowed(rights, collection, 'edit') || allowed(rights, collection, 'create');
        // Only what the user may read is listed (without an answer on the rights, the pages say what is refused).
        const readable = (collection: string) => Object.keys(rights).length === 0 || allowed(rights, collection, 'list');
        setFound({
          job,
          collections: all
            // A singleton (安全设置) is one form, not a list: kept in Studio.
            .filter((c) => c.schema && c.meta && !c.meta.hidden && !c.meta.singleton && !c.collection.startsWith('directus_'))
            .filter((c) => readable(c.collection))
            .map((c) => ({
              collection: c.collection,
              translations: c.meta?.translations ?? [],
              group: c.meta?.group ?? null,
              changeable: changeable(c.collection),
            })),
        });
      })
      .catch(() => setFound({ collections: [], job: null }));
  }, [identityVersion, permissions, identity]);
  return found;
}

/** Home: the dashboard for the district's and streets' leaders and heads, the workbench for everyone else. */
function Home() {
  const { data: me } = useGetIdentity<Identity>();
  const navigate = useNavigate();
  if (me === undefined) return loading;
  // The workbench says when it is drawn: the first screen (office-shell.tsx) gives way to this app then.
  return homeIsDashboard(me) ? <Dashboard /> : <Workbench me={me} go={(path) => void navigate(path)} onShown={markOfficeDrawn} />;
}

export function App() {
  const [locale, setLocale] = useState<Locale>(storedLocale());
  const [identityVersion, setIdentityVersion] = useState(0);
  const phone = usePhone();
  // The device's “reduce motion” setting (an accessibility option) turns antd's animations off.
  const [stillMotion] = useState(() => window.matchMedia('(prefers-reduced-motion: reduce)').matches);
  dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
  document.documentElement.lang = locale;
  const t = (key: string) => lookup(locale, key) ?? key;

  const providers = useMemo(() => {
    const dataProvider = createDataProvider(directus, apiUrl);
    const authProvider = createAuthProvider(directus, t, () => {
      accessControlProvider.reset();
      setIdentityVersion((v) => v + 1);
    });
    const accessControlProvider = createAccessControlProvider(directus);
    // Who is signed in, as the auth provider keeps it (asked once per session).
    const identity = () => Promise.resolve(authProvider.getIdentity?.());
    return { dataProvider, authProvider, accessControlProvider, identity };
    // Providers live as long as the page; the locale only changes their messages.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const i18nProvider = useMemo(() => createI18nProvider(locale, setLocale), [locale]);
  const menu = useMenuCollections(identityVersion, providers.accessControlProvider.permissions, providers.identity);
  const screens: MenuScreen[] = [
    { name: 'workbench', list: '/', label: t('menu.workbench'), folder: null },
    // 研判看板: the figures of the user's unit and those below it (the leaders' home).
    { name: 'dashboard', list: '/dashboard', label: t('menu.dashboard'), folder: null },
    { name: 'grid-map', list: '/map', label: t('menu.map'), folder: null },
    { name: 'matters', list: '/matters', show: '/matters/:id', label: t('menu.matters'), folder: 'folder_matters', collection: 'matters' },
    // 事项登记: an office raises a matter (leaders read and instruct).
    { name: 'matter-register', list: '/matters/new', label: t('menu.registerMatter'), folder: 'folder_matters', exceptJobs: ['leader'] },
    { name: 'office-inbox', list: '/office/inbox', label: t('menu.inbox'), folder: 'folder_office' },
    { name: 'office-sent', list: '/office/sent', label: t('menu.sent'), folder: 'folder_office' },
    { name: 'office-projects', list: '/office/projects', label: t('menu.projects'), folder: 'folder_office' },
    { name: 'unit-tree', list: '/units', label: t('menu.units'), folder: 'folder_base', covers: 'units' },
    // 考评: for whoever reads scores (a unit its own, an assessing level its units').
    {
      name: 'assessment_scores',
      list: '/assessment',
      label: t('menu.assessment'),
      folder: 'folder_assessment',
      collection: 'assessment_scores',
    },
    // 考评细则: read by everyone (the rules units are assessed by); made by district and street offices.
    { name: 'assessment-rubrics', list: '/assessment/rubrics', label: t('menu.rubrics'), folder: 'folder_assessment' },
    // 预警: for whoever reads warnings (the warned unit and those above it).
    {
      name: 'warning-list',
      list: '/warnings',
      label: t('menu.warnings'),
      folder: 'folder_work',
      collection: 'warnings',
      covers: 'warnings',
    },
    { name: 'directus_users', list: '/users', label: t('menu.users'), folder: 'folder_system', collection: 'directus_users' },
    // Listed only for those who may read the log (the district's system administrator).
    { name: 'audit_log', list: '/audit', label: t('menu.audit'), folder: 'folder_system', collection: 'audit_log' },
    // 导出申请: the requests of my unit and those below, approved one level up, downloaded once.
    { name: 'export_requests', list: '/exports', label: t('menu.exports'), folder: 'folder_system', collection: 'export_requests' },
  ];
  const resources = menuResources(screensFor(screens, menu?.job), menu?.collections ?? [], locale, t('menu.other'));

  // The resources (the data menu) are known before any screen shows: a resource list
  // changing under an open form would reset it.
  if (menu === null) return loading;

  return (
    <BrowserRouter basename="/app">
      <ConfigProvider
        button={{ autoInsertSpace: false }}
        locale={locale === 'zh-CN' ? zhCNAntd : enUSAntd}
        theme={{ token: { colorPrimary: '#1677ff', controlHeight: phone ? 44 : 32, motion: !stillMotion } }}
      >
        <AntdApp>
          <Refine
            key={identityVersion}
            dataProvider={providers.dataProvider}
            authProvider={providers.authProvider}
            accessControlProvider={providers.accessControlProvider}
            i18nProvider={i18nProvider}
            routerProvider={routerProvider}
            notificationProvider={useNotificationProvider}
            resources={resources}
            // No refetch when the window regains focus: Refine's <Authenticated> unmounts the screen while
            // its check refetches, which emptied a half-filled form after switching tabs (or a test's screenshot).
            options={{
              syncWithLocation: true,
              warnWhenUnsavedChanges: true,
              disableTelemetry: true,
              title: { text: t('app.short') },
              reactQuery: { clientConfig: { defaultOptions: { queries: { refetchOnWindowFocus: false } } } },
            }}
          >
            <Routes>
              <Route
                element={
                  <Authenticated key="app">
                    <Suspense fallback={loading}>
                      {phone ? (
                        <PhoneLayout reloadDocument>
                          <Suspense fallback={loading}>
                            <Outlet />
                          </Suspense>
                        </PhoneLayout>
                      ) : (
                        <OfficeLayout>
                          <Suspense fallback={loading}>
                            <Outlet />
                          </Suspense>
                        </OfficeLayout>
                      )}
                    </Suspense>
                  </Authenticated>
                }
              >
                {phone ? (
                  <>
                    <Route index element={<LoadPhoneApp />} />
                    <Route path="report" element={<LoadPhoneApp />} />
                    <Route path="todos" element={<LoadPhoneApp />} />
                    <Route path="me" element={<LoadPhoneApp />} />
                  </>
                ) : (
                  <>
                    <Route index element={<Home />} />
                  </>
                )}
                {/* The office's screens on a phone too (a link from the phone's tabs, or an address kept). */}
                <Route path="matters" element={<MatterList />} />
                <Route path="units" element={<UnitBrowser />} />
                <Route path="users" element={<UserAdmin />} />
                <Route path="audit" element={<AuditLog />} />
                <Route path="exports" element={<ExportRequests />} />
                <Route path="help" element={<HelpPage />} />
                <Route path="help/:page" element={<HelpPage />} />
                <Route path="matters/new" element={<MatterRegister />} />
                <Route path="matters/:id" element={<MatterShow />} />
                <Route path="office/inbox" element={<OfficeInbox />} />
                <Route path="office/sent" element={<SentDocuments />} />
                <Route path="office/sent/:id" element={<DocumentStatus />} />
                <Route path="office/projects" element={<ProjectSubmissions />} />
                <Route path="office/projects/:id" element={<ProjectStatus />} />
                <Route path="assessment" element={<AssessmentRuns />} />
                <Route path="assessment/rubrics" element={<AssessmentRubrics />} />
                <Route path="assessment/:run/units/:unit" element={<AssessmentScorecard />} />
                <Route path="warnings" element={<WarningList />} />
                <Route path="dashboard" element={<Dashboard />} />
                <Route path="map" element={<GridMap />} />
                <Route path="data/disputes/show/:id" element={<DisputeShow />} />
                <Route path="data/:resource">
                  <Route index element={<SchemaList />} />
                  <Route path="create" element={<SchemaCreate />} />
                  <Route path="edit/:id" element={<SchemaEdit />} />
                  <Route path="show/:id" element={<SchemaShow />} />
                </Route>
                <Route path="*" element={<NotFound />} />
              </Route>
              {/* 修改密码, 绑定动态口令: also for an account signed in for nothing else yet, so outside <Authenticated>. */}
              <Route
                path="/tfa"
                element={
                  <Suspense fallback={loading}>
                    <TfaPage />
                  </Suspense>
                }
              />
              <Route
                path="/password"
                element={
                  <Suspense fallback={loading}>
                    <PasswordPage />
                  </Suspense>
                }
              />
              <Route
                element={
                  <Authenticated key="login" fallback={<Outlet />}>
                    <NavigateToResource resource="workbench" />
                  </Authenticated>
                }
              >
                <Route
                  path="/login"
                  element={
                    <Suspense fallback={loading}>
                      <LoginPage />
                    </Suspense>
                  }
                />
              </Route>
            </Routes>
            <UnsavedChangesNotifier />
            <DocumentTitleHandler handler={() => t('app.title')} />
          </Refine>
        </AntdApp>
      </ConfigProvider>
    </BrowserRouter>
  );
}
