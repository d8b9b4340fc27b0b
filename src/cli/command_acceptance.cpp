// archplan acceptance SPEC -o DIR: the acceptance pack; archplan acceptance evaluate SPEC RESULTS/: its judgement.
#include "commands.hpp"
#include "pipeline.hpp"

#include "archplan/acceptance/acceptance.hpp"
#include "archplan/units/units.hpp"

#include <filesystem>
#include <fmt/format.h>
#include <iostream>

namespace archplan::cli {

namespace {

std::optional<plan::Evaluation> evaluate_spec(const std::string& path, int& code) {
    auto spec = read_spec_file(path, std::cerr, code);
    if (!spec) return std::nullopt;
    auto evaluated = plan::evaluate(std::move(*spec));
    if (!evaluated.value) {
        print_diagnostics(evaluated.diagnostics, std::cerr);
        code = bad_input;
        return std::nullopt;
    }
    return std::move(evaluated.value);
}

std::string figure_text(const acceptance::Criterion& c, double v) {
    return c.operation == "create" ? units::format_sig(v) + " creates/s" : units::format_rate(units::BytesPerSecond(v));
}

int evaluate(const AcceptanceOptions& o) {
    if (o.args.size() != 3) {
        std::cerr << "archplan acceptance: error: evaluate takes the spec and the results directory: 'archplan acceptance "
                     "evaluate SPEC RESULTS/'\n";
        return bad_input;
    }
    int code = 0;
    auto ev = evaluate_spec(o.args[1], code);
    if (!ev) return code;
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::is_directory(o.args[2], ec)) {
        std::cerr << fmt::format("{}: error: is not a directory of results\n", o.args[2]);
        return bad_input;
    }
    std::map<std::string, std::string> results;
    for (const auto& e : fs::directory_iterator(o.args[2], ec)) {
        if (!e.is_regular_file()) continue;
        auto text = read_regular_file(e.path().string(), std::cerr, "result file", std::size_t(256) << 20);
        if (!text) return bad_input;
        results[e.path().filename().string()] = *text;
    }
    auto p = acceptance::pack(*ev, {o.tolerance, o.seconds});
    auto verdicts = acceptance::judge(p.criteria, results);
    bool mandatory_ok = true;
    std::cout << fmt::format("archplan acceptance: {} against {}\n\n", o.args[1], o.args[2]);
    for (const auto& c : p.criteria) {
        if (!c.judged) {
            std::cout << fmt::format("{:<4} {:<9} BY HAND  {} (needs {})\n", c.id, acceptance::level_name(c.level), c.title,
                                     figure_text(c, c.figure));
            continue;
        }
        for (const auto& v : verdicts) {
            if (v.criterion != c.id) continue;
            if (!v.pass && c.level == acceptance::Level::mandatory) mandatory_ok = false;
            std::string measured = v.measured ? fmt::format("{} against {} ({}{:.1f}%)", figure_text(c, *v.measured),
                                                            figure_text(c, c.figure), v.gap >= 0 ? "+" : "", v.gap * 100)
                                              : v.note;
            std::cout << fmt::format("{:<4} {:<9} {:<8} {}{}: {}\n", c.id, acceptance::level_name(c.level),
                                     v.pass ? "PASS" : "FAIL", c.title, v.file.empty() ? "" : " [" + v.file + "]", measured);
        }
    }
    std::cout << (mandatory_ok ? "\nEvery mandatory criterion passes.\n" : "\nSome mandatory criterion FAILS.\n");
    return mandatory_ok ? all_met : not_met;
}

} // namespace

int command_acceptance(const AcceptanceOptions& o) {
    if (o.tolerance < 0 || o.tolerance >= 1) {
        std::cerr << "archplan acceptance: error: --tolerance must be from 0% to below 100%\n";
        return bad_input;
    }
    if (!o.args.empty() && o.args.front() == "evaluate") return evaluate(o);
    if (o.args.size() != 1) {
        std::cerr << "archplan acceptance: error: give one spec ('archplan acceptance SPEC -o DIR'), or 'evaluate SPEC "
                     "RESULTS/'\n";
        return bad_input;
    }
    int code = 0;
    auto ev = evaluate_spec(o.args.front(), code);
    if (!ev) return code;
    auto p = acceptance::pack(*ev, {o.tolerance, o.seconds});
    std::cout << p.files.front().second; // README.md, as run prints its summary whether or not -o is given
    if (o.output_dir.empty()) return all_met;
    if (auto error = write_reports(o.output_dir, p.files); !error.empty()) {
        std::cerr << fmt::format("archplan: error: {}\n", error);
        return internal_error;
    }
    return all_met;
}

} // namespace archplan::cli
