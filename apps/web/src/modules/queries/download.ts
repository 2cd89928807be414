import { getToken } from '../../lib/auth-token';

/** Why a download failed, in the server's words when it gave some. */
export class DownloadError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/**
 * Downloads a file from the API with the session token in the Authorization header (never in the
 * URL, where proxies and logs would keep it), then saves it under the server's file name.
 */
export async function downloadFile(path: string, init: { method?: 'GET' | 'POST'; body?: unknown } = {}): Promise<string> {
  const token = getToken();
  const response = await fetch(path, {
    method: init.method ?? 'GET',
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
  });
  if (!response.ok) {
    let message = response.statusText;
    try {
      message = ((await response.json()) as { errors?: { message: string }[] }).errors?.[0]?.message ?? message;
    } catch {
      // Not JSON: keep the status text.
    }
    throw new DownloadError(message, response.status);
  }
  const blob = await response.blob();
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'download';
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file; free the memory a moment later.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
