// Sweeps: parameters, the evaluation of variants on threads, objectives and the Pareto front, and sweep.json /
// sweep.csv, which merging shards reads back.
#include "archplan/sweep/sweep.hpp"

#include "archplan/compare/compare.hpp"
#include "archplan/model/system_graph.hpp"
#include "archplan/plan/evaluate.hpp"
#include "archplan/spec/knobs.hpp"
#include "archplan/units/units.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <fmt/format.h>
#include <limits>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

namespace archplan::sweep {

namespace {

using json = nlohmann::ordered_json;

// A value of a knob: a whole number for a count, a ratio ("50%" or 0.5) for a share.
std::optional<double> parse_value(const spec::Knob& k, const std::string& text, std::string& error) {
    if (k.is_count()) {
        char* end = nullptr;
        long v = std::strtol(text.c_str(), &end, 10);
        if (text.empty() || *end != '\0') {
            error = fmt::format("'{}' is not a whole number for {} ({})", text, k.path, k.what);
            return std::nullopt;
        }
        auto d = static_cast<double>(v);
        if (d < k.lo || d > k.hi) {
            error = fmt::format("{} = {} is outside its bounds, {} to {}", k.path, v, k.lo, k.hi);
            return std::nullopt;
        }
        return d;
    }
    auto r = units::parse_ratio(text);
    if (!r.value) {
        error = fmt::format("'{}' is not a share for {}: {}", text, k.path, r.error);
        return std::nullopt;
    }
    if (*r.value < k.lo || *r.value > k.hi) {
        error = fmt::format("{} = {} is outside its bounds, {} to {}", k.path, text, units::format_percent(k.lo),
                            units::format_percent(k.hi));
        return std::nullopt;
    }
    return *r.value;
}

} // namespace

std::optional<double> Point::figure(const std::string& key) const {
    for (const auto& [k, v] : figures)
        if (k == key) return v;
    return std::nullopt;
}

namespace {

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    std::size_t at = 0;
    for (;;) {
        auto next = s.find(sep, at);
        out.push_back(s.substr(at, next == std::string::npos ? std::string::npos : next - at));
        if (next == std::string::npos) return out;
        at = next + 1;
    }
}

} // namespace

std::optional<Axis> parse_axis(const spec::Spec& spec, const std::string& arg, std::string& error) {
    auto eq = arg.find('=');
    if (eq == std::string::npos) {
        error = fmt::format("--vary '{}': expected PATH=FROM..TO:STEP or PATH=a,b,c", arg);
        return std::nullopt;
    }
    Axis a{arg.substr(0, eq), {}, arg, false};
    auto found = spec::find_knob(spec, a.path);
    if (!found.knob) {
        error = fmt::format("--vary '{}': '{}' is not a knob of this design (docs/spec.md, Knob paths){}", arg, a.path,
                            found.nearest.empty() ? std::string() : "; did you mean '" + found.nearest + "'?");
        return std::nullopt;
    }
    const auto& k = *found.knob;
    a.share = !k.is_count();
    auto rest = arg.substr(eq + 1);
    if (auto dots = rest.find(".."); dots != std::string::npos) {
        auto colon = rest.find(':', dots);
        auto to_text = rest.substr(dots + 2, colon == std::string::npos ? std::string::npos : colon - dots - 2);
        auto from_v = parse_value(k, rest.substr(0, dots), error);
        auto to_v = from_v ? parse_value(k, to_text, error) : std::nullopt;
        if (!from_v || !to_v) {
            error = fmt::format("--vary '{}': {}", arg, error);
            return std::nullopt;
        }
        double from = *from_v, to = *to_v, step = k.is_count() ? 1.0 : 0.0;
        if (colon != std::string::npos) {
            auto step_text = rest.substr(colon + 1);
            if (k.is_count()) {
                char* end = nullptr;
                long whole = std::strtol(step_text.c_str(), &end, 10);
                step = !step_text.empty() && *end == '\0' ? static_cast<double>(whole) : 0.0;
            } else {
                step = units::parse_ratio(step_text).value.value_or(0.0);
                // A bare number is a fraction, as in a spec: ':10' would be a step of 1,000%.
                if (step > 1.0 && step_text.find('%') == std::string::npos) step = 0.0;
            }
        }
        if (!(step > 0)) {
            error =
                fmt::format("--vary '{}': the step must be {}", arg,
                            k.is_count() ? "a positive whole number" : "a positive share (a share needs one, e.g. :10% or :0.1)");
            return std::nullopt;
        }
        if (to < from) {
            error = fmt::format("--vary '{}': the range is empty ({} is above {})", arg, rest.substr(0, dots), to_text);
            return std::nullopt;
        }
        // Whole steps from `from`; the last at most `to` (to 1e-9, so 0.1 steps reach 0.5).
        for (int i = 0;; ++i) {
            double v = from + i * step;
            if (v > to * (1 + 1e-9) + 1e-12) break;
            a.values.push_back(std::clamp(k.is_count() ? std::round(v) : v, k.lo, k.hi)); // rounding never leaves the bounds
            if (a.values.size() > 100'000) {
                error = fmt::format("--vary '{}': more than 100,000 values", arg);
                return std::nullopt;
            }
        }
    } else {
        for (const auto& t : split(rest, ',')) {
            auto v = parse_value(k, t, error);
            if (!v) {
                error = fmt::format("--vary '{}': {}", arg, error);
                return std::nullopt;
            }
            a.values.push_back(*v);
        }
    }
    if (a.values.empty()) {
        error = fmt::format("--vary '{}': no values", arg);
        return std::nullopt;
    }
    return a;
}

std::optional<Objective> parse_objective(const std::string& arg, std::string& error) {
    auto colon = arg.find(':');
    auto sense = arg.substr(0, colon);
    if (colon == std::string::npos || (sense != "max" && sense != "min") || colon + 1 == arg.size()) {
        error = fmt::format("--objective '{}': expected max:KEY or min:KEY, e.g. max:requirement/ckpt-write/achievable", arg);
        return std::nullopt;
    }
    return Objective{sense == "max", arg.substr(colon + 1), arg};
}

std::size_t variant_count(const Parameters& p) {
    if (p.axes.empty()) return 0;
    if (p.lockstep) return p.axes.front().values.size();
    // Saturating: a product past what size_t holds counts as its largest value (and is refused as too many).
    std::size_t n = 1;
    for (const auto& a : p.axes) {
        if (a.values.empty()) return 0;
        if (n > std::numeric_limits<std::size_t>::max() / a.values.size()) return std::numeric_limits<std::size_t>::max();
        n *= a.values.size();
    }
    return n;
}

std::vector<double> values_of(const Parameters& p, std::size_t index) {
    std::vector<double> v(p.axes.size());
    for (std::size_t i = p.axes.size(); i-- > 0;) {
        const auto& vals = p.axes[i].values;
        if (p.lockstep) {
            v[i] = vals[index];
        } else {
            v[i] = vals[index % vals.size()];
            index /= vals.size();
        }
    }
    return v;
}

namespace {

// One variant, evaluated; the figures are the rows a comparison reads (numbers, and verdicts as 1 or 0).
Point evaluate_point(const spec::Spec& base, const Parameters& p, std::size_t index, plan::GraphCache& cache,
                     std::vector<compare::Row>* rows_out) {
    Point pt;
    pt.index = index;
    pt.values = values_of(p, index);
    spec::Variant v{"sweep", {}, {}};
    for (std::size_t i = 0; i < p.axes.size(); ++i) v.set.push_back({p.axes[i].path, pt.values[i], {}});
    plan::Options options;
    options.analyse.ideal = p.ideal;
    options.analyse.scenarios = p.scenarios;
    options.analyse.fixes = false;
    auto ev = plan::evaluate(spec::with_variant(base, v), options, cache);
    if (!ev.value) {
        pt.error = ev.diagnostics.items().empty() ? ev.sizing_problem : ev.diagnostics.items().front().message;
        return pt;
    }
    pt.feasible = true;
    pt.all_met = ev.value->all_met();
    auto rows = compare::rows_of(ev.value->report);
    for (const auto& r : rows) {
        if (r.cell.value)
            pt.figures.emplace_back(r.key, r.cell.value->value);
        else if (r.cell.met)
            pt.figures.emplace_back(r.key, *r.cell.met ? 1.0 : 0.0);
    }
    if (rows_out) *rows_out = std::move(rows);
    cache.keep(std::move(*ev.value));
    return pt;
}

// The order to evaluate this shard's variants in: those with the same wiring together (the axes of knobs that only
// set capacities vary fastest), so each thread's graph cache builds once per wiring. Reports keep index order.
std::vector<std::size_t> schedule(const spec::Spec& base, const Parameters& p, const std::vector<std::size_t>& mine) {
    std::vector<bool> wiring(p.axes.size());
    for (std::size_t a = 0; a < p.axes.size(); ++a) {
        auto k = spec::find_knob(base, p.axes[a].path).knob;
        wiring[a] = !k || !model::sets_only_capacities(k->kind);
    }
    std::vector<std::vector<double>> keys(mine.size());
    for (std::size_t i = 0; i < mine.size(); ++i) {
        auto v = values_of(p, mine[i]);
        for (std::size_t a = 0; a < v.size(); ++a)
            if (wiring[a]) keys[i].push_back(v[a]);
    }
    std::vector<std::size_t> order(mine.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return keys[a] < keys[b]; });
    return order;
}

void add_labels(Result& r, const std::vector<compare::Row>& rows) {
    for (const auto& row : rows) {
        if (!row.cell.value && !row.cell.met) continue;
        if (r.labels.emplace(row.key, row.label).second)
            r.units[row.key] = row.cell.value ? document::unit_name(row.cell.value->unit) : "met";
    }
}

// The figure keys in one canonical order, whatever the sharding: first seen walking the points by index.
void collect_keys(Result& r) {
    std::sort(r.points.begin(), r.points.end(), [](const Point& a, const Point& b) { return a.index < b.index; });
    r.keys.clear();
    std::set<std::string> seen;
    for (const auto& pt : r.points)
        for (const auto& f : pt.figures)
            if (seen.insert(f.first).second) r.keys.push_back(f.first);
}

} // namespace

Result run(const spec::Spec& base, const Parameters& p, unsigned jobs, std::size_t shard, std::size_t shards,
           const std::atomic<bool>* stop, const std::function<void(std::size_t, std::size_t)>& progress) {
    Result r;
    r.parameters = p;
    r.total = variant_count(p);
    r.shard = shard;
    r.shards = std::max<std::size_t>(shards, 1);
    std::vector<std::size_t> mine;
    for (std::size_t i = shard; i < r.total; i += r.shards) mine.push_back(i);
    std::vector<Point> done(mine.size());
    std::vector<char> finished(mine.size(), 0);
    std::vector<std::vector<compare::Row>> rows(mine.size());
    std::atomic<std::size_t> next{0}, count{0};
    std::mutex m;
    std::condition_variable changed;
    auto order = schedule(base, p, mine);
    auto worker = [&] {
        plan::GraphCache cache;
        for (;;) {
            if (stop && stop->load()) return;
            auto at = next.fetch_add(1);
            if (at >= mine.size()) return;
            auto i = order[at];
            try {
                done[i] = evaluate_point(base, p, mine[i], cache, &rows[i]);
            } catch (const std::exception& e) { // out of memory on a huge variant, say: that variant fails, not the sweep
                done[i] =
                    Point{mine[i], values_of(p, mine[i]), false, false, std::string("cannot be evaluated: ") + e.what(), {}};
            }
            {
                std::lock_guard<std::mutex> lock(m);
                finished[i] = 1;
                ++count;
            }
            changed.notify_one();
        }
    };
    jobs = std::max(1u, std::min<unsigned>(jobs, static_cast<unsigned>(std::max<std::size_t>(mine.size(), 1))));
    std::vector<std::thread> threads;
    for (unsigned t = 1; t < jobs; ++t) threads.emplace_back(worker);
    if (progress) {
        // The calling thread reports progress while the workers run, and works too when alone.
        std::thread reporter([&] {
            // Woken by each finished variant (at most ten lines a second), and at once when the last one is done.
            std::size_t shown = static_cast<std::size_t>(-1);
            std::unique_lock<std::mutex> lock(m);
            while (count.load() < mine.size() && !(stop && stop->load())) {
                if (count.load() != shown) {
                    shown = count.load();
                    lock.unlock();
                    progress(shown, mine.size());
                    lock.lock();
                }
                changed.wait_for(lock, std::chrono::milliseconds(100));
            }
            lock.unlock();
            progress(count.load(), mine.size());
        });
        worker();
        for (auto& t : threads) t.join();
        reporter.join();
    } else {
        worker();
        for (auto& t : threads) t.join();
    }
    for (std::size_t i = 0; i < mine.size(); ++i) {
        if (!finished[i]) {
            r.complete = false;
            continue;
        }
        add_labels(r, rows[i]);
        r.points.push_back(std::move(done[i]));
    }
    collect_keys(r);
    return r;
}

std::vector<std::size_t> pareto_front(const std::vector<std::vector<double>>& points) {
    // Lexicographically best first: whatever dominates a point comes before it, so comparing each point with the
    // front found so far suffices (a skyline scan: n log n plus n x the front, not n squared).
    std::vector<std::size_t> order(points.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return points[a] > points[b]; });
    auto dominates = [&](std::size_t a, std::size_t b) {
        bool one = false;
        for (std::size_t k = 0; k < points[a].size(); ++k) {
            if (points[a][k] < points[b][k]) return false;
            if (points[a][k] > points[b][k]) one = true;
        }
        return one;
    };
    std::vector<std::size_t> front;
    for (auto i : order)
        if (std::none_of(front.begin(), front.end(), [&](std::size_t f) { return dominates(f, i); })) front.push_back(i);
    std::sort(front.begin(), front.end());
    return front;
}

std::string finish(Result& r) {
    r.best.assign(r.parameters.objectives.size(), std::nullopt);
    r.front.clear();
    // An objective on no figure is a typo, when the whole sweep ran and some variant was evaluated; a shard or an
    // interrupted sweep may simply not have reached a variant that has it.
    bool whole =
        r.complete && r.shards == 1 && std::any_of(r.points.begin(), r.points.end(), [](const Point& pt) { return pt.feasible; });
    for (const auto& o : r.parameters.objectives)
        if (!r.labels.count(o.key) && whole) {
            auto near = spec::nearest(o.key, r.keys);
            return fmt::format("--objective '{}': no figure '{}' in this sweep{}", o.text, o.key,
                               near.empty() ? std::string() : "; did you mean '" + near + "'?");
        }
    std::vector<std::vector<double>> scored;
    std::vector<std::size_t> which;
    for (const auto& pt : r.points) {
        if (!pt.feasible) continue;
        std::vector<double> s;
        bool all = true;
        for (const auto& o : r.parameters.objectives) {
            auto v = pt.figure(o.key);
            if (!v) {
                all = false;
                break;
            }
            s.push_back(o.maximise ? *v : -*v);
        }
        if (!all) continue;
        scored.push_back(s);
        which.push_back(pt.index);
    }
    // The best per objective; ties go to the lowest variant index (the first in sweep order).
    for (std::size_t o = 0; o < r.parameters.objectives.size(); ++o) {
        std::optional<std::size_t> at; // position in `scored`
        for (std::size_t i = 0; i < scored.size(); ++i)
            if (!at || scored[i][o] > scored[*at][o]) at = i;
        if (at) r.best[o] = which[*at];
    }
    // The front; of variants with the very same objective values only the first (lowest index) stays, so the front
    // lists each trade-off once.
    if (r.parameters.objectives.size() >= 2) {
        std::vector<std::size_t> kept;
        for (auto i : pareto_front(scored)) {
            bool twin = std::any_of(kept.begin(), kept.end(), [&](std::size_t k) { return scored[k] == scored[i]; });
            if (!twin) {
                kept.push_back(i);
                r.front.push_back(which[i]);
            }
        }
    }
    return "";
}

std::string to_json(const Result& r) {
    const auto& p = r.parameters;
    json j{{"archplan_sweep", 1},         {"spec", p.spec},         {"axes", json::array()},
           {"lockstep", p.lockstep},      {"ideal", p.ideal},       {"scenarios", p.scenarios},
           {"objectives", json::array()}, {"total", r.total},       {"shard", r.shard},
           {"shards", r.shards},          {"complete", r.complete}, {"figures", json::array()},
           {"points", json::array()},     {"best", json::array()},  {"front", r.front}};
    for (const auto& a : p.axes)
        j["axes"].push_back(json{{"path", a.path}, {"text", a.text}, {"share", a.share}, {"values", a.values}});
    for (const auto& o : p.objectives) j["objectives"].push_back(json{{"sense", o.maximise ? "max" : "min"}, {"key", o.key}});
    for (const auto& k : r.keys) j["figures"].push_back(json{{"key", k}, {"label", r.labels.at(k)}, {"unit", r.units.at(k)}});
    for (const auto& pt : r.points) {
        json f = json::object();
        for (const auto& [k, v] : pt.figures) f[k] = v;
        j["points"].push_back(json{{"index", pt.index},
                                   {"values", pt.values},
                                   {"feasible", pt.feasible},
                                   {"all_met", pt.all_met},
                                   {"error", pt.error},
                                   {"figures", f}});
    }
    for (std::size_t o = 0; o < p.objectives.size(); ++o)
        j["best"].push_back(json{{"objective", p.objectives[o].text},
                                 {"index", r.best.size() > o && r.best[o] ? json(*r.best[o]) : json(nullptr)}});
    return j.dump(2) + "\n";
}

std::string to_csv(const Result& r) {
    std::string out = "index";
    for (const auto& a : r.parameters.axes) out += "," + document::csv_field(a.path);
    out += ",feasible,all_met,pareto";
    for (const auto& k : r.keys) out += "," + document::csv_field(k);
    out += ",error\n";
    for (const auto& pt : r.points) {
        out += std::to_string(pt.index);
        for (double v : pt.values) out += fmt::format(",{}", v);
        bool front = std::binary_search(r.front.begin(), r.front.end(), pt.index);
        out += fmt::format(",{},{},{}", pt.feasible ? 1 : 0, pt.all_met ? 1 : 0, front ? 1 : 0);
        for (const auto& k : r.keys) {
            auto v = pt.figure(k);
            out += v ? fmt::format(",{}", *v) : std::string(",");
        }
        out += "," + document::csv_field(pt.error) + "\n";
    }
    return out;
}

std::optional<Result> from_json(const std::string& text, std::string& error) {
    try {
        auto j = json::parse(text);
        if (!j.contains("archplan_sweep")) {
            error = "not a sweep result (no \"archplan_sweep\")";
            return std::nullopt;
        }
        Result r;
        auto& p = r.parameters;
        p.spec = j.at("spec").get<std::string>();
        for (const auto& a : j.at("axes"))
            p.axes.push_back({a.at("path").get<std::string>(), a.at("values").get<std::vector<double>>(),
                              a.at("text").get<std::string>(), a.at("share").get<bool>()});
        p.lockstep = j.at("lockstep").get<bool>();
        p.ideal = j.at("ideal").get<bool>();
        p.scenarios = j.at("scenarios").get<bool>();
        for (const auto& o : j.at("objectives")) {
            auto sense = o.at("sense").get<std::string>();
            auto key = o.at("key").get<std::string>();
            p.objectives.push_back({sense == "max", key, sense + ":" + key});
        }
        r.total = j.at("total").get<std::size_t>();
        r.shard = j.at("shard").get<std::size_t>();
        r.shards = j.at("shards").get<std::size_t>();
        r.complete = j.at("complete").get<bool>();
        for (const auto& f : j.at("figures")) {
            auto key = f.at("key").get<std::string>();
            r.keys.push_back(key);
            r.labels[key] = f.at("label").get<std::string>();
            r.units[key] = f.at("unit").get<std::string>();
        }
        for (const auto& x : j.at("points")) {
            Point pt;
            pt.index = x.at("index").get<std::size_t>();
            pt.values = x.at("values").get<std::vector<double>>();
            pt.feasible = x.at("feasible").get<bool>();
            pt.all_met = x.at("all_met").get<bool>();
            pt.error = x.at("error").get<std::string>();
            for (const auto& [k, v] : x.at("figures").items()) pt.figures.emplace_back(k, v.get<double>());
            r.points.push_back(std::move(pt));
        }
        return r;
    } catch (const std::exception& e) {
        error = fmt::format("not a sweep result: {}", e.what());
        return std::nullopt;
    }
}

std::string merge(const std::vector<Result>& shards, Result& out) {
    if (shards.empty()) return "no shards to merge";
    const auto& first = shards.front();
    auto same = [&](const Result& r) {
        return to_json(Result{r.parameters, r.total, 0, r.shards, true, {}, {}, {}, {}, {}, {}}) ==
               to_json(Result{first.parameters, first.total, 0, first.shards, true, {}, {}, {}, {}, {}, {}});
    };
    std::vector<char> seen(first.shards, 0);
    out = Result{};
    out.parameters = first.parameters;
    out.total = first.total;
    for (const auto& s : shards) {
        if (!same(s)) return "the shards are of different sweeps (spec, axes, objectives or shard count differ)";
        if (s.shard >= first.shards || seen[s.shard])
            return fmt::format("shard {}/{} is given twice or is out of range", s.shard, s.shards);
        seen[s.shard] = 1;
        out.complete = out.complete && s.complete;
        for (const auto& k : s.keys)
            if (out.labels.emplace(k, s.labels.at(k)).second) out.units[k] = s.units.at(k);
        out.points.insert(out.points.end(), s.points.begin(), s.points.end());
    }
    for (std::size_t k = 0; k < seen.size(); ++k)
        if (!seen[k]) return fmt::format("shard {}/{} is missing", k, first.shards);
    collect_keys(out);
    return "";
}

} // namespace archplan::sweep

namespace archplan::sweep {

std::optional<Sensitivity> sensitivity(const spec::Spec& base, const std::string& spec_name,
                                       const std::vector<std::string>& paths, double by, unsigned jobs, std::string& error) {
    Sensitivity s;
    s.spec = spec_name;
    s.by = by;
    std::vector<spec::Knob> chosen;
    if (paths.empty()) {
        chosen = spec::knobs(base);
    } else {
        for (const auto& p : paths) {
            auto found = spec::find_knob(base, p);
            if (!found.knob) {
                error = fmt::format("--knob '{}' is not a knob of this design (docs/spec.md, Knob paths){}", p,
                                    found.nearest.empty() ? std::string() : "; did you mean '" + found.nearest + "'?");
                return std::nullopt;
            }
            chosen.push_back(*found.knob);
        }
    }
    // Each knob's low and high value: a share of it, at least one step for a count, inside its bounds.
    for (const auto& k : chosen) {
        double v = k.get(base), lo = v * (1 - by), hi = v * (1 + by);
        if (k.is_count()) {
            lo = std::min(std::round(lo), v - 1);
            hi = std::max(std::round(hi), v + 1);
        }
        s.knobs.push_back({k.path, v, std::clamp(lo, k.lo, k.hi), std::clamp(hi, k.lo, k.hi), !k.is_count()});
    }
    // Which figures: the numeric rows with a direction, as a comparison reads them (evaluated as a sweep evaluates a
    // variant: no failure scenarios, no ideal flow, no search).
    plan::Options options;
    options.analyse.fixes = false;
    options.analyse.scenarios = false;
    options.analyse.ideal = false;
    auto ev = plan::evaluate(base, options);
    if (!ev.value) {
        error = "the design as written cannot be evaluated";
        return std::nullopt;
    }
    for (const auto& row : compare::rows_of(ev.value->report))
        if (row.cell.value && row.better != document::Better::neither)
            s.figures.push_back({row.key, row.label, document::unit_name(row.cell.value->unit), row.cell.value->value, {}});
    // Every variant, a one-point sweep: knob i at its low (2i) or high (2i + 1) value, on `jobs` threads.
    std::vector<Point> points(2 * chosen.size());
    std::atomic<std::size_t> next{0};
    auto worker = [&] {
        for (;;) {
            auto i = next.fetch_add(1);
            if (i >= points.size()) return;
            const auto& k = s.knobs[i / 2];
            Parameters p;
            p.axes.push_back({k.path, {i % 2 ? k.high : k.low}, "", k.share});
            try {
                auto r = run(base, p, 1, 0, 1, nullptr, nullptr);
                if (!r.points.empty()) points[i] = r.points.front();
            } catch (const std::exception& e) {
                points[i].error = e.what();
            }
        }
    };
    std::vector<std::thread> threads;
    for (unsigned t = 1; t < std::max(1u, jobs); ++t) threads.emplace_back(worker);
    worker();
    for (auto& t : threads) t.join();
    for (auto& f : s.figures) {
        for (std::size_t k = 0; k < s.knobs.size(); ++k) {
            Swing w{k, points[2 * k].feasible ? points[2 * k].figure(f.key) : std::nullopt,
                    points[2 * k + 1].feasible ? points[2 * k + 1].figure(f.key) : std::nullopt, 0};
            if (w.at_low && w.at_high)
                w.swing = std::fabs(*w.at_high - *w.at_low);
            else
                w.swing =
                    std::max(w.at_low ? std::fabs(*w.at_low - f.base) : 0.0, w.at_high ? std::fabs(*w.at_high - f.base) : 0.0);
            if (w.swing > 1e-9 * std::max(std::fabs(f.base), 1e-300)) f.ranking.push_back(w);
        }
        std::stable_sort(f.ranking.begin(), f.ranking.end(), [](const Swing& a, const Swing& b) { return a.swing > b.swing; });
    }
    return s;
}

std::string sensitivity_text(const Sensitivity& s, std::size_t top) {
    std::string out = fmt::format("archplan sensitivity: {}, each knob moved by {} (at least one step), the others as written\n",
                                  s.spec, units::format_percent(s.by));
    auto knob_value = [&](const SensitivityKnob& k, double v) {
        return k.share ? units::format_percent(v) : units::format_count(v);
    };
    for (const auto& f : s.figures) {
        out += fmt::format("\n{}: {}\n", f.label, document::format_named(f.base, f.unit));
        if (f.ranking.empty()) {
            out += "  no knob moves it\n";
            continue;
        }
        for (std::size_t i = 0; i < f.ranking.size() && i < top; ++i) {
            const auto& w = f.ranking[i];
            const auto& k = s.knobs[w.knob];
            out += fmt::format("  {:<44} {} -> {}  |  {} -> {}  (swing {})\n", k.path, knob_value(k, k.low),
                               w.at_low ? document::format_named(*w.at_low, f.unit) : "cannot be built", knob_value(k, k.high),
                               w.at_high ? document::format_named(*w.at_high, f.unit) : "cannot be built",
                               document::format_named(w.swing, f.unit));
        }
        if (auto more = f.ranking.size() > top ? f.ranking.size() - top : 0; more > 0)
            out += fmt::format("  ({} more {} it less)\n", more, more == 1 ? "knob moves" : "knobs move");
    }
    return out;
}

std::string sensitivity_json(const Sensitivity& s) {
    json j{{"archplan_sensitivity", 1}, {"spec", s.spec}, {"by", s.by}, {"knobs", json::array()}, {"figures", json::array()}};
    for (const auto& k : s.knobs)
        j["knobs"].push_back(json{{"path", k.path}, {"base", k.base}, {"low", k.low}, {"high", k.high}});
    for (const auto& f : s.figures) {
        json r = json::array();
        for (const auto& w : f.ranking)
            r.push_back(json{{"knob", s.knobs[w.knob].path},
                             {"at_low", w.at_low ? json(*w.at_low) : json(nullptr)},
                             {"at_high", w.at_high ? json(*w.at_high) : json(nullptr)},
                             {"swing", w.swing}});
        j["figures"].push_back(json{{"key", f.key}, {"label", f.label}, {"unit", f.unit}, {"base", f.base}, {"ranking", r}});
    }
    return j.dump(2) + "\n";
}

} // namespace archplan::sweep

namespace archplan::sweep {

std::optional<document::Scatter> scatter(const Result& r, const spec::Spec* base) {
    const auto& obj = r.parameters.objectives;
    if (obj.size() < 2) return std::nullopt;
    document::Scatter s;
    s.title = fmt::format("Sweep of {}: {} against {}", r.parameters.spec, obj[1].text, obj[0].text);
    s.x_label = obj[0].text;
    s.y_label = obj[1].text;
    s.x_unit = r.units.count(obj[0].key) ? r.units.at(obj[0].key) : "";
    s.y_unit = r.units.count(obj[1].key) ? r.units.at(obj[1].key) : "";
    auto label = [&](const Point& pt) {
        std::string out = fmt::format("#{}", pt.index);
        for (std::size_t a = 0; a < r.parameters.axes.size() && a < pt.values.size(); ++a)
            out +=
                fmt::format("{}{} = {}", a == 0 ? " (" : ", ", r.parameters.axes[a].path,
                            r.parameters.axes[a].share ? units::format_percent(pt.values[a]) : units::format_count(pt.values[a]));
        return out + (r.parameters.axes.empty() ? "" : ")");
    };
    std::set<std::size_t> front(r.front.begin(), r.front.end());
    for (const auto& pt : r.points) {
        if (!pt.feasible) continue;
        auto x = pt.figure(obj[0].key), y = pt.figure(obj[1].key);
        if (!x || !y) continue;
        s.points.push_back({*x, *y, label(pt), front.count(pt.index) > 0});
    }
    if (base) {
        // The design as written, evaluated as every variant was.
        Parameters none = r.parameters;
        none.axes.clear();
        plan::GraphCache cache;
        auto pt = evaluate_point(*base, none, 0, cache, nullptr);
        auto x = pt.figure(obj[0].key), y = pt.figure(obj[1].key);
        if (pt.feasible && x && y) s.baseline = document::ScatterPoint{*x, *y, "the design as written", false};
    }
    return s;
}

} // namespace archplan::sweep
