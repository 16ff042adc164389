// Masked forms of personal identifiers (R19): what roles without the need to
// know see, stored beside the raw value so that lists and filters work on it.

/** `320111199001011234` → `3201**********1234`: the province and city, and the last four. */
export function maskIdNumber(value: string | null | undefined): string | null {
  if (!value) return null;
  if (value.length <= 8) return '*'.repeat(value.length);
  return value.slice(0, 4) + '*'.repeat(value.length - 8) + value.slice(-4);
}

/** `13912345678` → `139****5678`; `025-58881234` → `025-****1234`. */
export function maskPhone(value: string | null | undefined): string | null {
  if (!value) return null;
  const digits = value.replace(/\D/g, '');
  if (digits.length < 7) return '*'.repeat(value.length);
  const keepEnd = 4;
  const keepStart = Math.max(value.length - keepEnd - 4, 0);
  return value.slice(0, keepStart) + '*'.repeat(value.length - keepStart - keepEnd) + value.slice(-keepEnd);
}
