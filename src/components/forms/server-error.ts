// A failed mutation → a message beside its field (error.data.field) or a form-level alert.
import { TRPCClientError } from "@trpc/client";
import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import { isAppErrorCode } from "~/shared/errors";

/** The root translator, called with keys built at run time ("errors.<CODE>"). */
export type LooseTranslator = (key: string, values?: Record<string, string | number>) => string;

interface ErrorData {
  appCode?: string | null;
  field?: string | null;
  retryAfter?: number | null;
  fieldErrors?: Record<string, string[] | undefined> | null;
  httpStatus?: number;
}

function errorData(error: unknown): ErrorData | null {
  if (!(error instanceof TRPCClientError)) return null;
  return (error.data as ErrorData | undefined) ?? null;
}

/** The translated, human message of any error a tRPC call can throw. */
export function serverErrorMessage(t: LooseTranslator, error: unknown): string {
  const data = errorData(error);
  if (!data) return t(error instanceof TRPCClientError ? "errors.network" : "errors.generic");
  if (data.appCode === "RATE_LIMITED") return t("errors.RATE_LIMITED", { seconds: data.retryAfter ?? 60 });
  if (isAppErrorCode(data.appCode)) return t(`errors.${data.appCode}`);
  if (data.fieldErrors) return t("errors.BAD_REQUEST");
  return t("errors.generic");
}

/** Shows a mutation's error on the form: beside `fields` it names, otherwise as `errors.root.server`. */
export function applyServerError<T extends FieldValues>(
  setError: UseFormSetError<T>,
  t: LooseTranslator,
  error: unknown,
  fields: readonly Path<T>[],
): void {
  const data = errorData(error);
  const known = (name: string | null | undefined): name is Path<T> => !!name && (fields as readonly string[]).includes(name);
  const message = serverErrorMessage(t, error);

  if (data?.appCode && known(data.field)) {
    setError(data.field, { type: "server", message }, { shouldFocus: true });
    return;
  }
  const invalid = Object.entries(data?.fieldErrors ?? {}).filter(([name, issues]) => known(name) && issues?.length);
  if (!data?.appCode && invalid.length > 0) {
    for (const [name] of invalid) setError(name as Path<T>, { type: "server", message: t("validation.invalid") });
    return;
  }
  setError("root.server", { type: "server", message });
}
