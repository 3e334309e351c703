import type { ServerResponse } from "node:http";
export declare function coalesceFlushes(res: ServerResponse): void;
