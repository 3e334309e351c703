"use server";

import { runAction } from "@/lib/actions/run";
import * as exchange from "@/lib/exchange/admin";

// Quản trị → Liên thông: thin entry points, each through runAction → executeAction (defineAction).
export const updateIdentityAction = async (input: unknown) => runAction(exchange.updateIdentity, input);
export const updateAxisAction = async (input: unknown) => runAction(exchange.updateAxis, input);
export const importPkcs12Action = async (input: unknown) => runAction(exchange.importPkcs12, input);
export const generateKeyAction = async (input: unknown) => runAction(exchange.generateKey, input);
export const loadCertificateAction = async (input: unknown) => runAction(exchange.loadCertificate, input);
export const createPartnerAction = async (input: unknown) => runAction(exchange.createPartner, input);
export const updatePartnerAction = async (input: unknown) => runAction(exchange.updatePartner, input);
export const setPartnerActiveAction = async (input: unknown) => runAction(exchange.setPartnerActive, input);
export const importDirectoryAction = async (input: unknown) => runAction(exchange.importDirectory, input);
export const pingPartnerAction = async (input: unknown) => runAction(exchange.pingPartner, input);
