// The command table: each subcommand's name, help and options. The work is in command_<name>.cpp.
//
// To add a subcommand: declare its work function (and its options struct, if it has several) in
// commands.hpp, write it in command_<name>.cpp, and add a Command class and one row below. main.cpp
// does not change.
#include "commands.hpp"

#include "archplan/spec/diagnostics.hpp"

#include <CLI/CLI.hpp>

namespace archplan::cli {

namespace {

// archplan run SPEC [-o DIR] [--format text|json] [--timings]. main.cpp also sets it up on the top-level
// app, which makes 'archplan SPEC' the same command.
class Run final : public Command {
public:
    void setup(CLI::App& app) override {
        app.add_option("spec", m_options.spec, "The spec (YAML), e.g. specs/customer.yaml")->required();
        app.add_option("-o,--output", m_options.output_dir,
                       "Write summary.md, compute.md, network.md, storage.md and results.json here")
            ->check([](const std::string& dir) { return dir.empty() ? std::string("give a directory, e.g. -o reports") : ""; });
        app.add_option("--format", m_options.format, "What to print on stdout: text (summary) or json (results.json)")
            ->check(CLI::IsMember({"text", "json"}));
        app.add_flag("--timings", m_options.timings, "Print the wall time of each phase on stderr");
        app.add_flag("--strict", m_options.strict,
                     "Exit 1 also when a failure scenario leaves a requirement unmet (normal operation only without it)");
    }
    int run() override { return command_run(m_options); }

private:
    RunOptions m_options;
};

// archplan check SPEC
class Check final : public Command {
public:
    void setup(CLI::App& app) override { app.add_option("spec", m_spec, "The spec (YAML)")->required(); }
    int run() override { return command_check(m_spec); }

private:
    std::string m_spec;
};

// archplan compare SPEC [SPEC...] [--reference NAME] [-o DIR] [--format text|md|json|csv]
class Compare final : public Command {
public:
    void setup(CLI::App& app) override {
        app.add_option("specs", m_options.specs,
                       "One spec (its design against its variants) or several (each against the first, or --reference)")
            ->required();
        app.add_option("--reference", m_options.reference, "The column the others are measured against (default: the first)");
        app.add_option("-o,--output", m_options.output_dir, "Write compare.md, compare.json and compare.csv here")
            ->check([](const std::string& dir) { return dir.empty() ? std::string("give a directory, e.g. -o review") : ""; });
        app.add_option("--format", m_options.format, "What to print on stdout: text, md, json or csv")
            ->check(CLI::IsMember({"text", "md", "json", "csv"}));
    }
    int run() override { return command_compare(m_options); }

private:
    CompareOptions m_options;
};

template <class C>
std::unique_ptr<Command> make() {
    return std::make_unique<C>();
}

} // namespace

const std::vector<CommandEntry>& command_table() {
    static const std::vector<CommandEntry> table = {
        {"check", "Validate a spec: load it and build its graph, analyse nothing", make<Check>},
        {"run", "Analyse a spec (the same as 'archplan SPEC')", make<Run>},
        {"compare", "Compare a design with its variants, or several specs, row by row", make<Compare>},
    };
    return table;
}

const CommandEntry* find_command(std::string_view name) {
    for (const auto& row : command_table())
        if (row.name == name) return &row;
    return nullptr;
}

std::string suggest_command(const std::string& word) {
    std::vector<std::string> names;
    for (const auto& row : command_table()) names.emplace_back(row.name);
    return spec::nearest(word, names); // the loader's "did you mean" for keys
}

} // namespace archplan::cli
