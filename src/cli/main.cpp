// archplan: a thin main over the library. Parses the command line and maps outcomes to exit codes.
#include "commands.hpp"
#include "pipeline.hpp"

#include <exception>
#include <iostream>

int main(int argc, char** argv) {
    using namespace archplan::cli;
    CLI::App app{"archplan: turns a customer's storage requirement and a system design into each team's derived\n"
                 "requirements, the bottleneck and the smallest change that fixes it.\n\n"
                 "Exit codes: 0 all requirements met, 1 some not met, 2 bad input or usage, 3 internal or I/O error."};
    app.set_version_flag("--version", "archplan 0.1.0");
    RunOptions run;
    app.add_option("spec", run.spec, "The spec (YAML), e.g. specs/customer.yaml");
    app.add_option("-o,--output", run.output_dir, "Write summary.md, compute.md, network.md, storage.md and results.json here");
    app.add_option("--format", run.format, "What to print on stdout: text (summary) or json (results.json)")
        ->check(CLI::IsMember({"text", "json"}));
    app.add_flag("--timings", run.timings, "Print the wall time of each phase on stderr");

    auto* check = app.add_subcommand("check", "Validate a spec: load it and build its graph, analyse nothing");
    std::string check_spec;
    check->add_option("spec", check_spec, "The spec (YAML)")->required();

    auto* run_cmd = app.add_subcommand("run", "Analyse a spec (the same as 'archplan SPEC')");
    RunOptions run2;
    run_cmd->add_option("spec", run2.spec, "The spec (YAML)")->required();
    run_cmd->add_option("-o,--output", run2.output_dir, "Write the Markdown reports and results.json here");
    run_cmd->add_option("--format", run2.format, "What to print on stdout: text or json")->check(CLI::IsMember({"text", "json"}));
    run_cmd->add_flag("--timings", run2.timings, "Print the wall time of each phase on stderr");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int code = app.exit(e);
        return code == 0 ? 0 : bad_input;
    }
    if ((*check || *run_cmd) && (!run.spec.empty() || !run.output_dir.empty() || app.count("--format") > 0 || run.timings)) {
        std::cerr << "archplan: error: options and the spec go after the subcommand, e.g. 'archplan run SPEC -o DIR'\n";
        return bad_input;
    }
    try {
        if (*check) return command_check(check_spec);
        if (*run_cmd) return command_run(run2);
        if (run.spec.empty()) {
            std::cerr << "archplan: error: give a spec file, e.g. 'archplan specs/customer.yaml' (see --help)\n";
            return bad_input;
        }
        return command_run(run);
    } catch (const std::exception& e) {
        std::cerr << "archplan: internal error: " << e.what() << "\n";
        return internal_error;
    }
}
