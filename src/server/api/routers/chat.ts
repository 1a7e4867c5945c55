// chat.list, chat.get, chat.openDirect, chat.createGroup, chat.rename, chat.mute, chat.setAvatar, chat.leave,
// chat.member.add / remove / setRole
import { setGroupAvatar } from "~/server/services/chats/avatar";
import { createGroup, openDirectChat } from "~/server/services/chats/create";
import { getChat, listChats } from "~/server/services/chats/list";
import { muteChat } from "~/server/services/chats/mute";
import { ZChatMuteInput } from "~/shared/schemas/push";
import { addMembers, leaveGroup, removeMember, renameGroup, setMemberRole } from "~/server/services/chats/manage";
import { ZAddMembersInput, ZChatRef, ZCreateDirectInput, ZCreateGroupInput, ZMemberRef, ZRenameChatInput, ZSetMemberRoleInput } from "~/shared/schemas/chat";
import { ZSetChatAvatarInput } from "~/shared/schemas/attachment";
import { createTRPCRouter, perUserLimit, protectedProcedure } from "../trpc";
import { userLimits } from "~/server/limits";

const OK = { ok: true as const };

export const chatRouter = createTRPCRouter({
  list: protectedProcedure.query(({ ctx }) => listChats(ctx.auth.user.id)),
  get: protectedProcedure.input(ZChatRef).query(({ ctx, input }) => getChat(ctx.auth.user.id, input.chatId)),
  openDirect: protectedProcedure.input(ZCreateDirectInput).mutation(({ ctx, input }) => openDirectChat(ctx.auth.user.id, input.userId)),
  createGroup: protectedProcedure.input(ZCreateGroupInput).use(perUserLimit(userLimits.createGroup)).mutation(({ ctx, input }) => createGroup(ctx.auth.user.id, input)),
  rename: protectedProcedure.input(ZRenameChatInput).mutation(async ({ ctx, input }) => {
    await renameGroup(ctx.auth.user.id, input.chatId, input.title);
    return OK;
  }),
  mute: protectedProcedure.input(ZChatMuteInput).mutation(({ ctx, input }) => muteChat(ctx.auth.user.id, input.chatId, input.duration)),
  setAvatar: protectedProcedure.input(ZSetChatAvatarInput).mutation(({ ctx, input }) => setGroupAvatar(ctx.auth.user.id, input.chatId, input.attachmentId)),
  leave: protectedProcedure.input(ZChatRef).mutation(async ({ ctx, input }) => {
    await leaveGroup(ctx.auth.user.id, input.chatId);
    return OK;
  }),
  member: createTRPCRouter({
    add: protectedProcedure.input(ZAddMembersInput).use(perUserLimit(userLimits.addMembers)).mutation(async ({ ctx, input }) => {
      await addMembers(ctx.auth.user.id, input.chatId, input.userIds);
      return OK;
    }),
    remove: protectedProcedure.input(ZMemberRef).mutation(async ({ ctx, input }) => {
      await removeMember(ctx.auth.user.id, input.chatId, input.userId);
      return OK;
    }),
    setRole: protectedProcedure.input(ZSetMemberRoleInput).mutation(async ({ ctx, input }) => {
      await setMemberRole(ctx.auth.user.id, input.chatId, input.userId, input.role);
      return OK;
    }),
  }),
});
