import type { UnitKind } from "@/lib/org/schemas";

export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  leadership: "Ban Giám đốc",
  office: "Văn phòng",
  division: "Phòng chuyên môn",
  affiliated: "Đơn vị trực thuộc",
};
