/**
 * Downloads, the browser way: a Blob URL on a temporary <a download>. The URL is revoked a
 * little later, once the browser has taken its copy (a large bundle can take a while).
 */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Saves text (CSV by default) as a file. */
export function downloadText(text: string, filename: string, type = 'text/csv;charset=utf-8'): void {
  saveBlob(new Blob([text], { type }), filename);
}

/** Saves a PDF that came over the API as base64. */
export function downloadPdf(base64: string, filename: string): void {
  saveBlob(new Blob([Uint8Array.from(atob(base64), (char) => char.charCodeAt(0))], { type: 'application/pdf' }), filename);
}
