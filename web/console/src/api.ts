import { ApiError } from '../../../shared/client';

export { ApiError };

/** The console's calls to the /v1 API: the session token from login, errors as the server's code and message. */
export interface Session {
  readonly token: string;
  readonly expiresAt: string;
  readonly principal: { readonly tenant: string; readonly id: string; readonly role: 'agent' | 'supervisor' | 'admin'; readonly name?: string };
}

const KEY = 'kefu.console.session';
/** A token is traded for a new one this long before it expires (and at least this often checked). */
const REFRESH_BEFORE_MS = 5 * 60_000;

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

/**
 * Told once when the server refuses the session (401 anywhere: expired, revoked, invalid): the
 * app then goes back to the login page instead of showing empty lists.
 */
let onExpired: (() => void) | undefined;
export function onSessionExpired(fn: (() => void) | undefined): void {
  onExpired = fn;
}

function refused(status: number, sentToken: string | undefined): void {
  // Only the session the request carried: a login's own 401 (wrong password) is not an expiry,
  // nor is a poll of a session already replaced by a refresh or a new login.
  if (status !== 401 || !sentToken || loadSession()?.token !== sentToken) return;
  saveSession(undefined);
  onExpired?.();
}

async function send(path: string, init: RequestInit & { headers?: Record<string, string> }): Promise<Response> {
  const token = loadSession()?.token;
  const res = await fetch(path, { ...init, headers: { ...init.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) } });
  refused(res.status, token);
  return res;
}

export async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const res = await send(path, {
    method,
    headers: body !== undefined ? { 'content-type': 'application/json' } : {},
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    ...(signal ? { signal } : {}),
  });
  return answer<T>(res);
}

/** A multipart upload (the browser sets the boundary), answered and refused as {@link api} is. */
export async function apiUpload<T>(path: string, form: FormData): Promise<T> {
  return answer<T>(await send(path, { method: 'POST', body: form }));
}

async function answer<T>(res: Response): Promise<T> {
  const text = await res.text();
  const json = (text ? JSON.parse(text) : {}) as T & { code?: string; message?: string };
  if (!res.ok) throw new ApiError(res.status, json.code ?? 'HTTP_ERROR', json.message ?? `HTTP ${res.status}`);
  return json;
}

/**
 * Keeps the open console's session alive: shortly before the token expires it is traded for a
 * new one (POST /v1/auth/refresh, which also re-checks the account). Returns the stop function.
 */
export function keepSessionFresh(onRefreshed: (s: Session) => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = () => {
    const s = loadSession();
    if (!s) return;
    const wait = Math.max(1000, Date.parse(s.expiresAt) - Date.now() - REFRESH_BEFORE_MS);
    timer = setTimeout(() => {
      void api<Session>('POST', '/v1/auth/refresh').then(
        (next) => {
          saveSession(next);
          onRefreshed(next);
          schedule();
        },
        // A 401 has already logged out; other failures (network) try again in a minute.
        () => {
          if (loadSession()) timer = setTimeout(schedule, 60_000);
        },
      );
    }, Math.min(wait, 2 ** 31 - 1));
  };
  schedule();
  return () => clearTimeout(timer);
}

/** A file from the API (exports), with the session's token. */
export async function download(path: string, filename: string): Promise<void> {
  const res = await send(path, {});
  if (!res.ok) throw new ApiError(res.status, 'HTTP_ERROR', `HTTP ${res.status}`);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  URL.revokeObjectURL(url);
}

/** Sends a raw body (an import file) with its content type. */
export async function upload<T>(path: string, body: string | Blob | FormData, contentType?: string): Promise<T> {
  const res = await send(path, { method: 'POST', headers: contentType ? { 'content-type': contentType } : {}, body });
  const json = (await res.json()) as T & { code?: string; message?: string };
  if (!res.ok) throw new ApiError(res.status, json.code ?? 'HTTP_ERROR', json.message ?? `HTTP ${res.status}`);
  return json;
}
