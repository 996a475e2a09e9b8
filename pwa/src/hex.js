/** Bytes as lowercase hex, two digits a byte: photos' and texts' SHA-256 names and the UUID fallback. */
export function hex(bytes) {
  return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
