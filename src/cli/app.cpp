// The command line: parses it, runs the chosen command and maps outcomes to exit codes. main.cpp is only a call to
// run_cli, so the fuzz target for the arguments (tests/fuzz/fuzz_cli.cpp) runs exactly what users run.
#include "commands.hpp"
#include "pipeline.hpp"

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstring>
#include <exception>
#include <filesystem>
#include <iostream>
#include <utility>

namespace {

// The first argument that is neither an option nor an option's value: where a subcommand or the spec
// goes. "" when there is none.
std::string first_positional(const CLI::App& app, int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "--") return i + 1 < argc ? argv[i + 1] : "";
        if (arg.size() < 2 || arg[0] != '-') return arg;
        const auto* opt = app.get_option_no_throw(arg); // nullptr for '--format=json' or '-oDIR'
        if (opt != nullptr && opt->get_expected_min() > 0) ++i;
    }
    return "";
}

} // namespace

namespace archplan::cli {

int run_cli(int argc, char** argv) {
    CLI::App app{"archplan: turns a customer's storage requirement and a system design into each team's derived\n"
                 "requirements, the bottleneck and the smallest change that fixes it.\n\n"
                 "Exit codes: 0 all requirements met, 1 some not met, 2 bad input or usage, 3 internal or I/O error."};
    app.set_version_flag("--version", "archplan 0.1.0");

    // 'archplan SPEC' is 'archplan run SPEC': the top level takes the run command's options. Its spec is
    // optional there, or no subcommand could be used, and a bare 'archplan' is explained below.
    auto bare = find_command("run")->make();
    bare->setup(app);
    app.get_option("spec")->required(false);
    // Every command that reads specs reads them against one catalog.
    CatalogChoice catalog;
    auto catalog_options = [&](CLI::App& a) {
        a.add_option("--catalog", catalog.file, "A parts catalog (YAML) that extends the shipped one (docs/catalog.md)");
        a.add_flag("--catalog-replace", catalog.replace, "Use the --catalog file instead of the shipped catalog");
    };
    catalog_options(app);

    std::vector<std::pair<CLI::App*, std::unique_ptr<Command>>> subcommands;
    for (const auto& row : command_table()) {
        auto* sub = app.add_subcommand(std::string(row.name), std::string(row.help));
        auto command = row.make();
        command->setup(*sub);
        if (row.reads_specs) catalog_options(*sub);
        subcommands.emplace_back(sub, std::move(command));
    }

    // 'archplan chek SPEC': the first positional is neither a command nor a file, but close to a command.
    auto word = first_positional(app, argc, argv);
    std::error_code ec;
    if (!word.empty() && find_command(word) == nullptr && !std::filesystem::exists(word, ec)) {
        if (auto near = suggest_command(word); !near.empty()) {
            std::cerr << "archplan: error: unknown command '" << word << "'; did you mean '" << near << "'?\n";
            return bad_input;
        }
    }

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int code = app.exit(e);
        return code == 0 ? 0 : bad_input;
    }

    Command* chosen = nullptr;
    for (auto& [sub, command] : subcommands)
        if (sub->parsed()) chosen = command.get();
    if (chosen != nullptr) {
        for (const auto* opt : app.get_options()) {
            if (opt->count() > 0) {
                std::cerr << "archplan: error: options and the spec go after the subcommand, e.g. 'archplan run SPEC -o DIR'\n";
                return bad_input;
            }
        }
    } else if (app.count("spec") == 0) {
        std::cerr << "archplan: error: give a spec file, e.g. 'archplan specs/customer.yaml' (see --help)\n";
        return bad_input;
    } else {
        chosen = bare.get();
    }

    if (catalog.replace && catalog.file.empty()) {
        std::cerr << "archplan: error: --catalog-replace needs --catalog FILE\n";
        return bad_input;
    }
    if (!choose_catalog(catalog, std::cerr)) return bad_input;
    int code = internal_error;
    try {
        code = chosen->run();
    } catch (const std::exception& e) {
        std::cerr << "archplan: internal error: " << e.what() << "\n";
        return internal_error;
    }
    // A report that did not reach its reader is an I/O error, not a success (e.g. 'archplan SPEC > /dev/full').
    errno = 0;
    std::cout.flush();
    if (!std::cout) {
        std::cerr << "archplan: error: cannot write to standard output" << (errno ? std::string(": ") + std::strerror(errno) : "")
                  << "\n";
        return internal_error;
    }
    return code;
}

} // namespace archplan::cli
