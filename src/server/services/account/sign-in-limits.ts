// Rate-limit rules for sign-in and registration (numbers from the environment).
import { env } from "~/env";
import type { LimitRule } from "~/server/rate-limit";

export const signInPerIp: LimitRule = { name: "signin-ip", points: env.AUTH_IP_LIMIT, durationSeconds: 10 * 60 };
/** Failed attempts on one account from one address: guessing stops there, while the owner,
 * signing in from elsewhere, is not locked out by someone else's wrong passwords. */
export const signInFailuresPerAccountIp: LimitRule = { name: "signin-account-ip", points: env.AUTH_ACCOUNT_LIMIT, durationSeconds: 15 * 60 };
/** Failed attempts on one account from anywhere: slows guessing spread over many addresses. */
export const signInFailuresPerAccount: LimitRule = { name: "signin-account", points: env.AUTH_ACCOUNT_GLOBAL_LIMIT, durationSeconds: 60 * 60 };
export const registerPerIp: LimitRule = { name: "register-ip", points: env.REGISTER_IP_LIMIT, durationSeconds: 60 * 60 };
