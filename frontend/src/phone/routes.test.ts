import { describe, expect, it } from 'vitest';
import { isPhoneRoute, routeOf } from './routes.ts';

describe('which app a page load starts', () => {
  it.each([
    ['/app', '/', true],
    ['/app/', '/', true],
    ['/app/report', '/report', true],
    ['/app/report/', '/report', true],
    ['/app/login', '/login', true],
    ['/app/password', '/password', true],
    ['/app/matters/12', '/matters/12', false],
    ['/app/data/activity_records/create', '/data/activity_records/create', false],
    ['/app/reports', '/reports', false],
  ])('%s is route %s, phone app: %s', (pathname, route, phone) => {
    expect(routeOf(pathname)).toBe(route);
    expect(isPhoneRoute(pathname)).toBe(phone);
  });
});
