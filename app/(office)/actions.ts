"use server";

import { runAction } from "@/lib/actions/run";
import { signOutSession } from "@/lib/account/actions";
import { signOut } from "@/lib/auth/next-auth";

export async function signOutAction() {
  await runAction(signOutSession, {});
  await signOut({ redirectTo: "/login" });
}
