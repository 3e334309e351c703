import { z } from "zod";

// Runs in the browser before the app's own code. zod compiles object parsers with `new Function`
// after probing for it; under the pages' Content-Security-Policy (no 'unsafe-eval', proxy.ts) that
// probe is reported as a violation even though zod catches it. Its interpreted mode needs no eval.
z.config({ jitless: true });
