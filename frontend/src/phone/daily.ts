// 每日必办 on the phone: the checklist as GET /office/daily gives it, and what to
// tell the grid worker when loading or ticking fails. Pure.

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

export const NOTE_MAX = 1000; // as the server allows (extensions/office/src/daily.ts)

/** The message for a failed load or tick: no network, a lost session, else the server's reason. */
export function dailyError(error: { statusCode: number; message: string }, doing: 'load' | 'tick'): string {
  if (error.statusCode === 0) return doing === 'load' ? '当前没有网络，每日必办需联网后查看' : '当前没有网络，未能办理，请联网后再试';
  if (error.statusCode === 401) return '登录已过期，请重新登录';
  return `${doing === 'load' ? '每日必办未能加载' : '未能办理'}：${error.message}`;
}

/** Done and total, for the card's title. */
export function progress(list: Checklist | undefined): { done: number; total: number } {
  const items = list?.items ?? [];
  return { done: items.filter((i) => i.done).length, total: items.length };
}

/** A note as the server takes it: trimmed, empty → none; too long → an error message. */
export function noteOf(text: string): { note: string | null } | { error: string } {
  const note = text.trim();
  if (note.length > NOTE_MAX) return { error: `办理情况不超过${NOTE_MAX}字` };
  return { note: note || null };
}
