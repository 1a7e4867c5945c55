"use client";
// Profile: push notifications on this device (asks for permission when switched on).
import { useTranslations } from "next-intl";
import { FormError } from "~/components/ui/alert";
import { Toggle } from "~/components/ui/toggle";
import { usePushDevice } from "./use-push-device";

export function PushSwitch({ userId }: { userId: string }) {
  const t = useTranslations("push");
  const device = usePushDevice(userId);
  if (device.state === null) return null;
  const usable = device.state === "on" || device.state === "off";
  return (
    <div data-testid="push-switch" data-state={device.state} className="flex flex-col gap-3">
      <Toggle
        id="push-device"
        label={t("device")}
        hint={t(`state.${device.state}`)}
        checked={device.state === "on"}
        disabled={!usable || device.busy}
        onChange={(on) => void (on ? device.enable() : device.disable())}
      />
      {device.failed ? <FormError>{t("failed")}</FormError> : null}
    </div>
  );
}
