// A real (fake) S3 server for storage tests: s3rver on 127.0.0.1, a free port, a temporary
// directory, one bucket. Its default credentials are S3RVER/S3RVER; it checks signatures and the
// expiry of presigned URLs, but implements neither ListParts nor AbortMultipartUpload.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import S3rver from "s3rver";
import { S3StorageDriver } from "~/server/storage/s3/s3-driver";

export interface TestS3 {
  endpoint: string;
  bucket: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  stop(): Promise<void>;
}

export async function startS3rver(bucket = "test-bucket"): Promise<TestS3> {
  const directory = await mkdtemp(join(tmpdir(), "s3rver-"));
  const server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    async stop() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/** The s3 driver pointed at `s3`, as the app would configure it (path style, SSE), with 5 MiB parts. */
export function s3DriverFor(s3: TestS3, maxBytes: number): S3StorageDriver {
  return new S3StorageDriver({
    bucket: s3.bucket,
    region: "us-east-1",
    endpoint: s3.endpoint,
    forcePathStyle: true,
    credentials: s3.credentials,
    serverSideEncryption: "AES256",
    maxBytes,
    partBytes: 5 * 1024 * 1024,
  });
}
