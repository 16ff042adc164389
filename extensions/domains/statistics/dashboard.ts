// The key figures of the leaders' dashboard (研判看板), in the order its cards show
// them: what the app asks GET /statistics for and bench:analysis times. Pure.

export const DASHBOARD_FIGURES = [
  'matters',
  'matters_signed_on_time',
  'matters_closed_on_time',
  'matters_overdue',
  'disputes',
  'dispute_resolution',
  'petition_incidents',
  'login_days_rate',
] as const;
