"use client";
// Read: the chat's newest message is on screen and the tab is visible.
import { useEffect, useEffectEvent, type RefObject } from "react";

export function useReadOnScreen({
  listRef,
  newestSeq,
  markRead,
  rows,
  readSeq,
}: {
  listRef: RefObject<HTMLElement | null>;
  newestSeq: number | undefined;
  markRead: (seq: number) => void;
  /** Only re-arm the watch: re-rendered rows, or a read mark that fell back (the server did not
   * take it, so the chat list shows the badge again), are looked at again. */
  rows: unknown;
  readSeq: number | undefined;
}) {
  const read = useEffectEvent((seq: number) => markRead(seq));
  useEffect(() => {
    const list = listRef.current;
    const node = newestSeq === undefined ? null : list?.querySelector<HTMLElement>(`[data-seq="${newestSeq}"]`);
    if (!list || !node || newestSeq === undefined) return;
    let onScreen = false;
    const check = () => {
      if (onScreen && document.visibilityState === "visible") read(newestSeq);
    };
    const observer = new IntersectionObserver(
      (entries) => {
        onScreen = entries.some((entry) => entry.isIntersecting);
        check();
      },
      { root: list },
    );
    observer.observe(node);
    document.addEventListener("visibilitychange", check);
    window.addEventListener("focus", check);
    return () => {
      observer.disconnect();
      document.removeEventListener("visibilitychange", check);
      window.removeEventListener("focus", check);
    };
  }, [listRef, newestSeq, rows, readSeq]);
}
