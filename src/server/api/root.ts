// The app's tRPC router.
import { accountRouter } from "./routers/account";
import { attachmentRouter } from "./routers/attachment";
import { authRouter } from "./routers/auth";
import { chatRouter } from "./routers/chat";
import { friendRouter } from "./routers/friend";
import { messageRouter } from "./routers/message";
import { peopleRouter } from "./routers/people";
import { pushRouter } from "./routers/push";
import { realtimeRouter } from "./routers/realtime";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  auth: authRouter,
  account: accountRouter,
  people: peopleRouter,
  realtime: realtimeRouter,
  chat: chatRouter,
  message: messageRouter,
  friend: friendRouter,
  attachment: attachmentRouter,
  push: pushRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
