//! `zongjie analyze --shard I/N --partial FILE` and `zongjie merge`: an archive cut
//! into shards, each analysed on its own, merged back into the report one run over
//! everything writes; states that are damaged, of another version or made otherwise
//! are refused.

use std::path::{Path, PathBuf};

use crate::analyze::template_archive;
use crate::util::*;

/// Every file under `dir`, as paths.
fn files(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(s(&p).to_string());
            }
        }
    }
    out.sort();
    out
}

/// Analyses shard `i` of `n` of `dir`: its records (JSON) to `records_i.json` and
/// its state to `state_i.zjs` in `out`; returns the state's path.
fn shard(dir: &Path, out: &Path, i: u32, n: u32) -> PathBuf {
    let state = out.join(format!("state_{i}.zjs"));
    let records = out.join(format!("records_{i}.json"));
    let spec = format!("{i}/{n}");
    let run = zongjie(&[
        "analyze",
        "--format",
        "json",
        "--quiet",
        "--shard",
        &spec,
        "--partial",
        s(&state),
        "-o",
        s(&records),
        s(dir),
    ]);
    assert_eq!(run.code, 0, "shard {spec}: {}", run.stderr);
    state
}

/// The records of shards `1..=n`, each shard's in path order, all in path order.
fn shard_records(out: &Path, n: u32) -> Vec<serde_json::Value> {
    let mut docs = Vec::new();
    for i in 1..=n {
        let text = std::fs::read_to_string(out.join(format!("records_{i}.json"))).unwrap();
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        // A shard's closing part has no corpus: its state went to the file.
        assert!(json.get("corpus").is_none_or(|c| c.is_null()), "{json}");
        docs.extend(json["documents"].as_array().unwrap().iter().cloned());
    }
    docs.sort_by(|a, b| a["path"].as_str().cmp(&b["path"].as_str()));
    docs
}

fn merge(states: &[&PathBuf], format: &str) -> Run {
    let mut args = vec!["merge", "--format", format, "--color", "never"];
    args.extend(states.iter().map(|p| s(p)));
    zongjie(&args)
}

/// Three shards merged, in any order, give the records, near-duplicates, clusters,
/// phrase tables and completeness summary of one run, to the byte; the states of
/// the shards split the inputs with none left out and none twice.
#[test]
fn merged_shards_equal_one_run() {
    let dir = template_archive();
    let out = tempfile::tempdir().unwrap();
    let one = zongjie(&["analyze", "--format", "json", "--quiet", s(dir.path())]);
    assert_eq!(one.code, 0, "{}", one.stderr);
    let one = one.json();
    let states: Vec<PathBuf> = (1..=3)
        .map(|i| shard(dir.path(), out.path(), i, 3))
        .collect();
    let docs = shard_records(out.path(), 3);
    assert_eq!(docs.len(), 46);
    assert_eq!(&docs, one["documents"].as_array().unwrap());

    let [a, b, c] = [&states[0], &states[1], &states[2]];
    let merged = merge(&[a, b, c], "json");
    assert_eq!(merged.code, 0, "{}", merged.stderr);
    let json = merged.json();
    assert_eq!(json["version"], 2);
    assert_eq!(json["documents"].as_array().map(Vec::len), Some(0));
    assert_eq!(json["summary"], one["summary"]);
    assert_eq!(json["corpus"], one["corpus"]);
    // Something to compare: the filled copies are one cluster, phrases repeat.
    assert!(!one["corpus"]["clusters"].as_array().unwrap().is_empty());
    assert!(
        !one["corpus"]["near_duplicates"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert!(
        !one["corpus"]["repeated_phrases"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert_eq!(one["corpus"]["max_undercount"], 0);

    for format in ["json", "csv", "text"] {
        let first = merge(&[a, b, c], format).stdout;
        assert!(first.len() > 500, "{format}");
        for order in [[c, b, a], [b, a, c], [c, a, b]] {
            assert_eq!(merge(&order, format).stdout, first, "{format}");
        }
    }
    // The text report is the one `analyze` writes.
    let text = zongjie(&["analyze", "--color", "never", s(dir.path())]);
    assert_eq!(merge(&[c, a, b], "text").stdout, text.stdout);
}

/// Merging in steps (`merge --partial`), in any grouping and order, gives the same
/// state file, byte for byte, and the same report.
#[test]
fn merging_in_steps_gives_the_same_bytes() {
    let dir = template_archive();
    let out = tempfile::tempdir().unwrap();
    let states: Vec<PathBuf> = (1..=3)
        .map(|i| shard(dir.path(), out.path(), i, 3))
        .collect();
    let step = |name: &str, inputs: &[&Path]| {
        let target = out.path().join(name);
        let mut args = vec!["merge", "--partial", s(&target)];
        args.extend(inputs.iter().map(|p| s(p)));
        let run = zongjie(&args);
        assert_eq!(run.code, 0, "{}", run.stderr);
        std::fs::read(target).unwrap()
    };
    let all = step("all.zjs", &[&states[0], &states[1], &states[2]]);
    assert_eq!(all, step("rev.zjs", &[&states[2], &states[1], &states[0]]));
    let ab = out.path().join("ab.zjs");
    step("ab.zjs", &[&states[1], &states[0]]);
    assert_eq!(all, step("ab_c.zjs", &[&states[2], &ab]));
    let whole = out.path().join("all.zjs");
    let direct = merge(&[&states[0], &states[1], &states[2]], "json").stdout;
    assert_eq!(merge(&[&whole], "json").stdout, direct);
}

/// A path goes to the same shard whatever else is in the run, and the shards of a
/// run split its inputs exactly.
#[test]
fn a_shard_is_a_stable_share_by_path() {
    let dir = template_archive();
    let all = files(dir.path());
    let shard_paths = |i: u32, inputs: &[String]| -> Vec<String> {
        let spec = format!("{i}/4");
        let mut args = vec!["analyze", "--format", "json", "--quiet", "--shard", &spec];
        args.extend(inputs.iter().map(String::as_str));
        let run = zongjie(&args);
        assert_eq!(run.code, 0, "{}", run.stderr);
        run.json()["documents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["path"].as_str().unwrap().to_string())
            .collect()
    };
    let mut union = Vec::new();
    let half: Vec<String> = all.iter().step_by(2).cloned().collect();
    for i in 1..=4 {
        let mine = shard_paths(i, &all);
        assert!(mine.len() < all.len(), "shard {i} holds everything");
        // The same files of the half, whatever the other half.
        let of_half: Vec<String> = mine.iter().filter(|p| half.contains(p)).cloned().collect();
        assert_eq!(shard_paths(i, &half), of_half, "shard {i}");
        union.extend(mine);
    }
    union.sort();
    assert_eq!(union, all);
}

/// Short work summaries in the genre's style, each a mix of stock sentences (so
/// phrases repeat across the archive) and sentences of its own (so the tables fill
/// with items seen once, and lossy counting prunes).
fn large_archive(dir: &Path, n: usize) {
    const STOCK: &[&str] = &[
        "坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实上级决策部署。",
        "切实加强党的建设，全面落实从严治党主体责任，推动各项工作落地见效。",
        "严格执行中央八项规定精神，持续纠治形式主义、官僚主义。",
        "围绕中心、服务大局，统筹推进疫情防控和经济社会发展各项工作。",
        "深入开展调查研究，及时解决群众反映强烈的突出问题。",
        "进一步健全完善内部管理制度，规范财务审批和资产管理流程。",
        "扎实推进安全生产专项整治三年行动，全年未发生较大安全事故。",
        "认真做好信访维稳工作，妥善化解各类矛盾纠纷。",
        "干部队伍的业务能力和综合素质与新形势新任务的要求还有差距。",
        "下一步，我们将继续锐意进取、扎实工作，努力开创各项工作新局面。",
        "主动对接上级部门，积极争取项目资金支持，保障重点工作顺利推进。",
        "加强意识形态阵地管理，牢牢掌握意识形态工作的领导权。",
    ];
    const UNITS: &[&str] = &["水务局", "交通局", "文旅局", "卫健委", "民政局", "统计局"];
    std::fs::create_dir_all(dir.join("a")).unwrap();
    std::fs::create_dir_all(dir.join("b")).unwrap();
    for i in 0..n {
        let unit = UNITS[i % UNITS.len()];
        let pick = |k: usize| STOCK[(i * 7 + k * 5 + i / 13) % STOCK.len()];
        let text = format!(
            "{unit}{year}年度工作总结\n\
             {year}年，{unit}在县委、县政府的坚强领导下，{s0}\n\
             一、主要工作\n{s1}{s2}全年完成第{i}号重点任务，走访企业{v}家。\n\
             二、存在问题\n{s3}第{i}批整改事项尚有{w}项未完成。\n\
             三、下一步打算\n{s4}\n",
            year = 2015 + i % 8,
            s0 = pick(0),
            s1 = pick(1),
            s2 = pick(2),
            s3 = pick(3),
            s4 = pick(4),
            v = 10 + i % 37,
            w = 1 + i % 5,
        );
        let folder = if i % 3 == 0 { "a" } else { "b" };
        std::fs::write(dir.join(folder).join(format!("{unit}_{i:05}.txt")), text).unwrap();
    }
}

/// An archive past the pruning bucket (500 documents): one run and two merged shards
/// both prune. Their phrase and sentence tables may then differ, but by no more than
/// the stated bound (`max_undercount`), and every other figure is the same.
#[test]
fn pruned_phrase_tables_stay_within_the_stated_bound() {
    let dir = tempfile::tempdir().unwrap();
    large_archive(dir.path(), 1300);
    let out = tempfile::tempdir().unwrap();
    let listing = ["--top", "100000", "--min-docs", "2"];
    let mut args = vec!["analyze", "--format", "json", "--quiet"];
    args.extend(listing);
    args.push(s(dir.path()));
    let one = zongjie(&args);
    assert_eq!(one.code, 0, "{}", one.stderr);
    let one = one.json();
    let states: Vec<PathBuf> = (1..=2)
        .map(|i| shard(dir.path(), out.path(), i, 2))
        .collect();
    assert_eq!(
        &shard_records(out.path(), 2),
        one["documents"].as_array().unwrap()
    );
    let mut args = vec!["merge", "--format", "json"];
    args.extend(listing);
    args.extend(states.iter().map(|p| s(p)));
    let merged = zongjie(&args);
    assert_eq!(merged.code, 0, "{}", merged.stderr);
    let merged = merged.json();
    let (a, b) = (&one["corpus"], &merged["corpus"]);
    let bound = a["max_undercount"].as_u64().unwrap();
    // 1300 documents in buckets of 500: both were pruned, and say so.
    assert_eq!(bound, 2);
    assert_eq!(b["max_undercount"], a["max_undercount"]);
    for same in [
        "documents",
        "failed",
        "clusters",
        "near_duplicates",
        "near_duplicates_total",
        "near_duplicate_check",
        "completeness",
    ] {
        assert_eq!(a[same], b[same], "{same}");
    }
    assert_eq!(merged["summary"], one["summary"]);
    // Each count is at most the truth and at least the truth less the bound, so two
    // counts of one item differ by no more than the bound; an item one side lists
    // and the other does not is within the bound of the listing's minimum.
    for (list, key) in [
        ("repeated_phrases", "phrase"),
        ("shared_sentences", "sentence"),
    ] {
        let table = |c: &serde_json::Value| -> std::collections::BTreeMap<String, u64> {
            c[list]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| {
                    (
                        p[key].as_str().unwrap().to_string(),
                        p["documents"].as_u64().unwrap(),
                    )
                })
                .collect()
        };
        let (ta, tb) = (table(a), table(b));
        assert!(ta.len() > 20, "{list}: {}", ta.len());
        for (item, &x) in &ta {
            let y = tb.get(item).copied().unwrap_or(0);
            assert!(
                x.abs_diff(y) <= bound,
                "{list} {item}: one run {x}, merged {y}"
            );
            if y == 0 {
                assert!(x <= 2 + bound, "{list} {item} lost: {x}");
            }
        }
        for (item, &y) in &tb {
            let x = ta.get(item).copied().unwrap_or(0);
            assert!(
                x.abs_diff(y) <= bound,
                "{list} {item}: one run {x}, merged {y}"
            );
        }
        // The stock sentences are far above the bound: exact on both sides.
        let stock = ta.iter().filter(|&(_, &x)| x > 100).count();
        assert!(stock >= 5, "{list}: {stock}");
        for (item, &x) in ta.iter().filter(|&(_, &x)| x > 100) {
            assert_eq!(tb.get(item), Some(&x), "{list} {item}");
        }
    }
}

/// A shard of a small archive may hold nothing: its state is empty and merges.
#[test]
fn an_empty_shard_merges() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(sample("02_filled.txt"), dir.path().join("only.txt")).unwrap();
    let out = tempfile::tempdir().unwrap();
    let states: Vec<PathBuf> = (1..=3)
        .map(|i| shard(dir.path(), out.path(), i, 3))
        .collect();
    assert_eq!(shard_records(out.path(), 3).len(), 1);
    let merged = merge(&[&states[0], &states[1], &states[2]], "json");
    assert_eq!(merged.code, 0, "{}", merged.stderr);
    assert_eq!(merged.json()["corpus"]["documents"], 1);
}

/// A file that is cut short, damaged, of another format version or zongjie version,
/// or no state at all, is refused with a message naming it, exit 2, never a panic.
#[test]
fn damaged_or_foreign_states_are_refused() {
    let dir = template_archive();
    let out = tempfile::tempdir().unwrap();
    let good = shard(dir.path(), out.path(), 1, 2);
    let other = shard(dir.path(), out.path(), 2, 2);
    let bytes = std::fs::read(&good).unwrap();
    assert!(bytes.starts_with(b"ZJSTATE\0"));
    let header = 8 + 2 + 1 + usize::from(bytes[10]);
    let mut cases: Vec<(String, Vec<u8>, &str)> = vec![
        ("empty".into(), Vec::new(), "not a zongjie corpus state"),
        (
            "json".into(),
            b"{\"version\":2}".to_vec(),
            "not a zongjie corpus state",
        ),
        (
            "header cut".into(),
            bytes[..9].to_vec(),
            "damaged corpus state",
        ),
    ];
    for cut in [
        header,
        header + 1,
        header + 40,
        bytes.len() / 2,
        bytes.len() - 1,
    ] {
        cases.push((
            format!("cut at {cut}"),
            bytes[..cut].to_vec(),
            "damaged corpus state",
        ));
    }
    let mut flipped = bytes.clone();
    for k in (header + 20..flipped.len()).step_by(97) {
        flipped[k] ^= 0x5a;
    }
    cases.push(("flipped".into(), flipped, "damaged corpus state"));
    let mut format = bytes.clone();
    format[8] = 9;
    cases.push(("format 9".into(), format, "saved in state format 9"));
    let mut version = bytes.clone();
    version[11] = b'7';
    cases.push(("other zongjie".into(), version, "made by zongjie 7"));
    for (i, (name, content, expect)) in cases.iter().enumerate() {
        let bad = out.path().join(format!("bad_{i}.zjs"));
        std::fs::write(&bad, content).unwrap();
        let run = merge(&[&good, &bad, &other], "json");
        assert_eq!(run.code, 2, "{name}: {}", run.stderr);
        // JSON formats print the error as JSON on stdout as well.
        let said = format!("{}{}", run.stderr, run.stdout);
        assert!(said.contains(expect), "{name}: {said}");
        assert!(said.contains(&format!("bad_{i}.zjs")), "{name}: {said}");
    }
    // In Chinese too.
    let bad = out.path().join("bad_1.zjs");
    let run = zongjie_env(
        None,
        &["merge", "--lang", "zh", s(&good), s(&bad)],
        None,
        &[],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("不是 zongjie 全库状态文件"),
        "{}",
        run.stderr
    );
}

/// States made with other settings, or holding one document twice, do not merge.
#[test]
fn unlike_or_overlapping_states_are_refused() {
    let dir = template_archive();
    let out = tempfile::tempdir().unwrap();
    let first = shard(dir.path(), out.path(), 1, 2);
    let other = out.path().join("other.zjs");
    let run = zongjie(&[
        "analyze",
        "--quiet",
        "--shard",
        "2/2",
        "--min-docs",
        "5",
        "--partial",
        s(&other),
        s(dir.path()),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = merge(&[&first, &other], "text");
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--min-docs 5"), "{}", run.stderr);
    assert!(run.stderr.contains("other.zjs"), "{}", run.stderr);
    let run = merge(&[&first, &first], "text");
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("more than one state"), "{}", run.stderr);
    // Bad shard specs are refused before anything is read.
    for spec in ["0/3", "4/3", "3", "a/b", "1/0"] {
        let run = zongjie(&["analyze", "--shard", spec, s(dir.path())]);
        assert_eq!(run.code, 2, "{spec}");
        assert!(
            run.stderr.contains("--shard takes I/N"),
            "{spec}: {}",
            run.stderr
        );
    }
    // The state is never written over one of the states read.
    let before = std::fs::read(&first).unwrap();
    let run = zongjie(&["merge", "--partial", s(&first), s(&first)]);
    assert_eq!(run.code, 2);
    assert_eq!(std::fs::read(&first).unwrap(), before);
}
