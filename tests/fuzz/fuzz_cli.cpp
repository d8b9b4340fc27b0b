// Fuzz target for the command line: the input is the arguments, one per line (at most 12, each at most 256 bytes),
// run through run_cli exactly as main runs them. Built with clang's libFuzzer (preset `fuzz`), and replayed in CI by
// the plain replay program. Every run must end with a documented exit code (0 to 3), never a crash or a hang.
//
// The runs happen in a scratch directory holding `s.yaml` (the customer spec) and `bad.yaml`, so arguments can name
// real specs. Output options (-o, --output, in every spelling) are dropped, so no run writes outside it.
#include "cli/commands.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

#ifndef ARCHPLAN_SOURCE_DIR
#error "ARCHPLAN_SOURCE_DIR must name the source tree (for specs/customer.yaml)"
#endif

namespace {

// An argument that could write files: -o and --output in every form CLI11 accepts (-oDIR, --output=DIR, and short
// flags run together, "-ho").
bool writes_files(const std::string& a) {
    if (a.rfind("--o", 0) == 0) return true;
    return a.size() >= 2 && a[0] == '-' && a[1] != '-' && a.find('o') != std::string::npos;
}

// The scratch directory, removed when the process ends.
struct Scratch {
    std::filesystem::path dir;
    ~Scratch() {
        std::error_code ec;
        std::filesystem::current_path(std::filesystem::temp_directory_path(), ec);
        std::filesystem::remove_all(dir, ec);
    }
};

void enter_scratch() {
    static Scratch scratch;
    if (!scratch.dir.empty()) return;
    namespace fs = std::filesystem;
    auto dir = fs::temp_directory_path() / ("archplan-fuzz-cli-" + std::to_string(::getpid()));
    scratch.dir = dir;
    fs::create_directories(dir);
    fs::copy_file(fs::path(ARCHPLAN_SOURCE_DIR) / "specs" / "customer.yaml", dir / "s.yaml",
                  fs::copy_options::overwrite_existing);
    std::ofstream(dir / "bad.yaml") << "archplan: 1\nrequirements: [\n";
    fs::current_path(dir);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    enter_scratch();
    std::vector<std::string> args{"archplan"};
    std::string line;
    std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
    bool drop_next = false;
    while (std::getline(in, line) && args.size() < 13) {
        if (line.size() > 256) line.resize(256);
        if (drop_next) {
            drop_next = false;
            continue;
        }
        if (writes_files(line)) {
            drop_next = line == "-o" || line == "--output"; // its value follows as the next argument
            continue;
        }
        args.push_back(line);
    }
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    // The reports and messages go nowhere; only the exit code is checked.
    std::ostringstream sink_out, sink_err;
    auto* out = std::cout.rdbuf(sink_out.rdbuf());
    auto* err = std::cerr.rdbuf(sink_err.rdbuf());
    int code = archplan::cli::run_cli(static_cast<int>(args.size()), argv.data());
    std::cout.rdbuf(out);
    std::cerr.rdbuf(err);
    if (code < 0 || code > 3) __builtin_trap();
    // A message for every failure: exit 2 and 3 always say why on stderr.
    if (code >= 2 && sink_err.str().empty()) __builtin_trap();
    return 0;
}
