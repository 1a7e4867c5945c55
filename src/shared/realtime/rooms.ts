// Room names: every socket of a user joins userRoom(userId); fan-out targets members' user rooms.
export const userRoom = (userId: string) => `user:${userId}`;
