import { notFound } from "next/navigation";
import { connection } from "next/server";

// The benchmark floor: a bare dynamic page served by the same build. Only with BENCH_FLOOR=1.
export default async function Floor() {
  await connection();
  if (process.env.BENCH_FLOOR !== "1") notFound();
  return <p>floor {Date.now()}</p>;
}
