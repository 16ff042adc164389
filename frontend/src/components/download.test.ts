import { describe, expect, it } from 'vitest';
import { filenameOf } from './download.ts';

describe('the name a downloaded file is saved under', () => {
  it('is the UTF-8 name when the server gives one, the plain one otherwise', () => {
    const name = '2026年11月督查通报（江浦街道）.pdf';
    expect(filenameOf(`attachment; filename="bulletin-2026-11.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`)).toBe(name);
    expect(filenameOf('attachment; filename="bulletin-2026-11.pdf"')).toBe('bulletin-2026-11.pdf');
    expect(filenameOf('attachment; filename=report.docx')).toBe('report.docx');
    expect(filenameOf('attachment; filename="a.pdf"; filename*=UTF-8\'\'%E0%A4%A')).toBe('a.pdf');
    expect(filenameOf('attachment')).toBeNull();
    expect(filenameOf(null)).toBeNull();
  });
});
