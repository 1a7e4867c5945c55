"use client";
// A sent message's actions (reply, edit, delete): a small menu behind a "⋯" button that shows on
// hover or focus. Keyboard: the button is tabbable, arrows move between items, Escape closes.
import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { cn } from "~/components/ui/cn";
import type { MessageDto } from "~/shared/realtime/events";
import { useConversation } from "./conversation-actions";

export function MessageActions({ message, own }: { message: MessageDto; own: boolean }) {
  const t = useTranslations("chat.message");
  const conversation = useConversation();
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector<HTMLElement>("[role=menuitem]")?.focus();
    const close = (event: PointerEvent) => {
      if (!menu.current?.contains(event.target as Node) && !button.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", close);
    return () => document.removeEventListener("pointerdown", close);
  }, [open]);

  if (!conversation || message.deletedAt) return null;
  const items = [
    { key: "reply", label: t("reply"), act: () => conversation.reply(message) },
    ...(own && message.content ? [{ key: "edit", label: t("edit"), act: () => conversation.startEdit(message) }] : []),
    ...(own || conversation.moderator ? [{ key: "delete", label: t("deleteForEveryone"), act: () => conversation.remove(message, true) }] : []),
    { key: "hide", label: t("deleteForMe"), act: () => conversation.remove(message, false) },
  ];

  const onKeyDown = (event: KeyboardEvent) => {
    const entries = [...(menu.current?.querySelectorAll<HTMLElement>("[role=menuitem]") ?? [])];
    const index = entries.indexOf(document.activeElement as HTMLElement);
    if (event.key === "Escape") {
      event.preventDefault();
      setOpen(false);
      button.current?.focus();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      entries[(index + (event.key === "ArrowDown" ? 1 : entries.length - 1)) % entries.length]?.focus();
    }
  };

  return (
    <div className={cn("relative self-center", own ? "order-first mr-1" : "ml-1")}>
      <button
        ref={button}
        type="button"
        data-testid="message-actions"
        aria-label={t("actions")}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((value) => !value)}
        className={cn(
          "inline-flex size-7 items-center justify-center rounded-full text-neutral-500 hover:bg-black/5 focus-visible:opacity-100 dark:text-neutral-400 dark:hover:bg-white/10",
          open ? "opacity-100" : "opacity-0 group-hover:opacity-100 focus:opacity-100",
        )}
      >
        <span aria-hidden="true">⋯</span>
      </button>
      {open ? (
        <div
          ref={menu}
          id={menuId}
          role="menu"
          aria-label={t("actions")}
          onKeyDown={onKeyDown}
          className={cn(
            "absolute bottom-full z-20 mb-1 w-max min-w-40 rounded-xl bg-white py-1 text-sm shadow-lg ring-1 ring-black/5 dark:bg-neutral-800 dark:ring-white/10",
            own ? "right-0" : "left-0",
          )}
        >
          {items.map((item) => (
            <button
              key={item.key}
              type="button"
              role="menuitem"
              tabIndex={-1}
              data-testid={`message-action-${item.key}`}
              onClick={() => {
                setOpen(false);
                item.act();
              }}
              className={cn(
                "block w-full px-3 py-1.5 text-left hover:bg-neutral-100 focus:bg-neutral-100 focus:outline-none dark:hover:bg-neutral-700 dark:focus:bg-neutral-700",
                (item.key === "delete" || item.key === "hide") && "text-red-600 dark:text-red-400",
              )}
            >
              {item.label}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
