// A file the server makes for the user (a report as Word or PDF): fetched with the
// session and saved under the name the server gives it, so that a refusal (no
// LibreOffice for a PDF, a month not begun) is shown as a message in the app
// instead of a page of JSON in place of the app.

/** The file name of a Content-Disposition header: the UTF-8 one (filename*) before the plain one. */
export function filenameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const encoded = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
  if (encoded) {
    try {
      return decodeURIComponent(encoded[1]!.trim());
    } catch {
      // a malformed name: the plain one, if any
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"/i.exec(disposition) ?? /filename\s*=\s*([^;]+)/i.exec(disposition);
  return plain?.[1]?.trim() || null;
}

/** Fetches the file and saves it; a refusal is thrown as { statusCode, message } for refusalOf. */
export async function downloadFile(url: string, fallbackName: string): Promise<void> {
  const answer = await fetch(url, { credentials: 'include' });
  if (!answer.ok) {
    const body = (await answer.json().catch(() => null)) as { errors?: { message?: string }[] } | null;
    throw { statusCode: answer.status, message: body?.errors?.[0]?.message ?? '' };
  }
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await answer.blob());
  link.download = filenameOf(answer.headers.get('content-disposition')) ?? fallbackName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}
