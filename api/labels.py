"""Words the page shows for the contract's codes (kinds, statuses, relations,
granularities). Only the page uses them; the API gives the codes."""
from __future__ import annotations

KINDS = {
    "decision": "Quyết định", "decree": "Nghị định", "circular": "Thông tư", "resolution": "Nghị quyết",
    "directive": "Chỉ thị", "plan": "Kế hoạch", "report": "Báo cáo", "news": "Tin bài", "other": "Khác",
}
STATUSES = {
    "assigned": "được giao",
    "completed": "đã hoàn thành",
    "completed_on_time": "hoàn thành đúng hạn",
    "completed_late": "hoàn thành quá hạn",
    "pending": "chưa hoàn thành",
    "pending_on_time": "chưa hoàn thành, trong hạn",
    "pending_overdue": "chưa hoàn thành, quá hạn",
    "issued": "được ban hành",
    "other": "khác",
}
RELATIONS = {
    "based_on": "căn cứ", "amends": "sửa đổi", "replaces": "thay thế", "repeals": "bãi bỏ", "implements": "thi hành",
}
GRANULARITIES = {
    "datetime": "ngày giờ", "day": "ngày", "month": "tháng", "quarter": "quý", "half": "nửa năm", "year": "năm",
    "range": "khoảng thời gian",
}


def label(table: dict[str, str], code: str | None) -> str:
    """The word for a code; the code itself where there is none."""
    return table.get(code or "", code or "")
