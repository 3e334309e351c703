"use server";

import { runAction } from "@/lib/actions/run";
import * as calendar from "@/lib/calendar/actions";

// Quản trị → Lịch làm việc: thin entry points, each through runAction → executeAction (defineAction).
export const addCalendarDayAction = async (input: unknown) => runAction(calendar.addCalendarDay, input);
export const updateCalendarDayAction = async (input: unknown) => runAction(calendar.updateCalendarDay, input);
export const deleteCalendarDayAction = async (input: unknown) => runAction(calendar.deleteCalendarDay, input);
