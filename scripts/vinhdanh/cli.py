"""The ``vinhdanh`` command: parse options, call one function, set the exit code.

This is the only place that prints or exits; every stage below returns data or
raises a :class:`~vinhdanh.errors.VinhdanhError`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from vinhdanh import __version__
from vinhdanh.check.findings import FORMATTERS, summary
from vinhdanh.errors import VinhdanhError
from vinhdanh.project import display_path, find_root, open_project

# argparse's own words (its gettext message ids), as a Vietnamese user reads them. argparse
# looks its ``_`` up at call time, so the CLI speaks Vietnamese in help and usage errors.
_VIETNAMESE = {
    "usage: ": "Cách dùng: ",
    "positional arguments": "tham số",
    "options": "tùy chọn",
    "optional arguments": "tùy chọn",
    "show this help message and exit": "in hướng dẫn này rồi thoát",
    "show program's version number and exit": "in số phiên bản rồi thoát",
    "the following arguments are required: %s": "thiếu tham số bắt buộc: %s",
    "unrecognized arguments: %s": "có tham số lạ: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "lựa chọn %(value)r không có; hãy chọn một trong: %(choices)s"
    ),
    "argument %(argument_name)s: %(message)s": "tham số %(argument_name)s: %(message)s",
    "expected one argument": "cần một giá trị đi kèm",
    "ambiguous option: %(option)s could match %(matches)s": (
        "tùy chọn %(option)s chưa rõ, có thể là %(matches)s"
    ),
    "invalid %(type)s value: %(value)r": "giá trị %(value)r không hợp lệ",
}
argparse._ = lambda text: _VIETNAMESE.get(text, text)  # type: ignore[attr-defined]


class _Parser(argparse.ArgumentParser):
    """argparse, but its usage errors are Vietnamese and exit with 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"vinhdanh: lỗi cách gọi lệnh: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="vinhdanh", description="Kiểm tra và công bố hồ sơ điển hình tiên tiến.")
    parser.add_argument(
        "--version",
        action="version",
        version=f"vinhdanh {__version__}",
        help=_VIETNAMESE["show program's version number and exit"],
    )
    parser.add_argument(
        "--project",
        type=Path,
        default=None,
        metavar="THƯ_MỤC",
        help="thư mục dự án (mặc định: tìm ke-hoach.yaml từ thư mục hiện tại)",
    )
    commands = parser.add_subparsers(dest="command", metavar="LỆNH", parser_class=_Parser)
    commands.required = True

    check = commands.add_parser("validate", help="kiểm tra hồ sơ và sổ đăng ký đơn vị")
    check.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="ĐƯỜNG_DẪN",
        help="tệp hoặc thư mục (mặc định: don-vi.yaml và submissions/)",
    )
    check.add_argument(
        "--format",
        choices=sorted(FORMATTERS),
        default="text",
        help="dạng kết quả: text (mặc định), github, json",
    )

    new = commands.add_parser("new", help="tạo tệp hồ sơ mẫu cho một đơn vị đã đăng ký")
    new.add_argument("ma", metavar="MÃ_ĐƠN_VỊ", help="mã đơn vị trong don-vi.yaml")
    new.add_argument(
        "--output",
        "-o",
        type=Path,
        default=None,
        metavar="TỆP",
        help="nơi ghi (mặc định: submissions/<mã>.yaml); không bao giờ ghi đè",
    )

    pr = commands.add_parser("check-pr", help="xét quyền thay đổi của một yêu cầu hợp nhất")
    pr.add_argument("--base", required=True, metavar="NHÁNH", help="nhánh gốc (vd. origin/main)")
    pr.add_argument("--head", required=True, metavar="NHÁNH", help="nhánh của yêu cầu hợp nhất")
    pr.add_argument("--author", required=True, metavar="TÀI_KHOẢN", help="người mở yêu cầu")

    owners = commands.add_parser("codeowners", help="tạo .github/CODEOWNERS từ don-vi.yaml")
    owners.add_argument(
        "--check", action="store_true", help="chỉ kiểm tra tệp đã cam kết có khớp không (không ghi)"
    )
    owners.add_argument(
        "--format",
        choices=["github", "text"],
        default="text",
        help="với --check: text (mặc định), hoặc github (thêm chú thích lỗi trên GitHub)",
    )

    export = commands.add_parser("export", help="xuất bảng vàng ra .xlsx, .csv, .json")
    export.add_argument("folder", type=Path, metavar="THƯ_MỤC", help="nơi ghi các tệp")

    for name, help_text in (
        ("bao-cao", "tạo báo cáo tổng kết (.docx) của đơn vị, để ký và gửi"),
        ("danh-sach", "tạo danh sách đại biểu đi dự cấp trên và danh sách điển hình (.docx)"),
    ):
        document = commands.add_parser(name, help=help_text)
        document.add_argument("ma", metavar="MÃ_ĐƠN_VỊ", help="mã đơn vị (submissions/<mã>.yaml)")
        document.add_argument(
            "--output",
            "-o",
            type=Path,
            default=Path("."),
            metavar="THƯ_MỤC",
            help="nơi ghi các tệp (mặc định: thư mục hiện tại)",
        )
        document.add_argument(
            "--pdf", action="store_true", help="ghi thêm bản PDF (cần LibreOffice)"
        )
        document.add_argument(
            "--ghi-de", action="store_true", help="thay tệp cũ cùng tên (mặc định: không ghi đè)"
        )

    excel = commands.add_parser(
        "xuat-excel", help="xuất sổ Excel các danh sách của đơn vị (để điền rồi nhập lại)"
    )
    excel.add_argument("ma", metavar="MÃ_ĐƠN_VỊ", help="mã đơn vị trong don-vi.yaml")
    excel.add_argument(
        "--output",
        "-o",
        type=Path,
        default=None,
        metavar="TỆP",
        help="tệp .xlsx sẽ ghi (mặc định: <mã>-danh-sach.xlsx ở thư mục hiện tại)",
    )
    excel.add_argument(
        "--ghi-de", action="store_true", help="thay tệp cũ cùng tên (mặc định: không ghi đè)"
    )

    bring = commands.add_parser(
        "nhap", help="nhập danh sách từ sổ Excel (.xlsx) hoặc báo cáo từ tệp Word (.docx)"
    )
    bring.add_argument("file", type=Path, metavar="TỆP", help="tệp .xlsx hoặc .docx")
    bring.add_argument(
        "--ma", required=True, metavar="MÃ_ĐƠN_VỊ", help="mã đơn vị (submissions/<mã>.yaml)"
    )
    bring.add_argument(
        "--ghi",
        action="store_true",
        help="ghi vào submissions/<mã>.yaml (mặc định: chỉ in kết quả ra màn hình)",
    )

    report = commands.add_parser("summary", help="tóm tắt thay đổi hồ sơ cho người duyệt")
    report.add_argument("--base", required=True, metavar="NHÁNH", help="nhánh gốc")
    report.add_argument(
        "--head",
        default="HEAD",
        metavar="NHÁNH",
        help="nhánh của yêu cầu hợp nhất (mặc định: HEAD)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        project = open_project(args.project.resolve() if args.project else find_root(Path.cwd()))
        return _COMMANDS[args.command](project, args)
    except VinhdanhError as exc:
        print(f"vinhdanh: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - no traceback ever reaches a user
        print(
            f"vinhdanh: lỗi nội bộ ({type(exc).__name__}: {exc}). Hãy báo cho nhóm phát triển.",
            file=sys.stderr,
        )
        return 1


def _validate(project, args) -> int:
    from vinhdanh.check.validate import validate

    result = validate(project, args.paths or None)
    sys.stdout.write(FORMATTERS[args.format](result.findings))
    if args.format == "text":
        sys.stdout.write(summary(result.findings, result.files_checked))
    return 1 if result.has_errors else 0


def _new(project, args) -> int:
    from vinhdanh.scaffold import scaffold_for
    from vinhdanh.website.publish import write_new_file

    target = args.output or project.submissions_dir / f"{args.ma}.yaml"
    write_new_file(target, scaffold_for(project, args.ma))
    shown = display_path(target)
    print(f"Đã tạo {shown}. Hãy điền nội dung rồi chạy: vinhdanh validate {shown}")
    return 0


def _check_pr(project, args) -> int:
    from vinhdanh.git.authorise import check_pr, format_decisions

    decisions = check_pr(project, args.base, args.head, args.author)
    sys.stdout.write(format_decisions(decisions))
    return 0 if all(d.allowed for d in decisions) else 1


def _codeowners(project, args) -> int:
    from vinhdanh.check.findings import format_github
    from vinhdanh.git.codeowners import (
        CODEOWNERS_FILE,
        codeowners_for,
        stale_finding,
        stale_message,
    )
    from vinhdanh.website.publish import write_generated

    target, text = project.root / CODEOWNERS_FILE, codeowners_for(project)
    if args.check:
        current = target.read_text(encoding="utf-8") if target.is_file() else ""
        if current != text:
            print(stale_message(current, text), file=sys.stderr)
            if args.format == "github":
                sys.stdout.write(format_github([stale_finding(current, text)]))
            return 1
        print(f"{CODEOWNERS_FILE} khớp với don-vi.yaml và quan-tri.yaml.")
        return 0
    changed = write_generated(target, text)
    print(f"{'Đã cập nhật' if changed else 'Không đổi'}: {CODEOWNERS_FILE}")
    return 0


def _summary(project, args) -> int:
    from vinhdanh.git.changes import field_titles, pr_reports, summary_markdown

    reports = pr_reports(project, args.base, args.head)
    sys.stdout.write(summary_markdown(reports, field_titles(project)))
    return 0


def _export(project, args) -> int:
    from vinhdanh.website.publish import export_honour_roll

    result, written = export_honour_roll(project, args.folder)
    skipped = sorted({f.file for f in result.findings if f.is_error})
    for path in written:
        print(f"Đã ghi {display_path(path)}")
    if skipped:
        print(
            "Không đưa vào bảng vàng vì còn lỗi (chạy 'vinhdanh validate' để xem): "
            + ", ".join(skipped),
            file=sys.stderr,
        )
    return 0


def _documents(project, args) -> int:
    from vinhdanh.office.documents import LISTS, REPORT
    from vinhdanh.website.publish import write_documents

    kinds = (REPORT,) if args.command == "bao-cao" else LISTS
    written = write_documents(project, args.ma, args.output, kinds, args.pdf, args.ghi_de)
    if written.findings:
        sys.stdout.write(FORMATTERS["text"](written.findings))
        print(
            f"Hồ sơ của {args.ma} còn lỗi nên chưa tạo văn bản. Hãy sửa các lỗi trên "
            "(chạy 'vinhdanh validate' để kiểm tra lại).",
            file=sys.stderr,
        )
        return 1
    for path in written.files:
        print(f"Đã ghi {display_path(path)}")
    for path in written.kept:
        print(f"Giữ nguyên {display_path(path)} (văn bản không đổi)")
    if written.problem:
        print(f"Chưa tạo được bản PDF: {written.problem}", file=sys.stderr)
        return 1
    return 0


def _excel(project, args) -> int:
    from vinhdanh.website.publish import write_workbook

    target = write_workbook(project, args.ma, args.output, args.ghi_de)
    shown = display_path(target)
    print(
        f"Đã ghi {shown}. Điền xong, xem trước: vinhdanh nhap {shown} --ma {args.ma} — "
        "rồi thêm --ghi để ghi vào hồ sơ."
    )
    return 0


def _bring_in(project, args) -> int:
    from vinhdanh.office.bring_in import bring_in
    from vinhdanh.website.publish import write_imported

    brought = bring_in(project, args.ma, args.file)
    shown = display_path(brought.target)
    if not args.ghi:
        sys.stdout.write(brought.text)
        sys.stdout.flush()
    sys.stderr.write(FORMATTERS["text"](brought.findings))
    for line in brought.changes:
        print(f"  {line}", file=sys.stderr)
    if brought.blocked:
        print(
            f"Chưa ghi {shown}: hãy sửa các lỗi trên trong {display_path(args.file)} rồi nhập lại.",
            file=sys.stderr,
        )
    elif not args.ghi:
        verdict = "Các thay đổi trên" if brought.changes else "Không có gì thay đổi"
        print(f"({verdict}; chưa ghi gì. Thêm --ghi để ghi vào {shown}.)", file=sys.stderr)
    else:
        changed = write_imported(brought.target, brought.text, brought.existed)
        print(f"{'Đã ghi' if changed else 'Không đổi'}: {shown}", file=sys.stderr)
    return 1 if any(f.is_error for f in brought.findings) else 0


_COMMANDS = {
    "validate": _validate,
    "new": _new,
    "check-pr": _check_pr,
    "codeowners": _codeowners,
    "summary": _summary,
    "export": _export,
    "bao-cao": _documents,
    "danh-sach": _documents,
    "xuat-excel": _excel,
    "nhap": _bring_in,
}
