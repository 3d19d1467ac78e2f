/** The Range and If-Range rules of the bulk files (RFC 9110 §14, §13.1.5); the route is tested in bulk-files.test.ts. */
import { byteRange, ifRangeHolds } from './byte-range';

describe('byteRange over a file of 1,000 bytes', () => {
  it.each([
    ['bytes=0-99', { kind: 'part', start: 0, end: 99 }],
    ['bytes=500-', { kind: 'part', start: 500, end: 999 }],
    ['BYTES=500-', { kind: 'part', start: 500, end: 999 }],
    ['bytes=990-5000', { kind: 'part', start: 990, end: 999 }],
    ['bytes=-10', { kind: 'part', start: 990, end: 999 }],
    ['bytes=-5000', { kind: 'part', start: 0, end: 999 }],
    ['bytes= 500- ,', { kind: 'part', start: 500, end: 999 }],
    ['bytes=1000-', { kind: 'unsatisfiable' }],
    ['bytes=-0', { kind: 'unsatisfiable' }],
    // Invalid or more than one range: ignored, the whole file.
    ['bytes=9-5', { kind: 'whole' }],
    ['bytes=abc', { kind: 'whole' }],
    ['bytes=-', { kind: 'whole' }],
    ['bytes=0x10-', { kind: 'whole' }],
    ['items=0-9', { kind: 'whole' }],
    ['bytes=0-9,20-29', { kind: 'whole' }],
    ['bytes=1000-,0-9', { kind: 'whole' }],
  ])('%s', (header, answer) => {
    expect(byteRange(header, 1000)).toEqual(answer);
  });
});

test('If-Range holds only for the current strong ETag, or when absent', () => {
  expect(ifRangeHolds(undefined, '"abc"')).toBe(true);
  expect(ifRangeHolds('"abc"', '"abc"')).toBe(true);
  expect(ifRangeHolds('W/"abc"', '"abc"')).toBe(false);
  expect(ifRangeHolds('"otro"', '"abc"')).toBe(false);
  expect(ifRangeHolds('Fri, 05 Dec 2025 10:00:00 GMT', '"abc"')).toBe(false);
});
