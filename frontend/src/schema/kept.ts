// Reference data kept on this device (localStorage, no personal data): the last
// answer of a GET, so that a phone opening the app offline still has its form
// labels and choices. Shared by the office (use-schema.ts) and the phone.

const PREFIX = 'zongzhi.cache.';

export function readKept<T>(path: string): T | undefined {
  const kept = localStorage.getItem(PREFIX + path);
  return kept ? (JSON.parse(kept) as T) : undefined;
}

export function keep(path: string, data: unknown): void {
  localStorage.setItem(PREFIX + path, JSON.stringify(data));
}
