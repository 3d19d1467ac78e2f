/** The HTTP port: UrlFetchApp in Apps Script, a fake in tests. Never throws for HTTP status codes. */
export interface HttpRequest {
  method: 'get' | 'post';
  url: string;
  headers: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
}

export interface HttpResponse { status: number; text: string }

export interface HttpPort {
  fetch(request: HttpRequest): HttpResponse;
}
