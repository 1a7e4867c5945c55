// Room names: every socket of a user joins userRoom(userId); fan-out targets members' user rooms.
export const userRoom = (userId: string) => `user:${userId}`;
/** Every socket also joins its session's room, so ending a session can disconnect exactly its sockets. */
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;
