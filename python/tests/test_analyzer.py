"""The Analyzer's methods on texts: records in the JSON contract's shape, settings,
messages in both languages, and the errors each argument can raise."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import zongjie
from conftest import DRAFT, FILLED, REPO

HEADER = {"path", "format", "encoding", "error", "warnings", "profile"}


def slots(record):
    return [(d["line"], d["column"], d["text"]) for d in record["diagnostics"] if d["rule"] == "placeholder"]


def test_lint_finds_slots_where_they_are(en):
    record = en.lint(DRAFT)
    assert set(record) == HEADER | {"diagnostics"}
    assert slots(record) == [(1, 1, "XX"), (3, 9, "X")]
    first = record["diagnostics"][0]
    assert first["severity"] == "warning"
    assert first["kind"] == "organization"
    assert (first["byte_start"], first["byte_end"]) == (0, 2)
    assert record["path"] == "-"
    assert record["encoding"] == "UTF-8"
    assert record["error"] is None


def test_lint_reports_numbering_and_missing_sections(en):
    rules = {d["rule"] for d in en.lint(DRAFT)["diagnostics"]}
    assert {"placeholder", "numbering", "missing-section"} <= rules


def test_lint_of_a_complete_summary_is_clean(en):
    assert en.lint(FILLED)["diagnostics"] == []


def test_path_names_the_record_and_is_accepted_as_pathlike(en):
    assert en.lint(DRAFT, path="2023/办公室.txt")["path"] == "2023/办公室.txt"
    assert en.lint(DRAFT, path=Path("a") / "b.txt")["path"] == str(Path("a") / "b.txt")


def test_outline_gives_headings_and_completeness(en):
    record = en.outline(DRAFT)
    assert set(record) == HEADER | {"headings", "sections_missing", "numbering_errors", "completeness"}
    assert [(h["level"], h["line"], h["marker"]) for h in record["headings"]] == [(1, 2, "一、"), (1, 4, "三、")]
    assert record["numbering_errors"][0]["expected"] == "二、"
    assert {"problems", "plans"} <= set(record["sections_missing"])
    full = en.outline(FILLED)["completeness"]["score"]
    assert 0 <= record["completeness"]["score"] < full <= 1


def test_phrases_counts_tokens_and_official_phrases(en):
    record = en.phrases(FILLED)
    assert set(record) == HEADER | {
        "tokens",
        "phrases",
        "quotes",
        "titles",
        "keywords",
        "repeated_phrases",
        "overused",
    }
    assert record["tokens"] > 50
    assert "习近平新时代中国特色社会主义思想" in {p["phrase"] for p in record["phrases"]}
    assert all(k["word"] for k in record["keywords"])


def test_analyze_holds_every_per_document_field(en):
    record = en.analyze(DRAFT)
    for key in [
        "chars",
        "tokens",
        "placeholders",
        "headings",
        "sections_missing",
        "numbering_errors",
        "phrases",
        "keywords",
        "repeated_phrases",
        "completeness",
        "diagnostics",
    ]:
        assert key in record, key
    assert HEADER <= set(record)
    assert record["chars"] == len(DRAFT)
    assert [(p["line"], p["text"], p["kind"]) for p in record["placeholders"]] == [
        (1, "XX", "organization"),
        (3, "X", "number"),
    ]
    assert isinstance(record["completeness"]["score"], float)


def test_records_are_plain_json_data(en):
    # Plain dicts, lists, str, int, float, bool and None: json.dumps takes them as is.
    for method in (en.lint, en.outline, en.phrases, en.analyze):
        record = method(DRAFT)
        assert json.loads(json.dumps(record, ensure_ascii=False)) == record


def test_bytes_are_decoded_like_a_file(en):
    record = en.lint(DRAFT.encode("gbk"))
    assert record["encoding"] == "GBK"
    assert slots(record) == [(1, 1, "XX"), (3, 9, "X")]
    assert en.lint(DRAFT.encode("utf-8"))["encoding"] == "UTF-8"


def test_messages_follow_the_language():
    en = zongjie.Analyzer(lang="en")
    zh = zongjie.Analyzer(lang="zh")
    assert en.lang == "en" and zh.lang == "zh"
    en_msg = en.lint(DRAFT)["diagnostics"][0]["message"]
    zh_msg = zh.lint(DRAFT)["diagnostics"][0]["message"]
    assert en_msg.startswith("unfilled placeholder")
    assert zh_msg.startswith("未填写的占位符")
    # Keys and rule ids stay English whatever the language.
    assert zh.lint(DRAFT)["diagnostics"][0]["rule"] == "placeholder"


def test_lang_accepts_locale_spellings():
    assert zongjie.Analyzer(lang="zh_CN.UTF-8").lang == "zh"
    assert zongjie.Analyzer(lang="EN").lang == "en"


def test_lang_comes_from_the_locale_when_not_given(monkeypatch):
    monkeypatch.setenv("LC_ALL", "zh_CN.UTF-8")
    a = zongjie.Analyzer()
    assert a.lang == "zh"
    # Fixed at construction: a later change of locale does not change the analyzer.
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    assert a.lang == "zh"
    assert a.lint(DRAFT)["diagnostics"][0]["message"].startswith("未填写")


def test_profile_is_applied_to_every_document(en):
    debrief = zongjie.Analyzer(profile="debrief", lang="en")
    assert debrief.profile == "debrief"
    assert en.profile is None
    assert debrief.lint(DRAFT)["profile"] == "debrief"
    assert en.lint(DRAFT)["profile"] == "work-summary"
    assert "profile='debrief'" in repr(debrief)


def test_config_dict_turns_rules_off():
    a = zongjie.Analyzer(config={"rules": {"placeholder": "off", "numbering": "error"}}, lang="en")
    found = {d["rule"]: d["severity"] for d in a.lint(DRAFT)["diagnostics"]}
    assert "placeholder" not in found
    assert found["numbering"] == "error"


def test_config_dict_sets_the_language():
    assert zongjie.Analyzer(config={"lang": "zh"}).lang == "zh"
    # The argument wins over the config, as --lang wins over zongjie.toml.
    assert zongjie.Analyzer(config={"lang": "zh"}, lang="en").lang == "en"


def test_config_file_is_read_like_the_cli(tmp_path):
    path = tmp_path / "zongjie.toml"
    path.write_text('lang = "zh"\nprofile = "study"\n[rules]\nplaceholder = "off"\n', encoding="utf-8")
    for given in (path, str(path)):
        a = zongjie.Analyzer(config=given)
        assert (a.lang, a.profile) == ("zh", "study")
        assert slots(a.lint(DRAFT)) == []


def test_config_dict_reads_dict_files_from_the_current_directory(tmp_path, monkeypatch):
    (tmp_path / "known.txt").write_text("X档案\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    a = zongjie.Analyzer(config={"placeholders": {"known-terms": ["X档案"]}}, lang="en")
    assert slots(a.lint("查阅X档案。")) == []
    with pytest.raises(zongjie.ConfigError, match="missing.txt"):
        zongjie.Analyzer(config={"dicts": {"phrases": "missing.txt"}})


@pytest.mark.parametrize(
    "config, words",
    [
        ({"colour": 1}, ["config dict: invalid config", "colour"]),
        ({"rules": {"placeholdr": "off"}}, ["placeholdr"]),
        ({"rules": {"placeholder": "loud"}}, ["loud"]),
        ({"profile": "novel"}, ["novel", "work-summary"]),
    ],
)
def test_bad_config_dicts_raise_config_errors_saying_what_is_wrong(config, words):
    with pytest.raises(zongjie.ConfigError) as info:
        zongjie.Analyzer(config=config)
    assert isinstance(info.value, zongjie.ZongjieError)
    for word in words:
        assert word in str(info.value)


def test_bad_config_files_raise_config_errors_naming_the_file(tmp_path):
    bad = tmp_path / "zongjie.toml"
    bad.write_text("[rules]\nplaceholder = \n", encoding="utf-8")
    with pytest.raises(zongjie.ConfigError, match=re.escape(str(bad)) + ": invalid config"):
        zongjie.Analyzer(config=bad)
    missing = tmp_path / "none.toml"
    with pytest.raises(zongjie.ConfigError, match=re.escape(str(missing)) + ": cannot read"):
        zongjie.Analyzer(config=missing)


def test_usage_errors_are_value_and_type_errors():
    with pytest.raises(ValueError, match="there is no profile \"novel\"; the profiles are .*work-summary"):
        zongjie.Analyzer(profile="novel")
    with pytest.raises(ValueError, match="unknown language \"fr\""):
        zongjie.Analyzer(lang="fr")
    with pytest.raises(TypeError, match="config must be a path to a zongjie.toml or a dict"):
        zongjie.Analyzer(config=3)
    a = zongjie.Analyzer(lang="en")
    with pytest.raises(TypeError, match="text must be str or bytes, not int"):
        a.lint(3)
    with pytest.raises(TypeError):
        a.lint()


def test_bytes_that_are_not_text_raise_read_errors(en):
    with pytest.raises(zongjie.ReadError, match="binary file, not text") as info:
        en.lint(b"\x00\x01\x02PK\x03\x04" * 40, path="scan.txt")
    assert info.value.path == "scan.txt"


def test_rules_list_the_registry_in_both_languages():
    en = zongjie.rules(lang="en")
    zh = zongjie.rules(lang="zh")
    assert [r["id"] for r in en] == [r["id"] for r in zh]
    ids = [r["id"] for r in en]
    assert ids[0] == "placeholder" and "numbering" in ids and "missing-section" in ids
    assert set(en[0]) == {"id", "default_severity", "producer", "summary", "explanation"}
    assert en[0]["summary"].startswith("An unfilled template slot")
    assert zh[0]["summary"].startswith("未填写的模板占位符")
    assert any(r["default_severity"] is None for r in en)
    with pytest.raises(ValueError):
        zongjie.rules(lang="de")


def test_version_is_the_crates():
    cargo = (REPO / "Cargo.toml").read_text(encoding="utf-8")
    version = re.search(r'^version = "([^"]+)"', cargo, re.M).group(1)
    assert zongjie.__version__ == version
    assert zongjie.SCHEMA_VERSION == 2


def test_everything_public_has_a_docstring():
    for name in zongjie.__all__:
        obj = getattr(zongjie, name)
        if isinstance(obj, (str, int)) or name == "Record":
            continue
        assert obj.__doc__ and obj.__doc__.strip(), name
    for name in dir(zongjie.Analyzer):
        if not name.startswith("_"):
            assert getattr(zongjie.Analyzer, name).__doc__, name
    assert "Args:" in zongjie.Analyzer.lint.__doc__
    assert zongjie.__doc__


def test_analyzer_is_immutable(en):
    with pytest.raises(AttributeError):
        en.lang = "zh"
    with pytest.raises((AttributeError, TypeError)):
        en.anything = 1


def test_stubs_name_everything_the_module_exports():
    stub = (Path(zongjie.__file__).parent / "__init__.pyi").read_text(encoding="utf-8")
    for name in zongjie.__all__:
        if name != "__version__":
            assert re.search(rf"^(class |def )?{name}\b", stub, re.M), name
    for name in dir(zongjie.Analyzer):
        if not name.startswith("_"):
            assert f"def {name}(" in stub, name
    assert (Path(zongjie.__file__).parent / "py.typed").exists()


def test_stubs_match_the_module_for_mypy():
    pytest.importorskip("mypy", reason="mypy is not installed (pip install mypy)")
    run = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "zongjie"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
