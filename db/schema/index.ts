export * from "./org";
export * from "./auth";
export * from "./audit";
export * from "./registers";
export * from "./files";
export * from "./incoming";
export * from "./outgoing";
export * from "./work-files";
