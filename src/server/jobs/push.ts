// The push job's data, dispatched to the push service.
import { pushClose, pushFriendEvent, pushMessage } from "~/server/services/push/notify";
import type { JobData } from "./definitions";

export async function runPushJob(data: JobData<"push.send">): Promise<void> {
  if (data.type === "message") return pushMessage(data.messageId);
  if (data.type === "close") return pushClose(data.userId, data.chatId, data.upToSeq);
  return pushFriendEvent(data.event, data.toUserId, data.fromUserId, data.pushId);
}


