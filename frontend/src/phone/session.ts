// Who is signed in, for the phone's pages (set by the signed-in routes in app.tsx).

import { createContext, useContext } from 'react';
import type { Identity } from '../providers/auth-provider.ts';

export const Session = createContext<Identity | null>(null);

/** Who is signed in (inside the signed-in routes: never null). */
export function useMe(): Identity {
  return useContext(Session)!;
}
