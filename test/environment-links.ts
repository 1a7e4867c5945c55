// For tests whose sidecars are separate processes sharing the app's Redis: this process publishes
// and ends sessions the way the app does in production (replacing the recorders setup installs).
import { environmentSocketEnder } from "~/server/realtime/disconnect";
import { environmentPublisher } from "~/server/realtime/publish";
import { setPublisher } from "~/server/realtime/publisher";
import { setSocketEnder } from "~/server/realtime/socket-ender";

export function useEnvironmentLinks(): void {
  setPublisher(environmentPublisher());
  setSocketEnder(environmentSocketEnder());
}
