// 每日必办 on the phone: the checklist as GET /office/daily gives it, and what to
// tell the grid worker when loading or ticking fails. Pure.

import { MAX_DAILY_NOTE_CHARS } from '../../../extensions/office/src/vocabulary.ts';
import { say } from '../i18n/index.ts';

export interface DailyItem {
  id: number;
  title: string;
  kind: string;
  instructions: string | null;
  done: boolean;
  done_at: string | null;
  note: string | null;
}

export interface Checklist {
  day: string;
  working_day: boolean;
  items: DailyItem[];
}

/** As the server allows. */
export const NOTE_MAX = MAX_DAILY_NOTE_CHARS;

/** The message for a failed load or tick: no network, a lost session, else the server's reason. */
export function dailyError(error: { statusCode: number; message: string }, doing: 'load' | 'tick'): string {
  if (error.statusCode === 0) return say(doing === 'load' ? 'phone.offlineLoad' : 'phone.offlineTick');
  if (error.statusCode === 401) return say('auth.expired');
  return say(doing === 'load' ? 'phone.loadFailed' : 'phone.tickFailed', { message: error.message });
}

/** Done and total, for the card's title. */
export function progress(list: Checklist | undefined): { done: number; total: number } {
  const items = list?.items ?? [];
  return { done: items.filter((i) => i.done).length, total: items.length };
}

/** A note as the server takes it: trimmed, empty → none; too long → an error message. */
export function noteOf(text: string): { note: string | null } | { error: string } {
  const note = text.trim();
  if (note.length > NOTE_MAX) return { error: say('form.tooLong', { label: say('phone.noteLabel'), max: NOTE_MAX }) };
  return { note: note || null };
}
