"use client";
// "Добавить по нику": a friend request to an exact @username (accepts theirs if they asked first).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { serverErrorMessage, type LooseTranslator } from "~/components/forms/server-error";
import { refreshPeople } from "~/client/people-cache";
import { FormSuccess } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { TextField } from "~/components/ui/text-field";
import { useTRPC } from "~/trpc/react";

export function AddFriendForm() {
  const t = useTranslations("friends.add");
  const tRoot = useTranslations() as unknown as LooseTranslator;
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [username, setUsername] = useState("");
  const request = useMutation(trpc.friend.request.mutationOptions({ onSettled: () => refreshPeople(queryClient, trpc) }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const name = username.trim().replace(/^@/, "");
    if (name) request.mutate({ username: name }, { onSuccess: () => setUsername("") });
  };

  const sentTo = request.variables && "username" in request.variables ? request.variables.username : "";
  return (
    <form onSubmit={onSubmit} noValidate data-testid="add-friend-form" className="flex flex-col gap-3">
      <div className="flex flex-col gap-2 sm:flex-row sm:items-start">
        <div className="min-w-0 flex-1">
          <TextField
            id="add-friend-username"
            name="username"
            label={t("label")}
            placeholder="@username"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            value={username}
            error={request.error ? serverErrorMessage(tRoot, request.error) : undefined}
            onChange={(event) => {
              setUsername(event.target.value);
              request.reset();
            }}
          />
        </div>
        <Button type="submit" className="sm:mt-[1.625rem]" disabled={request.isPending || username.trim() === ""}>
          {t("submit")}
        </Button>
      </div>
      {request.isSuccess ? <FormSuccess>{t(request.data.state === "friends" ? "accepted" : "sent", { username: sentTo })}</FormSuccess> : null}
    </form>
  );
}
