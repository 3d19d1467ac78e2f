/**
 * Test helper: a compound file (MS-CFB, version 3: 512-byte sectors) whose directory holds these streams, as Excel
 * writes a workbook encrypted with a password (ENCRYPTED_STREAMS) or an Excel 97-2003 book (`Workbook`). Sector 0 is
 * the FAT; the directory starts at `directoryAt` and, past four names, goes on in the next sectors.
 */
export const ENCRYPTED_STREAMS = ['\u0006DataSpaces', 'Version', 'DataSpaceMap', 'EncryptionInfo', 'EncryptedPackage'];

export function compoundFile(names: string[], directoryAt = 1): Buffer {
  const SECTOR = 512;
  const entries = ['Root Entry', ...names];
  const directorySectors = Math.ceil(entries.length / 4);
  const file = Buffer.alloc(SECTOR * (directoryAt + directorySectors + 1));
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(file, 0);
  file.writeUInt16LE(0x3e, 0x18); // minor version
  file.writeUInt16LE(3, 0x1a); // major version 3
  file.writeUInt16LE(0xfffe, 0x1c); // little-endian
  file.writeUInt16LE(9, 0x1e); // 2^9 = 512-byte sectors
  file.writeUInt32LE(1, 0x2c); // one FAT sector
  file.writeUInt32LE(directoryAt, 0x30);
  for (let i = 0; i < 109; i++) file.writeUInt32LE(0xffffffff, 0x4c + i * 4);
  file.writeUInt32LE(0, 0x4c); // the FAT is sector 0
  const at = (sector: number): number => (sector + 1) * SECTOR;
  // FAT: sector 0 is the FAT itself; the directory chains sector to sector and ends.
  for (let i = 0; i < SECTOR / 4; i++) file.writeUInt32LE(0xffffffff, at(0) + i * 4);
  file.writeUInt32LE(0xfffffffd, at(0));
  for (let s = 0; s < directorySectors; s++) file.writeUInt32LE(s === directorySectors - 1 ? 0xfffffffe : directoryAt + s + 1, at(0) + (directoryAt + s) * 4);
  entries.forEach((name, i) => {
    const offset = at(directoryAt + Math.floor(i / 4)) + (i % 4) * 128;
    file.write(name, offset, 'utf16le');
    file.writeUInt16LE((name.length + 1) * 2, offset + 0x40);
    file[offset + 0x42] = i === 0 ? 5 : 2; // root storage, then streams
  });
  return file;
}

