import { AUDIT_CHUNK_BYTES } from '../../../../electron/contract/audit-api';
import type { SietchClient } from '../../../../electron/contract/client';

/**
 * Files between the page and the core, in base64 chunks: the renderer has no file system, and
 * each chunk stays under the HTTP transport's body limit. Downloads end as a Blob the browser
 * saves; uploads start from the File the user dropped.
 */
export type TransferProgress = (done: number, total: number) => void;

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  // String.fromCharCode takes arguments: slices keep the call stack small.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export async function downloadAuditFile(client: SietchClient, fileId: string, size: number, type: string, onProgress?: TransferProgress): Promise<Blob> {
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let offset = 0;
  do {
    const chunk = await client.invoke('audit.file.read', { fileId, offset, length: AUDIT_CHUNK_BYTES });
    const bytes = fromBase64(chunk.base64) as Uint8Array<ArrayBuffer>;
    parts.push(bytes);
    offset += bytes.length;
    onProgress?.(offset, size);
    if (bytes.length === 0) break;
  } while (offset < size);
  return new Blob(parts, { type });
}

export async function uploadAuditFile(client: SietchClient, file: Blob, filename: string, onProgress?: TransferProgress): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let fileId: string | undefined;
  for (let offset = 0; offset === 0 || offset < bytes.length; offset += AUDIT_CHUNK_BYTES) {
    const base64 = toBase64(bytes.subarray(offset, offset + AUDIT_CHUNK_BYTES));
    const stored = await client.invoke('audit.file.upload', fileId === undefined ? { filename: filename.slice(0, 255), offset, base64 } : { fileId, offset, base64 });
    fileId = stored.fileId;
    onProgress?.(Math.min(bytes.length, offset + AUDIT_CHUNK_BYTES), bytes.length);
    if (bytes.length === 0) break;
  }
  return fileId!;
}
