import { randomBytes, randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setStorage } from "~/server/storage";
import { LocalStorageDriver } from "~/server/storage/local/local-driver";
import { recordPublishedPerTest, sentTo } from "../../../../test/publisher";
import { directChatPair, type Client } from "../../../../test/trpc";
import { downloadAttachment, putBytes } from "../../../../test/uploads";

const published = recordPublishedPerTest();
const MAX_BYTES = 1024 * 1024;
const PART_BYTES = 64 * 1024;
let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "bm-attachments-"));
  setStorage(new LocalStorageDriver({ directory, secret: "attachment-test-secret-0123456789abcdef", maxBytes: MAX_BYTES, partBytes: PART_BYTES, publicBaseUrl: "/api/files" }));
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** Slot → PUT → complete, as the browser does it; returns the completed attachment. */
async function upload(client: Client, chatId: string, fileName: string, bytes: Uint8Array, extra: { contentType?: string; purpose?: "FILE" | "VOICE" } = {}) {
  const slot = await client.call().attachment.createUpload({ chatId, clientId: randomUUID(), fileName, size: bytes.length, ...extra });
  expect(slot.upload?.kind).toBe("single");
  if (slot.upload?.kind !== "single") throw new Error("expected a single PUT");
  const put = await putBytes(slot.upload.target, bytes);
  expect(put.status, await put.clone().text()).toBe(200);
  return client.call().attachment.complete({ attachmentId: slot.attachment.id });
}

describe("attachments on the local driver", () => {
  it("slot → upload → complete → message: the other member downloads the same bytes, live and in history", async () => {
    const { alice, bob, chatId } = await directChatPair();
    const bytes = Buffer.concat([Buffer.from("%PDF-1.4\n"), randomBytes(5000)]);
    const attachment = await upload(alice, chatId, "Отчёт 2026.pdf", bytes, { contentType: "application/pdf" });
    expect(attachment).toMatchObject({ kind: "FILE", fileName: "Отчёт 2026.pdf", mimeType: "application/pdf", size: bytes.length, hasThumbnail: false });

    const sent = await alice.call().message.send({ chatId, clientId: randomUUID(), attachmentIds: [attachment.id] });
    expect(sent.message).toMatchObject({ content: "", attachments: [attachment] });
    expect(sentTo(published, bob.user.id, "message:new")).toEqual([sent.message]);
    const history = await bob.call().message.history({ chatId });
    expect(history.messages.at(-1)!.attachments).toEqual([attachment]);
    const list = await bob.call().chat.list();
    expect(list.find((chat) => chat.id === chatId)!.lastMessage!.attachments).toEqual([attachment]);

    const { redirect, response } = await downloadAttachment(bob.jar, attachment.id);
    expect(redirect.status).toBe(302);
    expect(response!.status).toBe(200);
    expect(Buffer.from(await response!.arrayBuffer()).equals(bytes)).toBe(true);
    expect(response!.headers.get("content-disposition")).toMatch(/^attachment; .*filename\*=UTF-8''%D0%9E%D1%82%D1%87%D1%91%D1%82%202026\.pdf$/);
    expect(response!.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response!.headers.get("content-length")).toBe(String(bytes.length));
  });
});
