"""Findings: what validation reports, and the three ways to print them.

A finding is plain data (file, line, column, code, severity, message) so every
stage can produce them and every output format can consume them.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

ERROR = "error"
WARNING = "warning"

# Every code a finding can carry (SPEC §5 and §9, plus two additions of our own),
# with what it means in Vietnamese; the user guide lists these.
CODES: dict[str, str] = {
    "yaml": "Tệp không đọc được như YAML: lỗi cú pháp, khoá trùng, neo/tham chiếu, thẻ kiểu, "
    "không phải UTF-8, hoặc lớn hơn 1 MiB.",
    "schema": "Sai mẫu: thiếu trường, sai kiểu, trường lạ, mã không có trong danh mục.",
    "ma-don-vi": "Mã đơn vị khác tên tệp, chưa đăng ký, hoặc tên/cấp/cấp trên khác sổ đăng ký.",
    "tep-ho-so": "Trong submissions/ có thứ không phải tệp hồ sơ submissions/<mã>.yaml: đuôi .yml, "
    "thư mục con, liên kết tượng trưng, submodule, hoặc tệp thứ hai của một đơn vị.",
    "ky-tu-an": "Văn bản có ký tự ẩn (ký tự điều khiển, đổi chiều viết, rộng bằng 0) hoặc chữ "
    "trông giống chữ Việt nhưng khác mã (Ð thay cho Đ); được chỉ ra dạng <U+200B> đúng cột.",
    "van-ban-bi-cat": "Văn bản không trong ngoặc kép có dấu '#' sát ngay một chữ hoặc số sau "
    "dấu cách (như 'hội thi #1', 'giải # 1'): YAML coi phần từ ' #' là ghi chú và bỏ đi; hãy "
    "đặt cả giá trị trong ngoặc kép (cảnh báo).",
    "tien-le": "Số tiền viết thành số thập phân (350.000 bị đọc thành 350,0) hoặc số âm.",
    "ngay": "Ngày không có trên lịch hoặc nằm ngoài khoảng hợp lệ của đợt thi đua.",
    "dai-bieu-vuot-tran": "Tổng số đại biểu vượt mức tối đa của cấp.",
    "dai-bieu-khong-khop": "Điển hình + khách mời khác tổng số, hoặc số nữ/dân tộc thiểu số lớn "
    "hơn tổng.",
    "ty-le-dien-hinh": "Tỷ lệ đại biểu điển hình ngoài khoảng chấp nhận quanh mức Kế hoạch.",
    "doan-chu-tich-so-luong": "Số thành viên Đoàn Chủ tịch ngoài khoảng quy định của cấp.",
    "doan-chu-tich-thanh-phan": "Đoàn Chủ tịch thiếu Anh hùng/Chiến sĩ thi đua/điển hình, hoặc "
    "thiếu đại diện Đảng, chính quyền.",
    "hoi-nghi-tre-han": "Hội nghị tổ chức sau hạn của cấp.",
    "bao-cao-tre-han": "Báo cáo đề ngày sau hạn gửi báo cáo.",
    "thoi-luong": "Hội nghị không tổ chức trong thời lượng Kế hoạch quy định.",
    "chuong-trinh-thieu-muc": "Chương trình thiếu một mục chuẩn của Kế hoạch.",
    "hinh-thuc-hoi-nghi": "CĐCS đông đoàn viên không tổ chức hội nghị riêng như Kế hoạch khuyến "
    "khích.",
    "tham-chieu": "Đại biểu đi dự cấp trên không có trong danh sách cá nhân, tập thể của tệp; "
    "hoặc tham chiếu tu: <đơn vị>/<mã> tới đơn vị không trực thuộc, chưa có hồ sơ hợp lệ, hay "
    "không có điển hình đó.",
    "chua-tiep-nhan": "Đơn vị cấp dưới đã cử một người đi dự hội nghị của đơn vị này, nhưng hồ "
    "sơ của đơn vị này không tham chiếu cũng không ghi người đó (cảnh báo).",
    "vuot-chi-tieu": "Số đại biểu đi dự cấp trên vượt chỉ tiêu được phân bổ (chi_tieu_dai_bieu "
    "trong don-vi.yaml).",
    "trung-lap": "Một điển hình xuất hiện hai lần (lỗi trong một tệp, cảnh báo giữa các tệp).",
    "loi-noi-bo": "vinhdanh gặp lỗi nội bộ khi kiểm tra tệp; tệp chưa được chấp nhận.",
    "du-lieu-nhay-cam": "Tệp ghi thông tin riêng của từng người (khối rieng_tu, trường dan_toc; "
    "lỗi) hoặc văn bản về một người có vẻ chứa số điện thoại, căn cước, email (cảnh báo): kho "
    "dữ liệu công khai, và dân tộc là dữ liệu cá nhân nhạy cảm theo Nghị định 13/2023/NĐ-CP. "
    "Hãy xoá.",
    "so-lieu-khong-khop": "Các số liệu không khớp nhau, ví dụ số cá nhân dân tộc thiểu số lớn "
    "hơn số cá nhân điển hình, số cá nhân điển hình lớn hơn số đoàn viên, hoặc một dòng số liệu "
    "khen thưởng có số nữ, số trực tiếp sản xuất lớn hơn số cá nhân.",
    "ngay-truoc-ke-hoach": "Hội nghị hoặc báo cáo đề ngày trước ngày ban hành Kế hoạch.",
    "nam-ngoai-giai-doan": "Dòng số liệu khen thưởng (mục II.3) có năm ngoài giai đoạn tổng kết "
    "của Kế hoạch.",
    "bao-cao-truoc-hoi-nghi": "Báo cáo đề ngày trước ngày hội nghị (cảnh báo).",
    "linh-vuc": "Không có cá nhân điển hình nào đại diện cho một lĩnh vực mà ke-hoach.yaml yêu "
    "cầu cấp này phải có đại biểu (linh_vuc_dai_dien; cảnh báo).",
    "nhap": "Không đọc được tệp Excel/Word đưa vào, hoặc thiếu phần cần đọc (lệnh nhap).",
}


@dataclass(frozen=True, order=True)
class Finding:
    file: str
    line: int
    column: int
    code: str
    severity: str
    message: str
    # Where in a file that has no lines: "Cá nhân!C7" (a workbook's sheet and cell) or
    # "đoạn 12" (a Word document's paragraph). Shown instead of line:column.
    place: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Order by file, then position, so output is stable between runs."""
    return sorted(findings, key=lambda f: (f.file, f.line, f.column, f.code, f.message))


def location(f: Finding) -> str:
    """``file:line:column``, or ``file:place`` for a workbook cell or a Word paragraph."""
    return f"{f.file}:{f.place}" if f.place else f"{f.file}:{f.line}:{f.column}"


def format_text(findings: list[Finding]) -> str:
    return "".join(f"{location(f)}: {f.severity} [{f.code}] {f.message}\n" for f in findings)


def _github_escape(text: str, *, prop: bool = False) -> str:
    # Workflow commands treat %, CR and LF specially; properties also ',' and ':'.
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def format_github(findings: list[Finding]) -> str:
    """GitHub Actions workflow commands: one annotation per finding, on its line."""
    lines = []
    for f in findings:
        props = ",".join(
            [
                f"file={_github_escape(f.file, prop=True)}",
                f"line={f.line}",
                f"col={f.column}",
                f"title={_github_escape(f'[{f.code}]', prop=True)}",
            ]
        )
        lines.append(f"::{f.severity} {props}::{_github_escape(f.message)}\n")
    return "".join(lines)


def _as_json(f: Finding) -> dict:
    """A finding's fields; ``place`` only where there is one (a workbook cell)."""
    fields = asdict(f)
    if not f.place:
        del fields["place"]
    return fields


def format_json(findings: list[Finding]) -> str:
    return json.dumps([_as_json(f) for f in findings], ensure_ascii=False, indent=2) + "\n"


FORMATTERS = {"text": format_text, "github": format_github, "json": format_json}


def summary(findings: list[Finding], files_checked: int) -> str:
    """One Vietnamese closing line for humans (text format only)."""
    errors = sum(1 for f in findings if f.is_error)
    warnings = len(findings) - errors
    verdict = "KHÔNG ĐẠT" if errors else "ĐẠT"
    return f"Đã kiểm tra {files_checked} tệp: {errors} lỗi, {warnings} cảnh báo — {verdict}.\n"
