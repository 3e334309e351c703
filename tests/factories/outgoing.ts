import { randomBytes } from "node:crypto";
import type { Db } from "@/db/client";
import { storedFiles } from "@/db/schema";

export const MIME = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  png: "image/png",
} as const;

/** A stored file row (the bytes are not needed by the actions, only the row and its type). */
export async function storedFile(db: Db, agencyId: string, uploadedBy: string, mime: string = MIME.docx): Promise<string> {
  const [row] = await db
    .insert(storedFiles)
    .values({ agencyId, uploadedBy, mime, size: 1234, sha256: randomBytes(32).toString("hex"), name: mime === MIME.pdf ? "van-ban.pdf" : "du-thao.docx" })
    .returning({ id: storedFiles.id });
  return row.id;
}

/** The draft form as the drafter sends it. */
export const draftInput = (signerId: string, over: Record<string, unknown> = {}) => ({
  docType: "Công văn",
  subject: "V/v đề nghị cử công chức tham gia lớp bồi dưỡng nghiệp vụ văn thư, lưu trữ năm 2027",
  urgency: "normal",
  secrecy: "normal",
  signerId,
  authority: "direct",
  replyDeadline: "",
  note: "",
  recipients: [{ kind: "text", name: "UBND các huyện, thị xã, thành phố" }],
  fileIds: [],
  versionNote: "",
  ...over,
});
