// The console REST API (INTERFACES.md) from the page: relative URLs, so the page works wherever the
// twin serves it. Errors keep the twin's `{ error: { code, message } }` so that the viewer shows them
// where the user acted, with the code.
import type {
  CardDetails,
  CardRow,
  ClockView,
  ExportedFile,
  LedgerPage,
  OperationResponse,
  Page,
  PoolDetails,
  PoolRow,
  RunView,
  UsageSeries,
} from './types.ts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }

  /** `StatusNotAllowed (HTTP 409): card … is Suspended …` */
  override toString(): string {
    return `${this.code}${this.status ? ` (HTTP ${this.status})` : ''}: ${this.message}`;
  }
}

/** Where the API lives: the origin that served the page (no host is written anywhere). */
function url(path: string): string {
  return new URL(path, location.href).toString();
}

/**
 * A twin started with --token wants `Authorization: Bearer <token>` on changes. Open the page as
 * `/?token=…` once: the token is kept for the browser tab (sessionStorage) and sent on every change.
 */
function token(): string | null {
  const fromUrl = new URLSearchParams(location.search).get('token');
  if (fromUrl) sessionStorage.setItem('cardtwin.token', fromUrl);
  return fromUrl ?? sessionStorage.getItem('cardtwin.token');
}

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
  const bearer = method === 'GET' ? null : token();
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  try {
    response = await fetch(url(path), {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (error) {
    throw new ApiError(0, 'NetworkError', `the twin did not answer (${(error as Error).message})`);
  }
  const text = await response.text();
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    // A non-JSON body (a proxy's error page): reported below with the status.
  }
  if (!response.ok) {
    const error = (json as { error?: { code?: string; message?: string } } | undefined)?.error;
    throw new ApiError(
      response.status,
      error?.code ?? `HTTP${response.status}`,
      error?.message ?? (text.slice(0, 200) || response.statusText),
    );
  }
  return json as T;
}

const get = <T>(path: string) => request<T>('GET', path);
const post = <T>(path: string, body: unknown) => request<T>('POST', path, body);

export const api = {
  run: () => get<RunView>('/api/run'),
  clock: () => get<ClockView>('/api/clock'),
  clockAction: (body: { action: string; speed?: string; by?: string; to?: string }) =>
    post<ClockView>('/api/clock', body),
  fork: (body: { at?: string; seed?: number }) => post<RunView>('/api/run/fork', body),
  cards: (query: URLSearchParams) => get<Page<CardRow>>(`/api/cards?${query.toString()}`),
  card: (iccid: string) => get<CardDetails>(`/api/cards/${encodeURIComponent(iccid)}`),
  usage: (iccid: string) => get<UsageSeries>(`/api/cards/${encodeURIComponent(iccid)}/usage`),
  cardOperation: (iccid: string, operation: string, args: unknown) =>
    post<OperationResponse>(
      `/api/cards/${encodeURIComponent(iccid)}/${encodeURIComponent(operation)}`,
      args ?? {},
    ),
  batchOperation: (operation: string, cards: readonly string[], args: unknown) =>
    post<OperationResponse>('/api/operations', { operation, cards, with: args ?? {} }),
  pools: () => get<{ items: PoolRow[] }>('/api/pools'),
  pool: (id: string) => get<PoolDetails>(`/api/pools/${encodeURIComponent(id)}`),
  tags: () => get<{ items: { tag: string; cards: number }[] }>('/api/tags'),
  exports: () => get<{ items: ExportedFile[] }>('/api/exports'),
  startExport: (body: unknown) => post<ExportedFile>('/api/exports', body),
  deleteExport: (id: string) => request<unknown>('DELETE', `/api/exports/${encodeURIComponent(id)}`),
  downloadUrl: (id: string) => `/api/exports/${encodeURIComponent(id)}/download`,
  ledgerMonth: (month: string) => get<LedgerPage>(`/api/ledger?month=${month}&pageSize=1`),
};

export function errorText(error: unknown): string {
  if (error instanceof ApiError) return error.toString();
  return `Error: ${(error as Error)?.message ?? String(error)}`;
}
