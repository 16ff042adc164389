import { describe, expect, it } from 'vitest';
import { copyLine, copyValue } from './copy-text.ts';

describe('the COPY text format', () => {
  it('writes nulls, booleans, numbers, instants and JSON as COPY reads them', () => {
    expect(copyValue(null)).toBe('\\N');
    expect(copyValue(undefined)).toBe('\\N');
    expect(copyValue(true)).toBe('t');
    expect(copyValue(false)).toBe('f');
    expect(copyValue(42)).toBe('42');
    expect(copyValue(new Date('2026-12-05T01:02:03.004Z'))).toBe('2026-12-05T01:02:03.004Z');
    expect(copyValue([1, 2])).toBe('[1,2]');
    expect(() => copyValue(Number.NaN)).toThrow();
  });

  it('escapes what would end a value or a row', () => {
    expect(copyValue('a\tb\nc\rd\\e')).toBe('a\\tb\\nc\\rd\\\\e');
    expect(copyValue('浦口区\\N')).toBe('浦口区\\\\N');
  });

  it('writes a row in the order of the columns, a missing value as null', () => {
    expect(copyLine({ b: 'x', a: 1 }, ['a', 'b', 'c'])).toBe('1\tx\t\\N\n');
  });
});
