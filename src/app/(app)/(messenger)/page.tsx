import { getTranslations } from "next-intl/server";

/** "/": the chat list (in the layout); wide screens show this empty pane beside it. */
export default async function HomePage() {
  const t = await getTranslations("home");
  return (
    <div className="chat-backdrop flex min-h-0 flex-1 items-center justify-center p-6">
      <div data-testid="select-chat" className="rounded-2xl bg-black/5 px-5 py-3 text-center backdrop-blur-sm dark:bg-white/5">
        <p className="text-[15px] font-medium text-neutral-700 dark:text-neutral-200">{t("selectChat")}</p>
        <p className="mt-0.5 text-sm text-neutral-500 dark:text-neutral-400">{t("selectChatHint")}</p>
      </div>
    </div>
  );
}
