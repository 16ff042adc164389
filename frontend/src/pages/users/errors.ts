// The server's refusals of a user administration request, in words an
// administrator understands. Pure, tested beside this file.

import { say } from '../../i18n/index.ts';

export interface Refusal {
  statusCode?: number;
  code?: string;
  message?: string;
  /** The server's own words (toHttpError), which the patterns below read. */
  detail?: string;
}

export function userAdminError(error: Refusal): string {
  const code = error.code ?? '';
  const message = error.detail ?? error.message ?? '';
  if (code === 'RECORD_NOT_UNIQUE' || /unique/i.test(message)) return say('users.errors.duplicate');
  if (error.statusCode === 403 || code === 'FORBIDDEN') return say('users.errors.forbidden');
  if (code === 'FAILED_VALIDATION' && /role/.test(message)) return say('users.errors.role');
  if (code === 'FAILED_VALIDATION' && /unit_path/.test(message)) return say('users.errors.unit');
  if (/email/i.test(message)) return say('users.errors.email');
  if (/password/i.test(message)) return say('users.errors.password');
  if (error.statusCode === 0 || message === 'network') return say('errors.network');
  // Messages of our own hooks are Chinese already (角色不适用于…).
  return error.message ? say('users.errors.failed', { message: error.message }) : say('users.errors.failedPlain');
}
