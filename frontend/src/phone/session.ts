// Who is signed in, for the phone's pages (set by the signed-in routes in app.tsx).

import { createContext, useContext } from 'react';
import type { Identity } from '../providers/auth-provider.ts';

export const Session = createContext<Identity | null>(null);

/**
 * Who is signed in; null for the moment the server takes to say (the pages show
 * at once, and the login replaces them if there is no session).
 */
export function useMe(): Identity | null {
  return useContext(Session);
}
