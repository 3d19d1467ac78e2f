/**
 * `validate paquete.json` on an indented release or project package, read through a 1 MB window (streamPrettyItems,
 * locate-list.ts): each item is parsed from its own bytes, checked (core/validate listValidator) and dropped, so the
 * package never lives in memory whole. On the 2-core target machine, reading 15 MB at once and growing the heap by
 * the parsed package cost more than validating it (issue 17). Record packages, compact files and anything unusual
 * give `undefined`, and the caller reads the file whole as before (same findings either way).
 */
import * as fs from 'fs';
import { listValidator, packageKind, LIST_KEY, type ListKind, type PackageValidation } from '../../../core/validate/validate-package';
import type { ValidateSettings } from '../../../core/checks/types';
import { locateListOpen, streamPrettyItems } from './locate-list';

/** Bytes read to learn which list the package carries: its own fields come before it in every package we know. */
const PEEK = 1 << 16;

/**
 * The list to read item by item: `releases` when the package has one at its top level (it makes a release package,
 * whatever else it holds), else `projects`. A record package's `records` beside `projects` is caught by the kind of
 * the package read, at the end.
 */
function listKind(fd: number, size: number): ListKind | undefined {
  const head = Buffer.allocUnsafe(Math.min(PEEK, size));
  const got = fs.readSync(fd, head, 0, head.length, 0);
  const bytes = head.subarray(0, got);
  if (locateListOpen(bytes, LIST_KEY.release) !== undefined) return 'release';
  if (locateListOpen(bytes, LIST_KEY.project) !== undefined) return 'project';
  return undefined;
}

export function validatePackageFile(file: string, settings: ValidateSettings): PackageValidation | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return undefined; // the whole-file path says why in Spanish
  }
  try {
    const size = fs.fstatSync(fd).size;
    const kind = listKind(fd, size);
    if (!kind) return undefined;
    const key = LIST_KEY[kind];
    const items = listValidator(kind, settings);
    const list = streamPrettyItems(fd, size, key, (window, from, to) => items.add(JSON.parse(window.toString('utf8', from, to))));
    if (!list) return undefined;
    // The package without its list: its own fields. Its list must be the one read (a second key of that name, even
    // spelled with an escape, would replace it for JSON.parse), and the package must be of the kind that list gives
    // (no `releases` beside `projects`).
    if (list.tail.includes(`"${key}"`) || list.tail.includes('\\')) return undefined;
    const envelope = JSON.parse(`${list.head}[]${list.tail}`) as unknown;
    if (packageKind(envelope) !== kind) return undefined;
    return items.finish(envelope as Record<string, unknown>);
  } catch {
    // Not JSON, or not as the window reads it: the whole file is read, which also gives the usual message.
    return undefined;
  } finally {
    fs.closeSync(fd);
  }
}
