// The smallest single change that meets an unmet requirement, found by search on the model:
// each knob is raised from its value until the requirement is met (exponential probe, then bisection).
#include "archplan/analysis/search.hpp"

#include "archplan/analysis/analysis.hpp"
#include "archplan/spec/knobs.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <functional>

namespace archplan::analysis {

Raised raise_until_met(int from, int limit, bool from_builds, const std::function<Probe(int)>& probe) {
    Raised r;
    r.best = from;
    bool built = from_builds; // a build error is the wall above only once some value has built
    if (limit <= from) {
        r.why_not = "already at its limit";
        return r;
    }
    int lo = from, hi = from + 1;
    Probe at_hi;
    while (true) {
        at_hi = probe(hi);
        if (at_hi.met) break;
        if (!at_hi.build_error.empty() && !built) {
            // Too few to wire yet (8+2 inside a server needs 10 drives): keep going up.
            r.why_not = fmt::format("at {} the design cannot be built: {}", hi, at_hi.build_error);
            lo = hi;
            if (hi == limit) return r;
            hi = std::min(limit, from + 2 * (hi - from));
            continue;
        }
        if (!at_hi.build_error.empty()) {
            // Past what can be wired: find the largest value that still builds; it is the best this knob can do.
            int good = lo, bad = hi;
            std::string reason = at_hi.build_error;
            Probe at_good{};
            while (bad - good > 1) {
                int mid = good + (bad - good) / 2;
                auto m = probe(mid);
                if (m.build_error.empty()) {
                    good = mid;
                    at_good = m;
                } else {
                    bad = mid;
                    reason = m.build_error;
                }
            }
            if (good > lo && at_good.met) {
                hi = good;
                at_hi = at_good;
                break;
            }
            r.best = good;
            r.why_not = good > from
                            ? fmt::format("not met at {}, the largest value that can be built; at {}: {}", good, bad, reason)
                            : fmt::format("at {} the design cannot be built: {}", bad, reason);
            return r;
        }
        built = true;
        lo = hi;
        r.best = hi;
        if (hi == limit) {
            r.why_not = fmt::format("not met even at {}", limit);
            return r;
        }
        hi = std::min(limit, from + 2 * (hi - from));
    }
    while (hi - lo > 1) {
        int mid = lo + (hi - lo) / 2;
        auto m = probe(mid);
        if (m.met) {
            hi = mid;
            at_hi = m;
        } else {
            lo = mid;
        }
    }
    r.met_at = hi;
    r.at = at_hi;
    return r;
}

namespace {

// A knob as the search sees it: where it starts and how far it may go.
struct Knob {
    spec::Knob knob;
    int from;
    int limit;
};

int count_of(const spec::Knob& k, const spec::Spec& spec) { return static_cast<int>(k.get(spec)); }

// The search's own window for each knob, inside the table's bounds.
int window(const spec::Knob& k, int from) {
    switch (k.kind) {
    case spec::KnobKind::storage_servers: return static_cast<int>(std::min(k.hi, std::max(from * 16.0, from + 64.0)));
    case spec::KnobKind::drives_per_server: return static_cast<int>(std::min(k.hi, std::max(from * 4.0, from + 8.0)));
    default: return static_cast<int>(k.hi);
    }
}

// The knobs that can move a bandwidth requirement: its storage system's servers, drives and NIC ports, its
// compute group's NIC ports, the uplinks of the leaves on either end, and the aggregation uplinks of a
// three-tier network its compute group is attached to.
std::vector<Knob> bandwidth_knobs(const spec::Spec& spec, const spec::BandwidthRequirement& req) {
    std::vector<Knob> out;
    auto all = spec::knobs(spec);
    auto add = [&](spec::KnobKind kind, const std::function<bool(const spec::Knob&)>& pick) {
        for (const auto& k : all)
            if (k.kind == kind && pick(k)) out.push_back({k, count_of(k, spec), window(k, count_of(k, spec))});
    };
    auto storage = static_cast<std::size_t>(spec.find_storage(req.to) - spec.storage.data());
    auto compute = static_cast<std::size_t>(spec.find_compute(req.from) - spec.compute.data());
    auto of_storage = [&](const spec::Knob& k) { return k.owner == storage; };
    add(spec::KnobKind::storage_servers, of_storage);
    add(spec::KnobKind::drives_per_server, of_storage);
    add(spec::KnobKind::server_nic_ports, of_storage);
    add(spec::KnobKind::compute_nic_ports, [&](const spec::Knob& k) { return k.owner == compute; });
    for (const auto& k : all) {
        if (k.kind != spec::KnobKind::leaf_uplinks && k.kind != spec::KnobKind::aggregation_uplinks) continue;
        const auto& net = spec.networks[k.owner];
        bool attached =
            std::any_of(net.leaves.begin(), net.leaves.end(), [&](const spec::LeafShape& x) { return x.hosts(req.from); });
        bool wanted = k.kind == spec::KnobKind::leaf_uplinks
                          ? net.leaves[k.shape].hosts(req.from) || net.leaves[k.shape].hosts(req.to)
                          : attached;
        if (wanted) out.push_back({k, count_of(k, spec), window(k, count_of(k, spec))});
    }
    return out;
}

// The smallest value of one knob that meets the requirement, as a Change.
Change search(const spec::Spec& spec, const Knob& k, const std::function<Probe(int)>& meets) {
    Change ch{k.knob.path, k.knob.what, k.from, 0, k.limit, "", BytesPerSecond(0)};
    auto r = raise_until_met(k.from, k.limit, true, meets);
    if (!r.met_at) {
        ch.why_not = r.why_not;
        return ch;
    }
    ch.to = k.knob.settable(spec, *r.met_at);
    ch.achievable_at_to = r.at.achievable;
    return ch;
}

void order(std::vector<Change>& changes) {
    std::stable_sort(changes.begin(), changes.end(), [](const Change& a, const Change& b) {
        if ((a.to == 0) != (b.to == 0)) return a.to != 0;
        if (a.to == 0) return false;
        return static_cast<double>(a.to - a.from) / a.from < static_cast<double>(b.to - b.from) / b.from;
    });
}

} // namespace

std::vector<Fix> find_fixes(const spec::Spec& spec, const Analysis& a) {
    std::vector<Fix> fixes;
    // Re-analyses the spec with one knob changed; the requirement is met when the one verdict says so.
    auto probe = [&](const Knob& knob, const std::string& id, int v) -> Probe {
        spec::Spec trial = spec;
        knob.knob.set(trial, v);
        auto built = model::build(trial); // it must still be wirable
        if (!built.graph) return {false, BytesPerSecond(0), built.diagnostics.items().front().message};
        auto t = analyse(trial, *built.graph, AnalyseOptions{false, false, false});
        auto missing = unmet(t);
        Probe p{std::find(missing.begin(), missing.end(), id) == missing.end(), BytesPerSecond(0), {}};
        for (const auto& b : t.bandwidth)
            if (t.requirement(b).id == id) p.achievable = b.routed.achievable;
        return p;
    };
    auto fix_for = [&](const std::string& id, const std::vector<Knob>& knobs) {
        Fix fix{id, {}};
        for (const auto& knob : knobs) fix.changes.push_back(search(spec, knob, [&](int v) { return probe(knob, id, v); }));
        order(fix.changes);
        fixes.push_back(std::move(fix));
    };
    for (const auto& b : a.bandwidth)
        if (!b.met) fix_for(a.requirement(b).id, bandwidth_knobs(spec, a.requirement(b)));
    for (const auto& c : a.capacity) {
        if (c.met) continue;
        std::vector<Knob> knobs;
        for (const auto& k : spec::knobs(spec)) {
            if (k.owner != c.storage) continue;
            int from = count_of(k, spec);
            if (k.kind == spec::KnobKind::storage_servers)
                knobs.push_back(
                    {k, from, static_cast<int>(std::clamp(c.servers_needed, from + 1.0, std::max(k.hi, from + 1.0)))});
            else if (k.kind == spec::KnobKind::drives_per_server)
                knobs.push_back({k, from, window(k, from)});
        }
        fix_for(a.requirement(c).id, knobs);
    }
    return fixes;
}

} // namespace archplan::analysis
