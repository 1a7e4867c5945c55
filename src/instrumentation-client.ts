// Runs in the browser before the app's code. zod 4 compiles object parsers with `new Function`
// (probing for it first), which the Content-Security-Policy forbids (no 'unsafe-eval'): parse
// without compiling, so the probe never runs and reports no violation.
import { z } from "zod";

z.config({ jitless: true });
