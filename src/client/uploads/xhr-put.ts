// The browser's PUT of a file (or a part) to a signed URL: XMLHttpRequest, because fetch cannot
// report upload progress.
import { PutError } from "./upload-error";
import type { PutBlob } from "./types";

export const xhrPut: PutBlob = (target, body, onProgress, signal) =>
  new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(target.method, target.url);
    for (const [name, value] of Object.entries(target.headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => onProgress(event.loaded);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) resolve({ etag: xhr.getResponseHeader("ETag") });
      else reject(new PutError(xhr.status));
    };
    xhr.onerror = () => reject(new PutError(0));
    xhr.onabort = () => reject(new PutError(0));
    if (signal.aborted) return reject(new PutError(0));
    signal.addEventListener("abort", () => xhr.abort());
    xhr.send(body);
  });
