import { Route } from 'react-router';
import { MatterShow } from '../pages/matters/show.tsx';
import { Daily, Me, Todos } from './pages.tsx';
import { ReportPage } from './report.tsx';

/** The phone's screens; the office screens' data routes stay reachable. */
export function PhoneRoutes() {
  return (
    <>
      <Route index element={<Daily />} />
      <Route path="report" element={<ReportPage />} />
      <Route path="todos" element={<Todos />} />
      <Route path="me" element={<Me />} />
      <Route path="matters/:id" element={<MatterShow />} />
    </>
  );
}
