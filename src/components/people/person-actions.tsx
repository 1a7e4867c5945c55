"use client";
// The buttons for how you stand with someone: add / accept / decline / cancel / remove a friend,
// message, block / unblock. Blocking and removing a friend ask first.
import { useTranslations } from "next-intl";
import { usePersonName } from "~/components/chat/person-names";
import { FormError } from "~/components/ui/alert";
import { Button, type ButtonVariant } from "~/components/ui/button";
import { cn } from "~/components/ui/cn";
import { actionsFor, type RelationLike } from "./relation-actions";
import { usePersonActions, type PersonAction } from "./use-person-actions";

const VARIANT: Record<PersonAction, ButtonVariant> = {
  message: "primary",
  request: "primary",
  accept: "primary",
  decline: "secondary",
  cancel: "secondary",
  remove: "secondary",
  unblock: "secondary",
  block: "ghost",
};

const LABEL = {
  message: "message",
  request: "add",
  accept: "accept",
  decline: "decline",
  cancel: "cancel",
  remove: "remove",
  block: "block",
  unblock: "unblock",
} as const satisfies Record<PersonAction, string>;

export function PersonActions({
  person,
  relation,
  actions = actionsFor(relation ?? { friend: "none", blockedByMe: false, blockedMe: false }),
  layout = "compact",
}: {
  person: { id: string; displayName: string | null; username: string | null; deleted?: boolean };
  relation?: RelationLike;
  actions?: PersonAction[];
  layout?: "compact" | "full";
}) {
  const t = useTranslations("people.actions");
  const name = usePersonName()({ ...person, deleted: person.deleted ?? false });
  const { run, pending, error } = usePersonActions(person.id);

  const onClick = (action: PersonAction) => {
    if (action === "block" && !window.confirm(t("blockConfirm", { name }))) return;
    if (action === "remove" && !window.confirm(t("removeConfirm", { name }))) return;
    run(action);
  };

  return (
    <div className={layout === "full" ? "flex flex-col gap-3" : "flex flex-col items-end gap-1"}>
      <div className={cn("flex flex-wrap items-center gap-1.5 sm:gap-2", layout === "compact" && "justify-end")}>
        {actions.map((action) => (
          <Button
            key={action}
            size="sm"
            variant={action === "block" && layout === "full" ? "danger" : VARIANT[action]}
            data-testid={`person-${action}`}
            disabled={pending !== null}
            onClick={() => onClick(action)}
          >
            {t(LABEL[action])}
          </Button>
        ))}
      </div>
      {error ? <FormError className={layout === "compact" ? "max-w-xs py-2 text-[13px]" : undefined}>{error}</FormError> : null}
    </div>
  );
}
