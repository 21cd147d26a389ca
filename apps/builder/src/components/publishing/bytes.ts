/** Package sizes as merchants read them: KB below a megabyte, MB above (WeChat states its limits in MB). */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / 1024 / 1024).toFixed(2))} MB`;
  return `${(bytes / 1024).toFixed(1)} KB`;
}
