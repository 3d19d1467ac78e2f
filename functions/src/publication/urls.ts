/** Public URLs of published objects (DESIGN §8), used inside records, projects and package links. */
export function releaseUrl(baseUrl: string, ocid: string, releaseId: string): string {
  return `${baseUrl}/api/ocds/releases?ocid=${encodeURIComponent(ocid)}&releaseID=${encodeURIComponent(releaseId)}`;
}

export function recordUrl(baseUrl: string, ocid: string): string {
  return `${baseUrl}/api/ocds/records/${encodeURIComponent(ocid)}`;
}

export function projectUrl(baseUrl: string, id: string): string {
  return `${baseUrl}/api/oc4ids/projects/${encodeURIComponent(id)}`;
}
