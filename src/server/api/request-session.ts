// Who is calling: the access cookie's session, or a transparent renewal from the refresh cookie.
import { clearAuthCookies, setAuthCookies, ACCESS_COOKIE, REFRESH_COOKIE, type CookieJar } from "~/server/auth/cookies";
import { refreshSession, resolveAccessToken, type AuthState, type RequestMeta } from "~/server/services/account/sessions";

export async function resolveRequestSession(jar: CookieJar, meta: RequestMeta): Promise<AuthState | null> {
  const accessToken = jar.get(ACCESS_COOKIE);
  if (accessToken) {
    const state = await resolveAccessToken(accessToken);
    if (state) return state;
  }
  const refreshToken = jar.get(REFRESH_COOKIE);
  if (!refreshToken) {
    if (accessToken) clearAuthCookies(jar);
    return null;
  }
  const refreshed = await refreshSession(refreshToken, meta);
  if (!refreshed) {
    clearAuthCookies(jar);
    return null;
  }
  setAuthCookies(jar, refreshed.tokens);
  return { user: refreshed.user, sessionId: refreshed.sessionId };
}
