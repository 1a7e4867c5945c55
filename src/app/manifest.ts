// The web app manifest (/manifest.webmanifest) that makes BrainMessenger installable. Browsers fetch
// it without cookies, so it speaks the default language (toLocale of nothing); the app itself follows
// the person's choice. Dark theme colour: the root layout's `theme-color` meta with a media query.
import type { MetadataRoute } from "next";
import { toLocale } from "~/i18n/config";
import en from "../../messages/en.json";
import ru from "../../messages/ru.json";

const LIGHT_BACKGROUND = "#f5f5f5";

export default function manifest(): MetadataRoute.Manifest {
  const locale = toLocale(undefined);
  const t = locale === "en" ? en : ru;
  const icon = (size: 192 | 512, purpose: "any" | "maskable") => ({
    src: `/icons/${purpose === "any" ? "icon" : "maskable"}-${size}.png`,
    sizes: `${size}x${size}`,
    type: "image/png",
    purpose,
  });
  return {
    id: "/",
    name: "BrainMessenger",
    short_name: "Brain",
    description: t.metadata.description,
    lang: locale,
    start_url: "/",
    scope: "/",
    display: "standalone",
    theme_color: LIGHT_BACKGROUND,
    background_color: LIGHT_BACKGROUND,
    categories: ["social"],
    icons: [icon(192, "any"), icon(512, "any"), icon(192, "maskable"), icon(512, "maskable")],
    shortcuts: [
      // "/?new=chat" opens the chat list with the new-chat dialog (components/chat/chat-sidebar.tsx).
      { name: t.chat.newChat.title, url: "/?new=chat", icons: [{ src: "/icons/icon-192.png", sizes: "192x192", type: "image/png" }] },
      { name: t.metadata.people, url: "/people", icons: [{ src: "/icons/icon-192.png", sizes: "192x192", type: "image/png" }] },
    ],
  };
}
