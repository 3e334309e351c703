import { notFound } from "next/navigation";

// The benchmark's second floor: the signed-in shell (session, navigation with its counts, the bell) around
// an empty page, so a list's cost splits into the shell's and its own. Only with BENCH_FLOOR=1.
export default function FloorShell() {
  if (process.env.BENCH_FLOOR !== "1") notFound();
  return <p>floor-shell</p>;
}
