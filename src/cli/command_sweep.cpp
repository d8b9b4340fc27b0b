// archplan sweep SPEC --vary PATH=... [...]; archplan sweep merge SHARD.json...
#include "commands.hpp"
#include "pipeline.hpp"

#include "archplan/report/report.hpp"

#include "archplan/document/document.hpp"
#include "archplan/sweep/sweep.hpp"
#include "archplan/units/units.hpp"

#include <atomic>
#include <cmath>
#include <csignal>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>
#include <unistd.h>

namespace archplan::cli {

namespace {

std::atomic<bool> g_interrupted{false};
extern "C" void on_interrupt(int) { g_interrupted.store(true); }

std::string point_text(const sweep::Result& r, std::size_t index) {
    std::string out = fmt::format("#{}", index);
    for (const auto& pt : r.points)
        if (pt.index == index)
            for (std::size_t a = 0; a < r.parameters.axes.size(); ++a)
                out += fmt::format("{}{} = {}", a == 0 ? " (" : ", ", r.parameters.axes[a].path,
                                   r.parameters.axes[a].share ? units::format_percent(pt.values[a])
                                                              : units::format_count(pt.values[a]));
    return out + (r.parameters.axes.empty() ? "" : ")");
}

void summary(const sweep::Result& r, std::ostream& out) {
    std::size_t feasible = 0, met = 0;
    for (const auto& pt : r.points) {
        feasible += pt.feasible ? 1 : 0;
        met += pt.all_met ? 1 : 0;
    }
    std::string shape;
    for (const auto& a : r.parameters.axes)
        shape += (shape.empty() ? "" : r.parameters.lockstep ? " | " : " x ") + std::to_string(a.values.size());
    out << fmt::format("archplan sweep: {} variants of {} ({}{}), {} evaluated{}, {} feasible, {} meet every requirement\n",
                       r.total, r.parameters.spec, shape, r.parameters.lockstep ? ", in lockstep" : "", r.points.size(),
                       r.complete ? "" : " (interrupted)", feasible, met);
    for (std::size_t o = 0; o < r.parameters.objectives.size(); ++o) {
        const auto& obj = r.parameters.objectives[o];
        if (!r.best[o]) {
            out << fmt::format("  best {}: no feasible variant has it\n", obj.text);
            continue;
        }
        double v = 0;
        for (const auto& pt : r.points)
            if (pt.index == *r.best[o]) v = pt.figure(obj.key).value_or(0);
        out << fmt::format("  best {}: {}: {}\n", obj.text, point_text(r, *r.best[o]),
                           document::format_named(v, r.units.at(obj.key)));
    }
    if (r.parameters.objectives.size() >= 2) {
        out << fmt::format("  Pareto front ({} objectives, ties to the lowest index): {} variant{}\n",
                           r.parameters.objectives.size(), r.front.size(), r.front.size() == 1 ? "" : "s");
        for (auto i : r.front) out << "    " << point_text(r, i) << "\n";
    }
}

// sweep.json, sweep.csv, and sweep.html (the summary and, with two objectives, the scatter, also as sweep.svg).
std::vector<std::pair<std::string, std::string>> sweep_files(const sweep::Result& r, const spec::Spec* base) {
    std::vector<std::pair<std::string, std::string>> files{{"sweep.json", sweep::to_json(r)}, {"sweep.csv", sweep::to_csv(r)}};
    auto sc = sweep::scatter(r, base);
    auto text = rendered([&](std::ostream& s) { summary(r, s); });
    files.emplace_back("sweep.html", rendered([&](std::ostream& s) { report::render_sweep_html(text, sc ? &*sc : nullptr, s); }));
    if (sc) files.emplace_back("sweep.svg", report::svg_scatter(*sc));
    return files;
}

int write_outputs(const sweep::Result& r, const std::string& format, const std::string& dir,
                  const std::vector<std::pair<std::string, std::string>>& files) {
    if (format == "json")
        std::cout << sweep::to_json(r);
    else if (format == "csv")
        std::cout << sweep::to_csv(r);
    else
        summary(r, std::cout);
    if (dir.empty()) return all_met;
    if (auto error = write_reports(dir, files); !error.empty()) {
        std::cerr << fmt::format("archplan: error: {}\n", error);
        return internal_error;
    }
    return all_met;
}

int merge(const SweepOptions& o) {
    std::vector<sweep::Result> shards;
    for (std::size_t i = 1; i < o.args.size(); ++i) {
        std::ifstream in(o.args[i], std::ios::binary);
        if (!in) {
            std::cerr << fmt::format("{}: error: cannot open the shard\n", o.args[i]);
            return bad_input;
        }
        std::ostringstream text;
        text << in.rdbuf();
        std::string error;
        auto r = sweep::from_json(text.str(), error);
        if (!r) {
            std::cerr << fmt::format("{}: error: {}\n", o.args[i], error);
            return bad_input;
        }
        shards.push_back(std::move(*r));
    }
    sweep::Result merged;
    if (auto error = sweep::merge(shards, merged); !error.empty()) {
        std::cerr << fmt::format("archplan: error: sweep merge: {}\n", error);
        return bad_input;
    }
    if (auto error = sweep::finish(merged); !error.empty()) {
        std::cerr << fmt::format("archplan: error: {}\n", error);
        return bad_input;
    }
    return write_outputs(merged, o.format, o.output_dir, sweep_files(merged, nullptr));
}

} // namespace

int command_sweep(const SweepOptions& o) {
    if (!o.args.empty() && o.args.front() == "merge") {
        if (o.args.size() < 2) {
            std::cerr << "archplan: error: sweep merge needs the shards' JSON files, e.g. 'archplan sweep merge out/sweep-*.json "
                         "-o out'\n";
            return bad_input;
        }
        return merge(o);
    }
    if (o.args.size() != 1) {
        std::cerr << "archplan: error: sweep takes one spec (or 'merge' and the shards' files)\n";
        return bad_input;
    }
    int code = 0;
    auto spec = read_spec_file(o.args.front(), std::cerr, code);
    if (!spec) return code;
    sweep::Parameters p;
    p.spec = o.args.front();
    p.lockstep = o.lockstep;
    p.ideal = o.ideal;
    p.scenarios = o.scenarios;
    std::string error;
    for (const auto& v : o.vary) {
        auto axis = sweep::parse_axis(*spec, v, error);
        if (!axis) {
            std::cerr << fmt::format("archplan: error: {}\n", error);
            return bad_input;
        }
        p.axes.push_back(std::move(*axis));
    }
    if (p.axes.empty()) {
        std::cerr << "archplan: error: sweep needs at least one --vary PATH=FROM..TO:STEP or PATH=a,b,c\n";
        return bad_input;
    }
    if (p.lockstep)
        for (const auto& a : p.axes)
            if (a.values.size() != p.axes.front().values.size()) {
                std::cerr << fmt::format("archplan: error: --lockstep needs axes of one length; '{}' has {} values, '{}' {}\n",
                                         p.axes.front().text, p.axes.front().values.size(), a.text, a.values.size());
                return bad_input;
            }
    for (const auto& t : o.objectives) {
        auto obj = sweep::parse_objective(t, error);
        if (!obj) {
            std::cerr << fmt::format("archplan: error: {}\n", error);
            return bad_input;
        }
        p.objectives.push_back(std::move(*obj));
    }
    std::size_t shard = 0, shards = 1;
    if (!o.shard.empty()) {
        unsigned k = 0, n = 0;
        char slash = 0, extra = 0;
        std::istringstream in(o.shard);
        if (!(in >> k >> slash >> n) || slash != '/' || (in >> extra) || n == 0 || k >= n) {
            std::cerr << fmt::format("archplan: error: --shard '{}': expected K/N with 0 <= K < N, e.g. 3/8\n", o.shard);
            return bad_input;
        }
        shard = k;
        shards = n;
    }
    if (sweep::variant_count(p) > 1'000'000) {
        std::cerr << fmt::format("archplan: error: the sweep has {} variants; at most 1,000,000\n", sweep::variant_count(p));
        return bad_input;
    }
    unsigned jobs = o.jobs > 0 ? static_cast<unsigned>(o.jobs) : std::max(1u, std::thread::hardware_concurrency());
    g_interrupted.store(false);
    auto previous = std::signal(SIGINT, on_interrupt);
    bool bar = ::isatty(STDERR_FILENO) != 0;
    auto r = sweep::run(*spec, p, jobs, shard, shards, &g_interrupted, [&](std::size_t done, std::size_t of) {
        if (bar)
            std::cerr << fmt::format("\r  {} / {} variants ({:.0f}%)", done, of,
                                     of ? 100.0 * static_cast<double>(done) / static_cast<double>(of) : 100.0)
                      << std::flush;
    });
    std::signal(SIGINT, previous);
    if (bar) std::cerr << "\n";
    if (auto e = sweep::finish(r); !e.empty()) {
        std::cerr << fmt::format("archplan: error: {}\n", e);
        return bad_input;
    }
    std::vector<std::pair<std::string, std::string>> files;
    if (shards > 1)
        files.emplace_back(fmt::format("sweep-{}-of-{}.json", shard, shards), sweep::to_json(r));
    else
        files = sweep_files(r, &*spec);
    int code_out = write_outputs(r, o.format, o.output_dir, files);
    if (code_out == internal_error) return code_out; // a write failure says more than the interruption
    if (!r.complete) {
        std::cerr << fmt::format("archplan: interrupted: {} of {} variants done; what was done is written\n", r.points.size(),
                                 (r.total + shards - 1 - shard) / shards);
        return 130;
    }
    return code_out;
}

int command_sensitivity(const SensitivityOptions& o) {
    int code = 0;
    auto spec = read_spec_file(o.spec, std::cerr, code);
    if (!spec) return code;
    auto by = units::parse_ratio(o.by).value;
    if (!by || !(*by > 0) || *by > 1 || (*by > 1 && o.by.find('%') == std::string::npos)) {
        std::cerr << fmt::format("archplan: error: --by '{}': expected a share above 0% and at most 100%, e.g. 10%\n", o.by);
        return bad_input;
    }
    unsigned jobs = o.jobs > 0 ? static_cast<unsigned>(o.jobs) : std::max(1u, std::thread::hardware_concurrency());
    std::string error;
    auto s = sweep::sensitivity(*spec, o.spec, o.knobs, *by, jobs, error);
    if (!s) {
        std::cerr << fmt::format("archplan: error: {}\n", error);
        return bad_input;
    }
    auto text = sweep::sensitivity_text(*s, o.top);
    auto json = sweep::sensitivity_json(*s);
    std::cout << (o.format == "json" ? json : text);
    if (o.output_dir.empty()) return all_met;
    if (auto e = write_reports(o.output_dir, {{"sensitivity.txt", text}, {"sensitivity.json", json}}); !e.empty()) {
        std::cerr << fmt::format("archplan: error: {}\n", e);
        return internal_error;
    }
    return all_met;
}

} // namespace archplan::cli
