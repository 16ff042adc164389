// A Word file as the tests read it back: its parts, the document's XML, and the
// text of each paragraph in order (table cells are paragraphs too).

import { strFromU8, unzipSync } from 'fflate';

export function docxText(bytes: Uint8Array) {
  const files = unzipSync(bytes);
  const document = strFromU8(files['word/document.xml']!);
  const paragraphs = document.split('</w:p>').map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''));
  return { files, document, paragraphs, words: paragraphs.join('') };
}
