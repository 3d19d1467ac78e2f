/** The HTTP port: UrlFetchApp in Apps Script; in tests, a blocking port onto the real app. Never throws for HTTP status codes. */
export interface HttpRequest {
  method: 'get' | 'post';
  url: string;
  headers: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  /** Content type of the JSON body; default application/json. */
  contentType?: string;
}

export interface HttpResponse { status: number; text: string }

export interface HttpPort {
  fetch(request: HttpRequest): HttpResponse;
}
