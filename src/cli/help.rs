//! Help in the user's language.
//!
//! The clap definitions carry the English help (doc comments). For Chinese, the
//! command tree is walked before parsing and every text is replaced by its Fluent
//! message: `help-<command>` for a command's about line, `help-arg-<id>` for an
//! argument (the same in every command), and the headings and built-in flags of
//! clap's help page.

use clap::{Arg, ArgAction, Command, CommandFactory};

use super::Cli;
use zongjie::i18n::Lang;

/// The command tree with its help in `lang`.
pub fn localized_command(lang: Lang) -> Command {
    let cmd = Cli::command();
    match lang {
        Lang::En => cmd,
        Lang::Zh => localize(cmd, lang, true),
    }
}

fn localize(cmd: Command, lang: Lang, top: bool) -> Command {
    let name = cmd.get_name().to_string();
    let about = lang.tr(&format!("help-{}", if top { "zongjie" } else { &name }));
    let mut cmd = cmd
        .about(about)
        .help_template(format!(
            "{{about-with-newline}}\n{}{{usage}}\n\n{{all-args}}{{after-help}}",
            lang.tr("help-usage")
        ))
        .subcommand_help_heading(lang.tr("help-commands"))
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(lang.tr("help-flag-help"))
                .help_heading(lang.tr("help-options")),
        );
    if top {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(lang.tr("help-flag-version"))
                .help_heading(lang.tr("help-options")),
        );
    }
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .filter(|id| id != "help" && id != "version")
        .collect();
    for id in ids {
        let text = lang.tr(&format!("help-arg-{id}"));
        let heading = lang.tr("help-options");
        let positional = lang.tr("help-arguments");
        cmd = cmd.mut_arg(id, |a| {
            let heading = if a.is_positional() {
                positional
            } else {
                heading
            };
            let a = a.help(text).help_heading(heading);
            // clap would list values and defaults in English; the texts say them.
            if a.get_action().takes_values() {
                a.hide_possible_values(true).hide_default_value(true)
            } else {
                a
            }
        });
    }
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for sub in subs {
        cmd = cmd.mut_subcommand(sub, |s| localize(s, lang, false));
    }
    cmd
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command and argument has its Chinese help, and the tree still builds.
    #[test]
    fn chinese_help_covers_every_command_and_argument() {
        fn check(cmd: &Command, lang: Lang, top: bool, missing: &mut Vec<String>) {
            let name = if top { "zongjie" } else { cmd.get_name() };
            let id = format!("help-{name}");
            if lang.tr(&id) == id {
                missing.push(id);
            }
            for a in cmd.get_arguments() {
                let arg = a.get_id().as_str();
                if arg == "help" || arg == "version" {
                    continue;
                }
                let id = format!("help-arg-{arg}");
                if lang.tr(&id) == id {
                    missing.push(id);
                }
            }
            for s in cmd.get_subcommands() {
                check(s, lang, false, missing);
            }
        }
        let mut missing = Vec::new();
        check(&Cli::command(), Lang::Zh, true, &mut missing);
        missing.sort();
        missing.dedup();
        assert!(missing.is_empty(), "{missing:?}");
        localized_command(Lang::Zh).debug_assert();
        let mut zh = localized_command(Lang::Zh);
        let help = zh.render_help().to_string();
        assert!(help.contains("用法"), "{help}");
        let lint = zh
            .find_subcommand_mut("lint")
            .unwrap()
            .render_help()
            .to_string();
        assert!(lint.contains("输出格式"), "{lint}");
    }
}
