// Subcommands of the archplan CLI; each registers its options and returns its exit code when run.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <string>

namespace archplan::cli {

struct RunOptions {
    std::string spec;
    std::string output_dir;
    std::string format = "text";
    bool timings = false; // phase wall times on stderr
};

int command_run(const RunOptions& o);
int command_check(const std::string& spec);

} // namespace archplan::cli
