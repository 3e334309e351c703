// Runs once when the server process starts (Next.js): the background job runner (lib/jobs) with the
// workers of liên thông. JOBS=off leaves the runner stopped (a second process that only serves pages).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.JOBS === "off") return;
  const { startServerJobs } = await import("./lib/workers");
  await startServerJobs();
}
