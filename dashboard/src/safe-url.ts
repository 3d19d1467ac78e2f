/**
 * Only absolute http(s) URLs become links; anything else (javascript:, data:, file:) is shown as text. Apart from
 * dom.ts so that it is tested without a page: history publishes such links as they were (only warned of).
 */
export function safeUrl(url: unknown): string | undefined {
  return typeof url === 'string' && /^https?:\/\/[^\s]+$/i.test(url) ? url : undefined;
}
