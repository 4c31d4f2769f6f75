"""Generate N synthetic, realistic submissions (about 15 KB, 20–40 honorees each).

Usage: python benchmarks/generate.py N OUT_DIR [--upper]

OUT_DIR becomes a complete project (schemas, Word templates and plan copied from this repository,
a registry listing every generated unit, and submissions/). Output is
deterministic for a given N, so runs are comparable.
"""

from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Đinh",
    "Lò",
    "Hà",
    "Nông",
]
MIDDLE_M = ["Văn", "Đức", "Minh", "Quốc", "Hữu", "Thanh", "Công", "Xuân"]
MIDDLE_F = ["Thị", "Ngọc", "Thu", "Thanh", "Kim", "Hồng", "Bích", "Mai"]
GIVEN_M = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Đạt",
    "Hải",
    "Hùng",
    "Khoa",
    "Long",
    "Nam",
    "Phong",
    "Quang",
    "Sơn",
    "Thắng",
    "Tiến",
    "Tuấn",
    "Việt",
    "Vinh",
]
GIVEN_F = [
    "Anh",
    "Chi",
    "Dung",
    "Giang",
    "Hà",
    "Hạnh",
    "Hoa",
    "Hương",
    "Lan",
    "Linh",
    "Mai",
    "Ngân",
    "Nhung",
    "Oanh",
    "Phương",
    "Thảo",
    "Trang",
    "Yến",
]
ETHNIC = ["Kinh"] * 12 + ["Tày", "Thái", "Mường", "Nùng", "Khơ Me", "Dao", "Gia Rai"]
JOBS = [
    "Công nhân vận hành",
    "Tổ trưởng sản xuất",
    "Thợ hàn bậc 5/7",
    "Công nhân may",
    "Kỹ sư công nghệ",
    "Thợ sửa chữa cơ điện",
    "Nhân viên kiểm tra chất lượng",
    "Công nhân lắp ráp",
    "Trưởng ca",
    "Kỹ thuật viên",
]
PLACES = [
    "Phân xưởng Cơ khí",
    "Phân xưởng Lắp ráp",
    "Xí nghiệp May 1",
    "Phòng Kỹ thuật",
    "Tổ Đóng gói",
    "Nhà máy Sợi",
    "Xưởng Đúc",
    "Phòng Cơ điện",
    "Ca vận hành số 2",
]
IDEAS = [
    "Cải tiến đồ gá hàn khung",
    "Bố trí lại chuyền theo dòng chảy một chiếc",
    "Thu hồi nhiệt khí thải lò sấy",
    "Điều khiển biến tần quạt hút",
    "Cữ may túi một lần gá",
    "Phục hồi trục bơm bằng phun phủ",
    "Số hóa sổ giao ca",
    "Sơ đồ giác mẫu ghép cỡ",
]
PARAGRAPH = (
    "Phong trào thi đua {x} được triển khai sâu rộng tới các tổ sản xuất; người lao "
    "động tích cực hưởng ứng, nhiều sáng kiến được áp dụng, góp phần hoàn thành vượt "
    "mức kế hoạch sản xuất kinh doanh và nâng cao đời sống đoàn viên. "
)
MOVEMENTS = [
    "Lao động giỏi, lao động sáng tạo",
    "Xanh – Sạch – Đẹp",
    "Luyện tay nghề, thi thợ giỏi",
]


def slug(text: str, taken: set[str]) -> str:
    import unicodedata

    base = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    base = "".join(c for c in base if not unicodedata.combining(c))
    base = "-".join("".join(c if c.isalnum() else " " for c in base).split())
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    taken.add(candidate)
    return candidate


def person(rng: random.Random, taken: set[str]) -> dict:
    female = rng.random() < 0.5
    name = " ".join(
        [
            rng.choice(FAMILY),
            rng.choice(MIDDLE_F if female else MIDDLE_M),
            rng.choice(GIVEN_F if female else GIVEN_M),
        ]
    )
    entry = {
        "ma": slug(name, taken),
        "ho_ten": name,
        "gioi_tinh": "nu" if female else "nam",
        "chuc_vu": rng.choice(JOBS),
        "noi_cong_tac": rng.choice(PLACES) + f" số {rng.randint(1, 60)}",
        "truc_tiep_san_xuat": rng.random() < 0.7,
        "lanh_dao_quan_ly": rng.random() < 0.15,
        "thanh_tich": f"{rng.randint(2, 5)} năm liền hoàn thành xuất sắc nhiệm vụ; "
        f"{rng.randint(1, 6)} sáng kiến được công nhận, làm lợi cho đơn vị.",
        "danh_hieu": [
            {"ten": "lao-dong-tien-tien", "nam": sorted(rng.sample(range(2020, 2025), 3))}
        ],
        "sang_kien": [
            {
                "ten": rng.choice(IDEAS),
                "ap_dung_tai": rng.choice(PLACES),
                "nam": rng.randint(2020, 2024),
                "gia_tri_lam_loi": rng.randint(10, 900) * 1_000_000,
            }
        ],
        "khen_thuong": [
            {
                "hinh_thuc": rng.choice(["giay-khen", "bang-khen-cdctvn", "bang-khen-tld"]),
                "nam": rng.randint(2020, 2024),
            }
        ],
    }
    if rng.random() < 0.5:
        del entry["sang_kien"]
    if rng.random() < 0.5:
        del entry["khen_thuong"], entry["danh_hieu"]
    return entry


def people(rng: random.Random, count: int) -> list[dict]:
    """``count`` people, no two with the same name and workplace (that is a real error)."""
    taken: set[str] = set()
    chosen: dict[tuple[str, str], dict] = {}
    while len(chosen) < count:
        entry = person(rng, taken)
        chosen.setdefault((entry["ho_ten"], entry["noi_cong_tac"]), entry)
    return list(chosen.values())


def submission(rng: random.Random, ma: str, parent: str) -> dict:
    text = {m: PARAGRAPH.format(x=f'"{m}"') * 2 for m in MOVEMENTS}
    para = " ".join(text.values())
    tong = rng.randint(80, 200)
    dien_hinh = round(tong * 0.7)
    honorees = people(rng, rng.randint(17, 30))
    return {
        "phien_ban": 1,
        "don_vi": {
            "ma": ma,
            "ten": f"Công đoàn cơ sở Công ty {ma.upper()}",
            "cap": "cdcs",
            "cap_tren": parent,
            "so_doan_vien": rng.randint(50, 299),
        },
        "bao_cao": {
            "so": f"{rng.randint(1, 99)}/BC-CĐCS",
            "dia_danh": "Hà Nội",
            "ngay": "2025-04-01",
            "noi_dung": {
                "to_chuc_chi_dao": {"thuan_loi": para[:500], "kho_khan": para[:250]},
                "ket_qua": {
                    k: para[:200]
                    for k in (
                        "danh_gia",
                        "chap_hanh_quy_dinh",
                        "khen_thuong",
                        "lanh_dao_chi_dao",
                        "ton_tai_han_che",
                        "nguyen_nhan",
                        "bai_hoc_kinh_nghiem",
                    )
                },
                "phuong_huong": {
                    k: para[:150] for k in ("muc_tieu", "noi_dung_chu_yeu", "giai_phap")
                },
                "de_xuat": {"tong_lien_doan": para[:200], "cong_doan_nganh": para[:200]},
            },
            "so_lieu_khen_thuong": [
                {
                    "hinh_thuc": "giay-khen",
                    "nam": y,
                    "tap_the": rng.randint(1, 9),
                    "ca_nhan": rng.randint(5, 60),
                }
                for y in range(2022, 2025)
            ],
            "nguoi_ky": {"chuc_danh": "Chủ tịch", "ho_ten": "Trần Văn Bình"},
        },
        "hoi_nghi": {
            "hinh_thuc": "hoi-nghi-toan-the",
            "ngay": "2025-03-05",
            "thoi_luong": "nua-ngay",
            "dia_diem": "Hội trường Công ty",
            "dai_bieu": {"tong": tong, "dien_hinh": dien_hinh, "khach_moi": tong - dien_hinh},
            "doan_chu_tich": [
                {"ho_ten": "Lê Văn Cường", "chuc_vu": "Bí thư Đảng ủy", "thanh_phan": "dang"},
                {"ho_ten": "Phạm Quốc Hùng", "chuc_vu": "Giám đốc", "thanh_phan": "chinh-quyen"},
                {"ho_ten": "Đỗ Thị Hạnh", "chuc_vu": "Tổ trưởng", "thanh_phan": "dien-hinh"},
            ],
            "chuong_trinh": [
                "chao-co",
                "khai-mac",
                "bao-cao-tong-ket",
                "tham-luan-giao-luu",
                "bieu-duong-khen-thuong",
                "phat-dong-thi-dua",
                "phat-bieu-huong-ung",
                "thong-qua-danh-sach-dai-bieu",
                "be-mac",
            ],
        },
        "dien_hinh": {
            "ca_nhan": honorees,
            # no one's origin per person (SPEC §9.1): one count for the unit
            "so_dan_toc_thieu_so": sum(rng.choice(ETHNIC) != "Kinh" for _ in honorees),
            "tap_the": [
                {
                    "ma": f"tap-the-{i}",
                    "ten": f"{rng.choice(PLACES)} {i}",
                    "phong_trao": rng.choice(MOVEMENTS),
                    "so_nguoi_tham_gia": rng.randint(10, 90),
                    "so_sang_kien": rng.randint(1, 20),
                    "gia_tri_lam_loi": rng.randint(1, 90) * 10_000_000,
                }
                for i in range(1, 4)
            ],
        },
    }


def generate_site(count: int, out: Path) -> Path:
    """A generated project that ``mkdocs build`` can build: the site's files beside it."""
    generate(count, out)
    shutil.copytree(REPO / "docs", out / "docs")
    shutil.copytree(REPO / "overrides", out / "overrides")
    shutil.copy(REPO / "mkdocs.yml", out / "mkdocs.yml")
    hook = Path("scripts") / "vinhdanh" / "website" / "mkdocs_hook.py"
    (out / hook).parent.mkdir(parents=True)
    shutil.copy(REPO / hook, out / hook)
    return out


def upper_submission(rng: random.Random, ma: str, name: str, children: list[tuple[str, dict]]):
    """A cấp trên union's file: its own honorees, and a reference (tu:) to the first
    individual honoree of each of its units, each of which sends that person up."""
    data = submission(rng, ma, "cd-nganh")
    data["don_vi"].update(ten=name, cap="cap-tren", so_doan_vien=rng.randint(3000, 20000))
    data["bao_cao"]["so"] = f"{rng.randint(1, 99)}/BC-CĐ"
    data["hoi_nghi"]["ngay"] = "2025-04-08"
    data["bao_cao"]["ngay"] = "2025-04-12"
    data["dien_hinh"]["ca_nhan"] += [
        {"tu": f"{child}/{record['dien_hinh']['ca_nhan'][0]['ma']}"} for child, record in children
    ]
    return data


def generate(count: int, out: Path, upper: bool = False) -> None:
    """``upper``: the cấp trên unions submit too, referring to their units' delegates
    (measures references and chua-tiep-nhan; off by default, so numbers stay comparable)."""
    if out.exists():
        shutil.rmtree(out)
    (out / "submissions").mkdir(parents=True)
    shutil.copytree(REPO / "schemas", out / "schemas")
    shutil.copytree(REPO / "mau", out / "mau")  # the Word templates of the documents
    shutil.copy(REPO / "ke-hoach.yaml", out / "ke-hoach.yaml")
    rng = random.Random(count)
    sent: dict[str, list[tuple[str, dict]]] = {}
    parents = [f"cd-cap-tren-{i:03d}" for i in range(1, count // 50 + 2)]
    registry = [
        {
            "ma": "cd-nganh",
            "ten": "Công đoàn Ngành",
            "cap": "nganh",
            "nguoi_phu_trach": ["nganh"],
            "nguoi_duyet": ["nganh"],
        }
    ]
    registry += [
        {
            "ma": p,
            "ten": f"Công đoàn {p}",
            "cap": "cap-tren",
            "cap_tren": "cd-nganh",
            "nguoi_phu_trach": ["a"],
            "nguoi_duyet": ["b"],
        }
        for p in parents
    ]
    for number in range(1, count + 1):
        ma, parent = f"cdcs-{number:05d}", parents[number % len(parents)]
        registry.append(
            {
                "ma": ma,
                "ten": f"Công đoàn cơ sở Công ty {ma.upper()}",  # as the file writes it
                "cap": "cdcs",
                "cap_tren": parent,
                "nguoi_phu_trach": ["a"],
                "nguoi_duyet": [],
            }
        )
        data = submission(rng, ma, parent)
        if upper:
            data["hoi_nghi"]["dai_bieu_di_du_cap_tren"] = [data["dien_hinh"]["ca_nhan"][0]["ma"]]
            sent.setdefault(parent, []).append((ma, data))
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
        (out / "submissions" / f"{ma}.yaml").write_text(text, encoding="utf-8")
    for parent, children in sent.items():
        data = upper_submission(rng, parent, f"Công đoàn {parent}", children)
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
        (out / "submissions" / f"{parent}.yaml").write_text(text, encoding="utf-8")
    (out / "don-vi.yaml").write_text(
        yaml.safe_dump(registry, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )


if __name__ == "__main__":
    generate(int(sys.argv[1]), Path(sys.argv[2]), upper="--upper" in sys.argv[3:])
