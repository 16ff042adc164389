// Which app a page load starts: on a phone (under 768 px) the four tabs and the
// login are the phone's own light app; every other route (a matter's detail, the
// data screens) and every route on a wider screen is the office app (Refine + antd).

export const PHONE_QUERY = '(max-width: 767.98px)';

/**
 * Calls `changed` when the phone query's answer has changed and held for half a second,
 * outside printing: printing lays the page out at paper width and a full-page capture
 * resizes the view for a moment; neither makes a desk a phone. Returns the unsubscribe.
 */
export function watchPhoneQuery(changed: (phone: boolean) => void): () => void {
  const media = window.matchMedia(PHONE_QUERY);
  let settling: ReturnType<typeof setTimeout> | undefined;
  const listener = () => {
    clearTimeout(settling);
    settling = setTimeout(() => {
      if (!window.matchMedia('print').matches) changed(media.matches);
    }, 500);
  };
  media.addEventListener('change', listener);
  return () => {
    clearTimeout(settling);
    media.removeEventListener('change', listener);
  };
}

/** The phone app's routes, relative to /app. */
export const PHONE_ROUTES = ['/', '/report', '/todos', '/me', '/login', '/password'];

/** The route of a location's pathname under the app's base ("/app/report/" → "/report"). */
export function routeOf(pathname: string, base = '/app'): string {
  const rest = pathname.startsWith(base) ? pathname.slice(base.length) : pathname;
  return rest.replace(/\/+$/, '') || '/';
}

export function isPhoneRoute(pathname: string): boolean {
  return PHONE_ROUTES.includes(routeOf(pathname));
}
