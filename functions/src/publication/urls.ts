/** Public URL of a published release (DESIGN §8), linked from records and from OC4IDS projects. */
export function releaseUrl(baseUrl: string, ocid: string, releaseId: string): string {
  return `${baseUrl}/api/ocds/releases?ocid=${encodeURIComponent(ocid)}&releaseID=${encodeURIComponent(releaseId)}`;
}

