// The one way the web app talks to the server: JSON over fetch with the session cookie,
// the CSRF header on every state-changing request, and one typed error for everything.

/** An error answered by the server (`{ error: { code, message, field } }`) or raised on the way there. */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  /** The request field the message is about, when the server names one. */
  readonly field: string | undefined;
  /** Every field in error at once, by path (e.g. `data.f5[3].c2`), when the server lists them; else the one `field`. */
  readonly fields: Record<string, string>;

  constructor(code: string, message: string, status: number, field?: string, fields?: Record<string, string>) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.field = field ?? undefined;
    this.fields = fields && typeof fields === 'object' ? fields : field ? { [field]: message } : {};
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** Codes after which the user has no session any more and must log in again. */
const SESSION_LOST_CODES = new Set(['UNAUTHENTICATED', 'SESSION_EXPIRED']);

export type SessionEvent =
  | { kind: 'session-lost'; error: ApiError }
  | { kind: 'password-change-required'; error: ApiError };

type SessionListener = (event: SessionEvent) => void;

let csrfToken: string | null = null;
const sessionListeners = new Set<SessionListener>();

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The session's CSRF token, for requests made outside `api` (a keepalive save while the page closes). */
export function getCsrfToken(): string | null {
  return csrfToken;
}

/** Subscribes to "the session is gone" and "password must be changed first"; returns the unsubscribe. */
export function onSessionEvent(listener: SessionListener): () => void {
  sessionListeners.add(listener);
  return () => sessionListeners.delete(listener);
}

function emit(event: SessionEvent): void {
  for (const listener of sessionListeners) listener(event);
}

export type QueryParams = Record<string, string | number | boolean | null | undefined>;

/** Builds `?a=1&b=2`, leaving out empty values so the server sees only the filters in use. */
export function toQueryString(params?: QueryParams): string {
  if (!params) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

type RequestOptions = {
  query?: QueryParams;
  body?: unknown;
  signal?: AbortSignal;
  /** Do not announce a 401 as a lost session (used by login and the session probe). */
  quietAuth?: boolean;
};

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

async function send(method: string, path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) {
    body = options.body;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (STATE_CHANGING.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
  try {
    return await fetch(`/api${path}${toQueryString(options.query)}`, {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (cause) {
    if ((cause as Error)?.name === 'AbortError') throw cause;
    throw new ApiError('NETWORK_ERROR', '无法连接服务器，请检查网络后重试', 0);
  }
}

async function toApiError(response: Response): Promise<ApiError> {
  let payload: unknown = null;
  try {
    payload = await response.json();
  } catch {
    // Not JSON: a proxy error page or similar. Fall through to the generic message.
  }
  const error = (payload as { error?: { code?: string; message?: string; field?: string; fields?: Record<string, string> } } | null)?.error;
  if (error?.code) {
    return new ApiError(error.code, error.message || '操作未成功，请稍后重试', response.status, error.field, error.fields);
  }
  if (response.status === 413) return new ApiError('FILE_TOO_LARGE', '文件超过大小上限，请压缩或拆分后再上传', 413);
  if (response.status === 401) return new ApiError('UNAUTHENTICATED', '请先登录', 401);
  return new ApiError('HTTP_' + response.status, `服务器暂时无法处理该请求（HTTP ${response.status}），请稍后重试`, response.status);
}

async function refreshCsrfToken(): Promise<boolean> {
  const response = await send('GET', '/auth/me', { quietAuth: true });
  if (!response.ok) return false;
  const data = (await response.json()) as { csrfToken?: string };
  if (!data.csrfToken) return false;
  csrfToken = data.csrfToken;
  return true;
}

/** Sends a request and returns the raw response once it is known to be a success. */
async function sendChecked(method: string, path: string, options: RequestOptions): Promise<Response> {
  let response = await send(method, path, options);
  if (!response.ok) {
    let error = await toApiError(response);
    // A stale CSRF token (another tab logged in again) deserves one silent retry with a fresh one.
    if (error.code === 'CSRF_REJECTED') {
      if (await refreshCsrfToken()) {
        response = await send(method, path, options);
        if (response.ok) return response;
        error = await toApiError(response);
      }
    }
    if (SESSION_LOST_CODES.has(error.code) && !options.quietAuth) emit({ kind: 'session-lost', error });
    if (error.code === 'PASSWORD_CHANGE_REQUIRED') emit({ kind: 'password-change-required', error });
    throw error;
  }
  return response;
}

async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const response = await sendChecked(method, path, options);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Reads the file name out of Content-Disposition, preferring the UTF-8 `filename*` form. */
function fileNameFrom(response: Response, fallback: string): string {
  const header = response.headers.get('content-disposition') ?? '';
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // fall back to the plain form
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(header);
  return plain?.[1]?.trim() || fallback;
}

export const api = {
  get: <T>(path: string, query?: QueryParams, options: Omit<RequestOptions, 'query' | 'body'> = {}) =>
    request<T>('GET', path, { ...options, query }),
  post: <T>(path: string, body?: unknown, options: Omit<RequestOptions, 'body'> = {}) =>
    request<T>('POST', path, { ...options, body: body ?? {} }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),

  /** Sends one file as the multipart field `file`. */
  upload: <T>(path: string, file: File | Blob, fileName?: string) => {
    const form = new FormData();
    if (fileName) form.append('file', file, fileName);
    else form.append('file', file);
    return request<T>('POST', path, { body: form });
  },

  /** Fetches a file and hands it to the browser as a download, so that errors show as messages instead of raw JSON pages. */
  download: async (path: string, query: QueryParams | undefined, fallbackName: string) => {
    const response = await sendChecked('GET', path, { query });
    const blob = await response.blob();
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = fileNameFrom(response, fallbackName);
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  },
};

/** URL of an attachment for a plain link; the server checks permission and audits the read. */
export function fileUrl(id: string): string {
  return `/api/files/${encodeURIComponent(id)}`;
}
