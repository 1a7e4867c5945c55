// The app's tRPC router.
import { accountRouter } from "./routers/account";
import { authRouter } from "./routers/auth";
import { chatRouter } from "./routers/chat";
import { friendRouter } from "./routers/friend";
import { messageRouter } from "./routers/message";
import { peopleRouter } from "./routers/people";
import { realtimeRouter } from "./routers/realtime";
import { createCallerFactory, createTRPCRouter, mergeRouters } from "./trpc";

export const appRouter = createTRPCRouter({
  auth: authRouter,
  // One public path for both (the browser calls `user.*`); the files follow the services.
  user: mergeRouters(accountRouter, peopleRouter),
  realtime: realtimeRouter,
  chat: chatRouter,
  message: messageRouter,
  friend: friendRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
