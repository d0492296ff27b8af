//! `twilio-endpoint-codegen`: prints `#[twilio_endpoint]` declarations for operations of one of
//! Twilio's OpenAPI descriptions, or writes every operation as one module per tag.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use twilio_endpoint_codegen::check::CheckOptions;
use twilio_endpoint_codegen::{generate_all, generate_operations, render, render_mod_rs, Spec};

/// Generates `#[twilio_endpoint]` declarations from a Twilio OpenAPI description.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Cli {
    /// The description (`twilio_api_v2010.json`). With `--check`, repeatable: each declaration
    /// is compared with the description that has its `operationId`.
    #[arg(long, value_name = "FILE.json", required = true)]
    spec: Vec<PathBuf>,
    /// An operation to print, by `operationId` (`CreateMessage`); repeatable.
    #[arg(long = "operation", value_name = "ID", conflicts_with = "all")]
    operations: Vec<String>,
    /// Every operation, one module per tag, written into `--out`.
    #[arg(long, requires = "out")]
    all: bool,
    /// The directory `--all` writes into (created if missing).
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Compare the `#[twilio_endpoint]` declarations of a Rust file with the description:
    /// every difference that changes the wire or the checks is listed, and the exit status is
    /// 1 when there is one.
    #[arg(long, value_name = "FILE.rs", conflicts_with_all = ["all", "operations"])]
    check: Option<PathBuf>,
    /// With `--check`: the file declares a chosen subset of each operation's optional
    /// parameters; those it leaves out are not reported.
    #[arg(long, requires = "check")]
    subset: bool,
    /// With `--all`: write the operations that can be declared even when others cannot (the
    /// others are still listed, and the exit status is still non-zero).
    #[arg(long, requires = "all")]
    keep_going: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(file) = &cli.check {
        return check(&cli, file);
    }
    match run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(messages) => {
            for message in messages {
                eprintln!("error: {message}");
            }
            ExitCode::FAILURE
        }
    }
}

/// `--check FILE.rs`: differences on stdout and exit 1; a file or description that cannot be
/// read on stderr and exit 2.
fn check(cli: &Cli, file: &std::path::Path) -> ExitCode {
    let specs: Result<Vec<Spec>, Vec<String>> = cli.spec.iter().map(|p| read_spec(p)).collect();
    let result = specs.and_then(|specs| {
        let source = std::fs::read_to_string(file)
            .map_err(|e| vec![format!("cannot read {}: {e}", file.display())])?;
        let options = CheckOptions { subset: cli.subset };
        twilio_endpoint_codegen::check::check_all(&specs, &source, options)
            .map_err(|e| vec![format!("{}: {e}", file.display())])
    });
    match result {
        Ok(differences) if differences.is_empty() => ExitCode::SUCCESS,
        Ok(differences) => {
            for difference in differences {
                println!("{difference}");
            }
            ExitCode::from(1)
        }
        Err(messages) => {
            for message in messages {
                eprintln!("error: {message}");
            }
            ExitCode::from(2)
        }
    }
}

fn read_spec(path: &std::path::Path) -> Result<Spec, Vec<String>> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| vec![format!("cannot read {}: {e}", path.display())])?;
    Spec::from_json(&text).map_err(|e| {
        vec![format!(
            "{} is not an OpenAPI description: {e}",
            path.display()
        )]
    })
}

fn run(cli: &Cli) -> Result<(), Vec<String>> {
    let [path] = cli.spec.as_slice() else {
        return Err(vec![
            "generating reads one description: give one --spec".into()
        ]);
    };
    let spec = read_spec(path)?;
    let source = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let rendering = |e: syn::Error| {
        vec![format!(
            "internal error: generated code does not parse: {e}"
        )]
    };

    if cli.all {
        let out = cli
            .out
            .as_ref()
            .ok_or_else(|| vec!["--all needs --out DIR".to_string()])?;
        let (modules, errors) = generate_all(&spec);
        let errors: Vec<String> = errors.iter().map(ToString::to_string).collect();
        if !errors.is_empty() && !cli.keep_going {
            return Err(errors);
        }
        std::fs::create_dir_all(out)
            .map_err(|e| vec![format!("cannot create {}: {e}", out.display())])?;
        for (name, module) in &modules {
            let text = render::render_module(module, &source).map_err(rendering)?;
            let path = out.join(format!("{name}.rs"));
            std::fs::write(&path, text)
                .map_err(|e| vec![format!("cannot write {}: {e}", path.display())])?;
        }
        let path = out.join("mod.rs");
        std::fs::write(&path, render_mod_rs(modules.keys(), &source))
            .map_err(|e| vec![format!("cannot write {}: {e}", path.display())])?;
        return if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        };
    }

    if cli.operations.is_empty() {
        return Err(vec![
            "name operations with --operation ID, or use --all --out DIR".into(),
        ]);
    }
    let module = generate_operations(&spec, &cli.operations)
        .map_err(|errors| errors.iter().map(ToString::to_string).collect::<Vec<_>>())?;
    let text = render::render_module(&module, &source).map_err(rendering)?;
    print!("{text}");
    Ok(())
}
