/** Offer text as a file download (a blob: URL: nothing leaves the browser). */
export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  // A byte-order mark tells spreadsheet programs a CSV is UTF-8 (Persian and Arabic text); JSON must not have one.
  const bom = type.startsWith('text/csv') ? '\ufeff' : '';
  const url = URL.createObjectURL(new Blob([bom + text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
