// Subcommands of the archplan CLI: the command table, each command's options, and the work functions.
#pragma once

#include <functional> // not used here: command_run.cpp gets std::function from this header
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace CLI {
class App;
} // namespace CLI

namespace archplan::cli {

struct RunOptions {
    std::string spec;
    std::string output_dir;
    std::string format = "text";
    bool timings = false; // phase wall times on stderr
    bool strict = false;  // a failure scenario that leaves a requirement unmet makes the run not met (exit 1)
};

// The whole command line, as main runs it: the exit code (pipeline.hpp's Exit).
int run_cli(int argc, char** argv);

// The work of each command, one command_<name>.cpp each; they return an Exit code (pipeline.hpp).
int command_run(const RunOptions& o);
int command_check(const std::string& spec);

struct CompareOptions {
    std::vector<std::string> specs; // one spec: its base against its variants; several: the specs against each other
    std::string reference;          // the column the others are measured against; "" for the first
    std::string output_dir;         // compare.md, compare.json, compare.csv
    std::string format = "text";    // on stdout: text, md, json or csv
};
int command_compare(const CompareOptions& o);

struct SweepOptions {
    std::vector<std::string> args; // the spec, or "merge" and the shards' JSON files
    std::vector<std::string> vary, objectives;
    bool lockstep = false, ideal = false, scenarios = false;
    int jobs = 0;      // 0: every core
    std::string shard; // "K/N"
    std::string output_dir;
    std::string format = "text";
};
int command_sweep(const SweepOptions& o);

struct SensitivityOptions {
    std::string spec;
    std::vector<std::string> knobs; // empty: every knob
    std::string by = "10%";
    std::size_t top = 5; // knobs shown per figure in the text
    int jobs = 0;
    std::string output_dir;
    std::string format = "text";
};
int command_sensitivity(const SensitivityOptions& o);

struct GraphOptions {
    std::string spec;
    std::string requirement, scenario;
    std::string output_dir;
};
int command_graph(const GraphOptions& o);

struct ExportOptions {
    std::string format; // "simgrid"
    std::string spec;
    std::string requirement;
    std::string output_dir;
};
int command_export(const ExportOptions& o);

struct AcceptanceOptions {
    std::vector<std::string> args; // the spec, or "evaluate", the spec and the results directory
    double tolerance = 0.10;
    double seconds = 300;
    std::string output_dir;
};
int command_acceptance(const AcceptanceOptions& o);

struct TelemetryOptions {
    std::string file;
    std::string quantile = "99%"; // the quantile the safe factor is read at
    std::string output_dir;
    std::string format = "text";
};
int command_power_telemetry(const TelemetryOptions& o);

// One subcommand (osmium-tool's Command). setup() registers the command's options on `app`, bound to
// members of the command, and does no work: it opens no file. run() is called once the command line is
// parsed, does the work and returns an Exit code.
class Command {
public:
    virtual ~Command() = default;
    virtual void setup(CLI::App& app) = 0;
    virtual int run() = 0;
};

// A row of the command table (ninja's kTools): what follows 'archplan', the one line --help shows, and
// how to make the command.
struct CommandEntry {
    std::string_view name;
    std::string_view help;
    std::unique_ptr<Command> (*make)();
    bool reads_specs = true; // takes --catalog
};

// Every subcommand, in the order --help lists them (src/cli/commands.cpp).
const std::vector<CommandEntry>& command_table();

// The row called `name`, or nullptr.
const CommandEntry* find_command(std::string_view name);

// The command that `word` is probably a misspelling of ('chek' -> "check"), or "" when none is close.
std::string suggest_command(const std::string& word);

} // namespace archplan::cli
