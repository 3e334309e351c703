import type { WorkFileStatus } from "@/db/schema/work-files";
import { defineMachine } from "@/lib/workflow/machine";
import { WORK_FILE_STATUS_LABELS } from "./labels";

// Quy chế 376 Điều 4.3: a file is open while documents join it, closed when complete (read-only
// unless its owner's head reopens it), and archived once the archivist accepts its hand-over.
type WorkFileTransition = "add" | "edit" | "close" | "reopen" | "reconcile" | "handOver" | "accept";

export const workFileMachine = defineMachine<WorkFileStatus, WorkFileTransition>({
  name: "hồ sơ",
  stateLabels: WORK_FILE_STATUS_LABELS,
  transitions: {
    add: { from: ["open"], to: "open", verb: "files.keep", label: "Thêm vào hồ sơ" },
    edit: { from: ["open"], to: "open", verb: "files.keep", label: "Sửa hồ sơ" },
    close: { from: ["open"], to: "closed", verb: "files.keep", label: "Đóng hồ sơ" },
    reopen: { from: ["closed"], to: "open", verb: "files.keep", label: "Mở lại hồ sơ" },
    reconcile: { from: ["closed"], to: "closed", verb: "files.keep", label: "Đối chiếu" },
    handOver: { from: ["closed"], to: "closed", verb: "files.keep", label: "Nộp lưu" },
    accept: { from: ["closed"], to: "archived", verb: "files.accept", label: "Tiếp nhận hồ sơ" },
  },
});
