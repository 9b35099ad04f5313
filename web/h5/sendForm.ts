import type { SendFile } from '../../shared/client';

/** shared/client's file upload on the H5 page: a multipart FormData POST with the file last. */
export function sendForm(file: Blob, name: string): SendFile {
  return async (url, headers, fields) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    form.set('file', file, name);
    const res = await fetch(url, { method: 'POST', headers: { ...headers }, body: form });
    return { status: res.status, body: await res.json().catch(() => undefined) };
  };
}
