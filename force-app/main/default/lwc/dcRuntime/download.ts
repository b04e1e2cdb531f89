/** Downloads text parts as a file: a Blob and a temporary anchor with `download` (no server round trip). */
export function downloadFile(parts: readonly string[], fileName: string, type = 'text/csv;charset=utf-8'): void {
    const blob = new Blob(parts as string[], { type });
    const url = URL.createObjectURL(blob);
    const anchor = document.createElement('a');
    anchor.href = url;
    anchor.download = fileName;
    anchor.style.display = 'none';
    document.body.appendChild(anchor);
    anchor.click();
    anchor.remove();
    // the download has started: the URL may go (a later revoke would keep the Blob alive for nothing)
    // eslint-disable-next-line @lwc/lwc/no-async-operation
    setTimeout(() => URL.revokeObjectURL(url), 0);
}
