// The command table: each subcommand's name, help and options. The work is in command_<name>.cpp.
//
// To add a subcommand: declare its work function (and its options struct, if it has several) in
// commands.hpp, write it in command_<name>.cpp, and add a Command class and one row below. main.cpp
// does not change.
#include "commands.hpp"

#include "archplan/spec/diagnostics.hpp"
#include "archplan/units/units.hpp"

#include <CLI/CLI.hpp>
#include <iostream>

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

// archplan sweep SPEC --vary PATH=FROM..TO:STEP|a,b,c ... ; archplan sweep merge SHARD.json ...
class Sweep final : public Command {
public:
    void setup(CLI::App& app) override {
        app.add_option("args", m_options.args, "The spec, or 'merge' followed by the shards' sweep-K-of-N.json files")
            ->required();
        app.add_option("--vary", m_options.vary, "A knob and its values: PATH=FROM..TO:STEP or PATH=a,b,c (repeat for more)");
        app.add_flag("--lockstep", m_options.lockstep, "Move the --vary axes together (equal lengths), not as a product");
        app.add_option("--objective", m_options.objectives,
                       "max:KEY or min:KEY, KEY a figure (repeat; two or more: a Pareto front)");
        app.add_option("-j,--jobs", m_options.jobs, "Threads (default: every core)")->check(CLI::Range(1, 1024));
        app.add_flag("--ideal", m_options.ideal, "Also the ideal (max-flow) figure of every variant");
        app.add_flag("--scenarios", m_options.scenarios, "Also the failure scenarios of every variant");
        app.add_option("--shard", m_options.shard,
                       "Run only the K-th of N slices (K/N), for a job array; merge with 'sweep merge'");
        app.add_option("-o,--output", m_options.output_dir, "Write sweep.csv and sweep.json here (a shard: sweep-K-of-N.json)")
            ->check([](const std::string& dir) { return dir.empty() ? std::string("give a directory, e.g. -o sweep") : ""; });
        app.add_option("--format", m_options.format, "What to print on stdout: text (a summary), csv or json")
            ->check(CLI::IsMember({"text", "json", "csv"}));
    }
    int run() override { return command_sweep(m_options); }

private:
    SweepOptions m_options;
};

// archplan sensitivity SPEC [--knob PATH ...] [--by 10%] [--top N] [-j N] [-o DIR] [--format text|json]
class Sensitivity final : public Command {
public:
    void setup(CLI::App& app) override {
        app.add_option("spec", m_options.spec, "The spec (YAML)")->required();
        app.add_option("--knob", m_options.knobs, "A knob path to move (repeat); every knob of the design by default");
        app.add_option("--by", m_options.by, "How far each knob moves down and up, a share of its value (default 10%)");
        app.add_option("--top", m_options.top, "Knobs shown per figure in the text (default 5)")->check(CLI::Range(1, 1000));
        app.add_option("-j,--jobs", m_options.jobs, "Threads (default: every core)")->check(CLI::Range(1, 1024));
        app.add_option("-o,--output", m_options.output_dir, "Write sensitivity.txt and sensitivity.json here")
            ->check([](const std::string& dir) { return dir.empty() ? std::string("give a directory, e.g. -o review") : ""; });
        app.add_option("--format", m_options.format, "What to print on stdout: text or json")
            ->check(CLI::IsMember({"text", "json"}));
    }
    int run() override { return command_sensitivity(m_options); }

private:
    SensitivityOptions m_options;
};

// archplan graph SPEC [--requirement ID] [--scenario ID] [-o DIR]
class Graph final : public Command {
public:
    void setup(CLI::App& app) override {
        app.add_option("spec", m_options.spec, "The spec (YAML)")->required();
        app.add_option("--requirement", m_options.requirement,
                       "The bandwidth requirement whose load colours it (default: the first)");
        app.add_option("--scenario", m_options.scenario, "A failure scenario to draw it under (default: healthy)");
        app.add_option("-o,--output", m_options.output_dir, "Write topology.dot (and topology.svg with Graphviz) here")
            ->check([](const std::string& dir) { return dir.empty() ? std::string("give a directory, e.g. -o pictures") : ""; });
    }
    int run() override { return command_graph(m_options); }

private:
    GraphOptions m_options;
};

// archplan export simgrid SPEC -o DIR [--requirement ID]
class Export final : public Command {
public:
    void setup(CLI::App& app) override {
        app.add_option("format", m_options.format, "What to export: simgrid")->required()->check(CLI::IsMember({"simgrid"}));
        app.add_option("spec", m_options.spec, "The spec (YAML)")->required();
        app.add_option("--requirement", m_options.requirement, "The bandwidth requirement to replay (default: the first)");
        app.add_option("-o,--output", m_options.output_dir,
                       "Write platform.xml, flows.csv, flows-dmodk.csv and summary.json here")
            ->required()
            ->check([](const std::string& dir) { return dir.empty() ? std::string("give a directory, e.g. -o simgrid") : ""; });
    }
    int run() override { return command_export(m_options); }

private:
    ExportOptions m_options;
};

// archplan acceptance SPEC [-o DIR] [--tolerance 10%] [--seconds 300]; archplan acceptance evaluate SPEC RESULTS/
class Acceptance final : public Command {
public:
    void setup(CLI::App& app) override {
        app.add_option("args", m_options.args, "The spec, or 'evaluate', the spec and the results directory")->required();
        app.add_option("--tolerance", m_tolerance, "How far each server's and drive's share may fall below it (default 10%)");
        app.add_option("--seconds", m_options.seconds, "Each timed phase: IOR's stonewall, fio's runtime (default 300)")
            ->check(CLI::Range(1.0, 86400.0));
        app.add_option("-o,--output", m_options.output_dir, "Write the pack (README.md and the job files) here")
            ->check(
                [](const std::string& dir) { return dir.empty() ? std::string("give a directory, e.g. -o acceptance") : ""; });
    }
    int run() override {
        auto t = units::parse_ratio(m_tolerance);
        if (!t.value) {
            std::cerr << "archplan acceptance: error: --tolerance '" << m_tolerance << "': " << t.error << "\n";
            return 2;
        }
        m_options.tolerance = *t.value;
        return command_acceptance(m_options);
    }

private:
    AcceptanceOptions m_options;
    std::string m_tolerance = "10%";
};

// archplan power-telemetry FILE.csv [--quantile 99%] [-o DIR] [--format text|json]
class PowerTelemetry final : public Command {
public:
    void setup(CLI::App& app) override {
        app.add_option("file", m_options.file,
                       "Measured power: 'timestamp,domain,watts[,stat][,capacity]' or 'time,pdu,measured_power_util'")
            ->required();
        app.add_option("--quantile", m_options.quantile,
                       "The quantile the safe oversubscription factor is read at (default 99%)");
        app.add_option("-o,--output", m_options.output_dir, "Write telemetry.txt and telemetry.json here")
            ->check([](const std::string& dir) { return dir.empty() ? std::string("give a directory, e.g. -o power") : ""; });
        app.add_option("--format", m_options.format, "What to print on stdout: text or json")
            ->check(CLI::IsMember({"text", "json"}));
    }
    int run() override { return command_power_telemetry(m_options); }

private:
    TelemetryOptions m_options;
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
        {"sweep", "Evaluate a spec over ranges of knob values; best variants and the Pareto front", make<Sweep>},
        {"sensitivity", "Move each knob down and up; rank which inputs move each figure most", make<Sensitivity>},
        {"graph", "Draw the system as Graphviz DOT, coloured by a requirement's load (healthy or under a scenario)", make<Graph>},
        {"acceptance", "Write the acceptance tests a vendor must pass, or judge their results (evaluate)", make<Acceptance>},
        {"export", "Export a requirement's question for a flow-level simulator (simgrid)", make<Export>},
        {"power-telemetry", "Percentiles, diversity and a safe oversubscription factor from measured power", make<PowerTelemetry>,
         false},
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
