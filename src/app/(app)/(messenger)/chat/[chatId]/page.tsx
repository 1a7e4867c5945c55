import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ChatPane } from "~/components/chat/chat-pane";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("metadata");
  return { title: t("chat") };
}

export default async function ChatPage({ params }: { params: Promise<{ chatId: string }> }) {
  const { chatId } = await params;
  return <ChatPane key={chatId} chatId={chatId} />;
}
