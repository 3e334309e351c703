"use server";

import { runAction } from "@/lib/actions/run";
import { signOutSession } from "@/lib/account/actions";
import { signOut } from "@/lib/auth/next-auth";
import * as notifications from "@/lib/notifications/actions";

export async function signOutAction() {
  await runAction(signOutSession, {});
  await signOut({ redirectTo: "/login" });
}

export const markNotificationReadAction = async (input: unknown) => runAction(notifications.markNotificationRead, input);
export const markAllNotificationsReadAction = async (input: unknown) => runAction(notifications.markAllNotificationsRead, input);
export const updateEmailPreferencesAction = async (input: unknown) => runAction(notifications.updateEmailPreferences, input);
