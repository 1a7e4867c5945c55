// Recognises database constraint errors across Prisma's engine and driver-adapter shapes.
import { Prisma } from "./generated/client";

/** The column names of a violated unique constraint, or null if `error` is something else. */
export function uniqueViolationFields(error: unknown): string[] | null {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== "P2002") return null;
  const meta = (error.meta ?? {}) as { target?: unknown; driverAdapterError?: { cause?: { constraint?: { fields?: unknown; index?: unknown } } } };
  const constraint = meta.driverAdapterError?.cause?.constraint;
  const raw = meta.target ?? constraint?.fields ?? constraint?.index ?? [];
  return (Array.isArray(raw) ? raw : [raw]).map(String);
}
