"use server";

import { endOtherSessions, endOwnSession } from "@/lib/account/actions";
import { removeCertificate, removeSignatureImage, setCertificate, setCscUser, setSignatureImage } from "@/lib/account/signing-profile";
import { runAction } from "@/lib/actions/run";

export const endSessionAction = async (input: unknown) => runAction(endOwnSession, input);
export const endOtherSessionsAction = async () => runAction(endOtherSessions, {});
export const setSignatureImageAction = async (input: unknown) => runAction(setSignatureImage, input);
export const removeSignatureImageAction = async () => runAction(removeSignatureImage, {});
export const setCertificateAction = async (input: unknown) => runAction(setCertificate, input);
export const removeCertificateAction = async () => runAction(removeCertificate, {});
export const setCscUserAction = async (input: unknown) => runAction(setCscUser, input);
