// Acceptance benchmarks (docs/acceptance.md): criteria derived from an evaluated design, the job files that measure
// each (IOR, elbencho, mdtest, fio, DLIO), and the judgement of their results. Pass rules use the slowest finisher,
// never an average.
#pragma once

#include "archplan/plan/evaluate.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace archplan::acceptance {

enum class Level { mandatory, target };
const char* level_name(Level l); // "mandatory", "target"

struct Criterion {
    std::string id; // "C1"
    Level level = Level::target;
    std::string title;      // "ckpt-write: aggregate write, file per process (IOR N-N)"
    std::string tool;       // "ior", "elbencho", "mdtest", "fio", "dlio"
    std::string operation;  // "write", "read", "create"
    double figure = 0;      // the pass figure: bytes/s (or creates/s for mdtest)
    bool per_file = false;  // every result file matching `results` must pass on its own (per server, per drive)
    std::string results;    // where its results go in RESULTS/: "C1.json", or a pattern "C5-*.json"
    std::string job;        // the job file in the pack that measures it
    std::string how;        // how it is measured and for how long
    std::string derivation; // where the figure comes from
    bool judged = true;     // false: judged by hand (DLIO's own accelerator-utilisation verdict)
};

struct Options {
    double tolerance = 0.10; // per-server and per-drive shares may fall this far below their figure
    double seconds = 300;    // each timed phase: IOR's stonewall, fio's runtime
};

struct Pack {
    std::vector<Criterion> criteria;
    std::vector<std::pair<std::string, std::string>> files; // README.md and the job files, by path in the pack
};

Pack pack(const plan::Evaluation& ev, const Options& options);

// Results read from one file: the figure it measured for an operation, and what it is.
struct Measured {
    std::optional<double> value; // bytes/s, or creates/s
    std::string source;          // "IOR summary bwMeanMIB", "fio group 'measure' write.bw_bytes", ...
    std::string error;           // why the file gives no figure
};
// Parses a result file by its tool: IOR JSON, fio JSON (the group figure), elbencho CSV ("MiB/s [last]"), mdtest text.
Measured measure(const std::string& tool, const std::string& operation, const std::string& text);

struct Verdict {
    std::string criterion;
    std::string file; // the result file judged ("" when none was found)
    std::optional<double> measured;
    bool pass = false;
    double gap = 0;   // measured / figure - 1
    std::string note; // the source of the figure, or why there is none
};

// Judges every criterion against the result files (name -> text) of RESULTS/. A criterion without a result file fails.
std::vector<Verdict> judge(const std::vector<Criterion>& criteria, const std::map<std::string, std::string>& results);

// Whether a file name matches a criterion's `results` ("C5-*.json": a prefix and a suffix around one '*').
bool matches(const std::string& pattern, const std::string& name);

} // namespace archplan::acceptance
