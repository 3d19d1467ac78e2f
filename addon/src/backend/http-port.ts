/** The HTTP port: UrlFetchApp in Apps Script; in tests, a blocking port onto the real app. Never throws for HTTP status codes. */
export interface HttpRequest {
  method: 'get' | 'post';
  url: string;
  headers: Record<string, string>;
  /** The JSON text sent (serialized once by the client, which also measures it). */
  body?: string;
  /** Content type of the JSON body; default application/json. */
  contentType?: string;
}

export interface HttpResponse { status: number; text: string }

export interface HttpPort {
  fetch(request: HttpRequest): HttpResponse;
}
