"""The records are the CLI's: each method returns what `zongjie <command> --format json`
writes in its documents array for the same file. Runs when a zongjie binary built from
this checkout is found (CI builds one before the Python tests); skips otherwise."""

import json
import subprocess

import pytest

from conftest import DRAFT, FILLED, cli_binary, make_docx

BINARY = cli_binary()
pytestmark = pytest.mark.skipif(
    BINARY is None, reason="no zongjie binary built (cargo build; or set ZONGJIE_BIN)"
)


def cli_record(command, path, lang):
    run = subprocess.run(
        [BINARY, command, "--format", "json", "--lang", lang, "--quiet", str(path)],
        capture_output=True,
        check=False,
    )
    assert run.returncode in (0, 1), run.stderr.decode()
    output = json.loads(run.stdout)
    assert len(output["documents"]) == 1
    return output["documents"][0]


@pytest.mark.parametrize("command", ["lint", "outline", "phrases", "analyze"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_path_methods_return_the_cli_records(command, lang, tmp_path, en, zh):
    analyzer = en if lang == "en" else zh
    files = [tmp_path / "draft.txt", tmp_path / "filled.txt", tmp_path / "draft.docx"]
    files[0].write_bytes(DRAFT.encode("gbk"))
    files[1].write_text(FILLED, encoding="utf-8")
    make_docx(files[2], DRAFT.splitlines())
    method = getattr(analyzer, f"{command}_path")
    for path in files:
        assert method(path) == cli_record(command, path, lang), path.name
