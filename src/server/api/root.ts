// The app's tRPC router.
import { authRouter } from "./routers/auth";
import { chatRouter } from "./routers/chat";
import { friendRouter } from "./routers/friend";
import { messageRouter } from "./routers/message";
import { realtimeRouter } from "./routers/realtime";
import { userRouter } from "./routers/user";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  auth: authRouter,
  user: userRouter,
  realtime: realtimeRouter,
  chat: chatRouter,
  message: messageRouter,
  friend: friendRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
