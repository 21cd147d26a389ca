/** An object read back from storage: its bytes as a stream, to send without holding the file in memory. */
export type StoredObject = { body: ReadableStream<Uint8Array>; contentType: string; size: number };

/**
 * Where uploaded bytes are kept: the local directory by default, an S3-compatible bucket (MinIO, a cloud bucket)
 * when several web servers share the media. Keys are content-addressed, so a put of an existing key writes the
 * same bytes again.
 */
export interface MediaStorage {
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** Null when nothing is stored under the key. */
  get(key: string): Promise<StoredObject | null>;
}

// Keys are built by mediaStorageKey; anything else (a `..`, an absolute path) is a programming error.
const KEY = /^[a-z0-9][a-z0-9/_-]*(\.[a-z0-9]+)?$/;

export function assertStorageKey(key: string): void {
  if (!KEY.test(key) || key.split("/").some((part) => part === "")) throw new Error(`Not a media storage key: ${JSON.stringify(key)}`);
}
