// Saves a file the server wrote (a CSV or .xlsx export) in the browser: the bytes arrive as a stream over the
// circuit, become a Blob, and a temporary link with the download attribute hands them to the browser's download.

export async function save(fileName, stream) {
  const blob = new Blob([await stream.arrayBuffer()]);
  const url = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
  document.body.appendChild(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}
