use clap::Parser;

fn main() {
    let cli = vpceplan::cli::Cli::parse();
    std::process::exit(vpceplan::cli::run(cli));
}
