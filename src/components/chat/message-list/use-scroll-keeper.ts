"use client";
// The conversation's scrolling: opens at the bottom, follows new messages while the reader is at
// the bottom (and always after sending), keeps the first message in place when an older page goes in
// above, and asks for that page when the reader nears the top.
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from "react";
import type { OutboxItem } from "~/client/outbox-store";
import type { Row } from "./message-rows";

const NEAR_BOTTOM_PX = 80;
const LOAD_OLDER_PX = 400;

function nearBottom(list: HTMLElement): boolean {
  return list.scrollHeight - list.scrollTop - list.clientHeight < NEAR_BOTTOM_PX;
}

export function useScrollKeeper(
  scrollRef: RefObject<HTMLDivElement | null>,
  { rows, pending, hasOlder, loadOlder }: { rows: Row[]; pending: OutboxItem[]; hasOlder: boolean; loadOlder: () => Promise<void> },
) {
  const atBottom = useRef(true);
  const [showJump, setShowJump] = useState(false);
  const anchor = useRef<{ key: string; top: number } | null>(null);
  const placed = useRef(false);
  const lastOwnPending = useRef<string | undefined>(pending.at(-1)?.clientId);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const loadingRef = useRef(false);

  const maybeLoadOlder = useCallback(() => {
    const list = scrollRef.current;
    if (!list || !hasOlder || loadingRef.current || list.scrollTop > LOAD_OLDER_PX) return;
    loadingRef.current = true;
    setLoadingOlder(true);
    loadOlder()
      .catch(() => undefined)
      .finally(() => {
        loadingRef.current = false;
        setLoadingOlder(false);
      });
  }, [scrollRef, hasOlder, loadOlder]);

  const onScroll = () => {
    const list = scrollRef.current;
    if (!list) return;
    atBottom.current = nearBottom(list);
    setShowJump(!atBottom.current);
    maybeLoadOlder();
  };

  useLayoutEffect(() => {
    const list = scrollRef.current;
    if (!list) return;
    const ownSent = pending.at(-1)?.clientId;
    const sentNow = ownSent !== undefined && ownSent !== lastOwnPending.current;
    lastOwnPending.current = ownSent;
    if (!placed.current) {
      // Opening the chat: start at the newest message.
      list.scrollTop = list.scrollHeight;
      placed.current = true;
    } else {
      // An older page went in above: keep the first message where it was on screen.
      const before = anchor.current;
      const node = before ? list.querySelector<HTMLElement>(`[data-row-key="${CSS.escape(before.key)}"]`) : null;
      if (before && node && node.offsetTop !== before.top) list.scrollTop += node.offsetTop - before.top;
      if (atBottom.current || sentNow) list.scrollTop = list.scrollHeight;
    }
    const first = list.querySelector<HTMLElement>("[data-row-key]");
    anchor.current = first ? { key: first.dataset.rowKey!, top: first.offsetTop } : null;
    atBottom.current = nearBottom(list);
    setShowJump(!atBottom.current);
    maybeLoadOlder();
  }, [scrollRef, rows, pending, maybeLoadOlder]);

  // The composer growing, the keyboard opening or the window resizing keeps the bottom in view.
  useEffect(() => {
    const list = scrollRef.current;
    if (!list) return;
    const observer = new ResizeObserver(() => {
      if (atBottom.current) list.scrollTop = list.scrollHeight;
    });
    observer.observe(list);
    return () => observer.disconnect();
  }, [scrollRef]);

  const jumpToNewest = () => {
    const list = scrollRef.current;
    list?.scrollTo({ top: list.scrollHeight, behavior: "smooth" });
  };

  return { onScroll, showJump, loadingOlder, jumpToNewest };
}
