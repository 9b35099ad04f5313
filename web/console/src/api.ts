import { ApiError } from '../../../shared/client/ApiClient';

export { ApiError };

/** The console's calls to the /v1 API: the session token from login, errors as the server's code and message. */
export interface Session {
  readonly token: string;
  readonly expiresAt: string;
  readonly principal: { readonly tenant: string; readonly id: string; readonly role: 'agent' | 'supervisor' | 'admin'; readonly name?: string };
}

const KEY = 'kefu.console.session';

export function loadSession(): Session | undefined {
  try {
    const s = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Session | null;
    return s && Date.parse(s.expiresAt) > Date.now() ? s : undefined;
  } catch {
    return undefined;
  }
}

export function saveSession(s: Session | undefined): void {
  if (s) sessionStorage.setItem(KEY, JSON.stringify(s));
  else sessionStorage.removeItem(KEY);
}

export async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const token = loadSession()?.token;
  const res = await fetch(path, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    ...(signal ? { signal } : {}),
  });
  const text = await res.text();
  const json = (text ? JSON.parse(text) : {}) as T & { code?: string; message?: string };
  if (!res.ok) throw new ApiError(res.status, json.code ?? 'HTTP_ERROR', json.message ?? `HTTP ${res.status}`);
  return json;
}

/** A file from the API (exports), with the session's token. */
export async function download(path: string, filename: string): Promise<void> {
  const token = loadSession()?.token;
  const res = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!res.ok) throw new ApiError(res.status, 'HTTP_ERROR', `HTTP ${res.status}`);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  URL.revokeObjectURL(url);
}

/** Sends a raw body (an import file) with its content type. */
export async function upload<T>(path: string, body: string, contentType: string): Promise<T> {
  const token = loadSession()?.token;
  const res = await fetch(path, { method: 'POST', headers: { 'content-type': contentType, ...(token ? { authorization: `Bearer ${token}` } : {}) }, body });
  const json = (await res.json()) as T & { code?: string; message?: string };
  if (!res.ok) throw new ApiError(res.status, json.code ?? 'HTTP_ERROR', json.message ?? `HTTP ${res.status}`);
  return json;
}
