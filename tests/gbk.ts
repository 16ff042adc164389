// Text as Excel on a Chinese Windows saves it: GBK bytes. Node has no GBK
// encoder, only the decoder, so the table is built by decoding every two-byte code.

let table: Map<string, number[]> | null = null;

function gbkTable(): Map<string, number[]> {
  if (table) return table;
  table = new Map();
  const decoder = new TextDecoder('gbk', { fatal: true });
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      try {
        const char = decoder.decode(new Uint8Array([lead, trail]));
        if (char.length === 1 && !table.has(char)) table.set(char, [lead, trail]);
      } catch {
        // not a character in GBK
      }
    }
  }
  return table;
}

/** `text` in GBK; ASCII stays one byte. Throws on a character GBK does not have. */
export function gbkBytes(text: string): Uint8Array {
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x80) bytes.push(code);
    else {
      const pair = gbkTable().get(char);
      if (!pair) throw new Error(`GBK has no ${char}`);
      bytes.push(...pair);
    }
  }
  return new Uint8Array(bytes);
}
