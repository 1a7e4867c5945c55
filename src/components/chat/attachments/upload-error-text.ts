"use client";
// An upload's failure in words: the known codes translated, anything else as the server said it.
import { useTranslations } from "next-intl";

const KNOWN = new Set(["PAYLOAD_TOO_LARGE", "STORAGE_QUOTA_EXCEEDED", "NETWORK", "FORBIDDEN", "NOT_FOUND", "BAD_REQUEST", "RATE_LIMITED"]);

export function useUploadErrorText() {
  const t = useTranslations("chat.attachments.errors");
  return (error: { code: string; message: string }) => {
    if (error.code.startsWith("HTTP_")) return t("storage");
    // The server's own words say which type or what is wrong with the file (a refusal is a 400).
    if (error.code === "BAD_REQUEST" && error.message) return error.message;
    return KNOWN.has(error.code) ? t(error.code as "NETWORK") : error.message || t("generic");
  };
}
