// The one Directus client of the app: same origin, session cookie (httpOnly, set
// by Directus at login), so no token is ever in JavaScript's reach or in storage.

import { authentication, createDirectus, rest } from '@directus/sdk';

export const apiUrl = window.location.origin;

export const directus = createDirectus(apiUrl)
  .with(authentication('session', { credentials: 'include', autoRefresh: true }))
  .with(rest({ credentials: 'include' }));

export type AppClient = typeof directus;
