"""Shared fixtures of the Python package's tests: sample summaries written for these
tests, a .docx builder on the standard library's zipfile, and the CLI binary when one
has been built (for the tests that compare records with it)."""

import os
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

import zongjie

REPO = Path(__file__).resolve().parents[2]

# A short work summary with two unfilled slots (XX局 on line 1, X次 on line 3), a
# numbering jump (一、 then 三、) and no "problems" or "plans" section.
DRAFT = (
    "XX局2023年度工作总结\n"
    "一、主要工作情况\n"
    "全年组织理论学习X次，开展专题调研12次，推动各项工作落地见效。\n"
    "三、主要做法\n"
    "坚持问题导向，建立周调度、月通报工作机制。\n"
)

# A complete summary: every section of a work summary, no slots, numbering in order.
FILLED = (
    "临江县档案馆2023年工作总结\n"
    "2023年，县档案馆坚持以习近平新时代中国特色社会主义思想为指导，认真落实上级部署，各项工作取得新进展。现将全年工作总结如下。\n"
    "一、主要工作完成情况\n"
    "全年接收进馆档案3260卷，完成数字化扫描12.6万页，档案利用服务1480人次。\n"
    "二、主要做法\n"
    "坚持制度管人管事，修订完善档案接收、保管、利用制度8项，建立月通报工作机制。\n"
    "三、取得的成效\n"
    "馆藏结构持续优化，群众查档更加便捷，全年收到表扬信6封。\n"
    "四、存在的问题和不足\n"
    "一是库房面积不足；二是专业技术人员偏少，信息化水平有待进一步提升。\n"
    "五、2024年工作打算\n"
    "加快新馆建设，推进档案数字化转型，持续提升档案服务水平。\n"
    "临江县档案馆\n"
    "2023年12月26日\n"
)

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    "</Relationships>"
)


def make_docx(path, lines):
    """Writes a minimal .docx at `path` whose paragraphs are `lines`."""
    body = "".join(
        f'<w:p><w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>' for line in lines
    )
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/document.xml", document)
    return path


@pytest.fixture(scope="session")
def en():
    """An English analyzer shared by the tests (as an application would share one)."""
    return zongjie.Analyzer(lang="en")


@pytest.fixture(scope="session")
def zh():
    """A Chinese analyzer."""
    return zongjie.Analyzer(lang="zh")


def cli_binary():
    """The zongjie binary built from this checkout, if there is one: $ZONGJIE_BIN, else
    release then debug under $CARGO_TARGET_DIR or target/ (never one on PATH, which
    may be another version)."""
    explicit = os.environ.get("ZONGJIE_BIN")
    if explicit:
        return explicit if os.access(explicit, os.X_OK) else None
    target = Path(os.environ.get("CARGO_TARGET_DIR") or REPO / "target")
    for profile in ("release", "debug"):
        exe = target / profile / "zongjie"
        if exe.is_file() and os.access(exe, os.X_OK):
            return str(exe)
    return None
