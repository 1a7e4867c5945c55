"use client";
// useForm with zodResolver on a shared schema, whose issues are shown in the UI's language.
import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { useForm, type FieldValues, type Resolver, type UseFormProps } from "react-hook-form";
import { ZodError, type z } from "zod";
import { translateIssue, type ValidationTranslator } from "./translate-issue";

type ObjectSchema = z.ZodType<FieldValues, FieldValues>;
type Issue = z.core.$ZodIssue;

/** The same schema, whose parse errors carry translated messages (zodResolver shows `issue.message`). */
function withTranslatedIssues<TSchema extends ObjectSchema>(schema: TSchema, translate: (issue: Issue) => string): TSchema {
  const relabel = (error: unknown) => {
    if (!(error instanceof ZodError)) return error;
    const issues = error.issues.map((issue): Issue => {
      const message = translate(issue);
      if (issue.code !== "invalid_union" || issue.errors.length === 0) return { ...issue, message };
      // zodResolver reports a union by its closest branch: give every branch the same words.
      return { ...issue, message, errors: issue.errors.map((branch) => branch.map((inner) => ({ ...inner, message }))) } as Issue;
    });
    return new ZodError(issues);
  };
  return Object.assign(Object.create(schema) as TSchema, {
    parse(data: unknown, params?: z.core.ParseContext<Issue>) {
      try {
        return schema.parse(data, params);
      } catch (error) {
        throw relabel(error);
      }
    },
    async parseAsync(data: unknown, params?: z.core.ParseContext<Issue>) {
      try {
        return await schema.parseAsync(data, params);
      } catch (error) {
        throw relabel(error);
      }
    },
  });
}

export function useZodForm<TSchema extends ObjectSchema>(
  schema: TSchema,
  options?: Omit<UseFormProps<z.input<TSchema>, unknown, z.output<TSchema>>, "resolver">,
) {
  const t = useTranslations("validation") as unknown as ValidationTranslator;
  // A new resolver when the language changes (useForm reads its options on every render).
  const resolver = useMemo(
    () => zodResolver(withTranslatedIssues(schema, (issue) => translateIssue(t, issue))) as unknown as Resolver<z.input<TSchema>, unknown, z.output<TSchema>>,
    [schema, t],
  );
  return useForm<z.input<TSchema>, unknown, z.output<TSchema>>({ ...options, resolver });
}
