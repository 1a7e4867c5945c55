/** What the chat list shows before the first conversation. */
export function ChatListEmpty({ title, hint }: { title: string; hint: string }) {
  return (
    <div data-testid="chats-empty" className="flex flex-col items-center px-8 pt-16 pb-8 text-center">
      <div className="flex size-20 items-center justify-center rounded-full bg-accent-50 text-accent-500 dark:bg-accent-500/10 dark:text-accent-400">
        <svg aria-hidden="true" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.6" className="size-10">
          <path
            strokeLinecap="round"
            strokeLinejoin="round"
            d="M8 10h8M8 14h5m-9 6.5 1.6-3.2A8.5 8.5 0 1 1 12 20.5a8.6 8.6 0 0 1-3.6-.8L4 20.5Z"
          />
        </svg>
      </div>
      <p className="mt-5 text-base font-semibold">{title}</p>
      <p className="mt-1 max-w-[16rem] text-sm text-neutral-500 dark:text-neutral-400">{hint}</p>
    </div>
  );
}
