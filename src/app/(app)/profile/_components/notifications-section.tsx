"use client";
// Profile: notifications on this device.
import { useTranslations } from "next-intl";
import { PushSwitch } from "~/components/push/push-switch";
import { Section } from "~/components/ui/section";
import { useMe } from "../../_components/use-me";

export function NotificationsSection() {
  const t = useTranslations("push");
  const me = useMe().data;
  if (!me) return null;
  return (
    <Section id="profile-notifications" title={t("title")} description={t("description")}>
      <PushSwitch userId={me.id} />
    </Section>
  );
}
