// The smallest single change that meets an unmet requirement, found by search on the model:
// each knob is raised from its value until the requirement is met (exponential probe, then bisection).
#include "archplan/analysis/analysis.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <functional>

namespace archplan::analysis {

namespace {

struct Knob {
    std::string path;
    std::string what;
    int from;
    int limit;
    std::function<void(spec::Spec&, int)> set;
};

std::vector<Knob> bandwidth_knobs(const spec::Spec& spec, const spec::BandwidthRequirement& req) {
    std::vector<Knob> knobs;
    const auto* s = spec.find_storage(req.to);
    const auto* c = spec.find_compute(req.from);
    auto storage_index = static_cast<std::size_t>(s - spec.storage.data());
    auto compute_index = static_cast<std::size_t>(c - spec.compute.data());
    knobs.push_back({fmt::format("storage.{}.servers", s->name), fmt::format("servers of '{}'", s->name), s->servers,
                     std::min(1'000'000, std::max(s->servers * 16, s->servers + 64)),
                     [=](spec::Spec& sp, int v) { sp.storage[storage_index].servers = v; }});
    knobs.push_back({fmt::format("storage.{}.server.drives.count", s->name), fmt::format("drives per server of '{}'", s->name),
                     s->drives.count, std::max(s->drives.count * 4, s->drives.count + 8),
                     [=](spec::Spec& sp, int v) { sp.storage[storage_index].drives.count = v; }});
    knobs.push_back({fmt::format("storage.{}.server.nic", s->name), fmt::format("NIC ports per server of '{}'", s->name),
                     s->nic.ports, 64, [=](spec::Spec& sp, int v) { sp.storage[storage_index].nic.ports = v; }});
    knobs.push_back({fmt::format("compute.{}.storage_nic", c->name), fmt::format("storage NIC ports per node of '{}'", c->name),
                     c->storage_nic.ports, 64, [=](spec::Spec& sp, int v) { sp.compute[compute_index].storage_nic.ports = v; }});
    for (std::size_t n = 0; n < spec.networks.size(); ++n) {
        const auto& net = spec.networks[n];
        for (std::size_t l = 0; l < net.leaves.size(); ++l) {
            const auto& shape = net.leaves[l];
            if (shape.group != req.from && shape.group != req.to) continue;
            int limit = net.radix > 0 ? net.radix - shape.down : shape.down;
            knobs.push_back({fmt::format("network.{}.leaves.{}.up", net.name, shape.group),
                             fmt::format("uplinks per '{}' leaf of '{}'", shape.group, net.name), shape.up, limit,
                             [=](spec::Spec& sp, int v) { sp.networks[n].leaves[l].up = v; }});
        }
        bool attached =
            std::any_of(net.leaves.begin(), net.leaves.end(), [&](const spec::LeafShape& x) { return x.group == req.from; });
        if (net.tiers == 3 && attached) {
            int limit = net.radix > 0 ? net.radix - net.agg_down : net.agg_down;
            knobs.push_back({fmt::format("network.{}.aggregation.up", net.name),
                             fmt::format("uplinks per aggregation switch of '{}'", net.name), net.agg_up, limit,
                             [=](spec::Spec& sp, int v) { sp.networks[n].agg_up = v; }});
        }
    }
    return knobs;
}

struct Probe {
    bool met = false;
    BytesPerSecond achievable;
    std::string build_error; // set when the design cannot be built at this value
};

// Smallest v in (from, limit] with meets(v), assuming meets is monotone where the design can be built.
Change search(const Knob& k, const std::function<Probe(int)>& meets) {
    Change ch{k.path, k.what, k.from, 0, k.limit, "", BytesPerSecond(0)};
    if (k.limit <= k.from) {
        ch.why_not = "already at its limit";
        return ch;
    }
    int lo = k.from, hi = k.from + 1;
    Probe at_hi;
    while (true) {
        at_hi = meets(hi);
        if (at_hi.met) break;
        if (!at_hi.build_error.empty()) {
            // Past what can be wired: find the largest value that still builds; it is the best this knob can do.
            int good = lo, bad = hi;
            std::string reason = at_hi.build_error;
            Probe at_good{};
            while (bad - good > 1) {
                int mid = good + (bad - good) / 2;
                auto m = meets(mid);
                if (m.build_error.empty())
                    good = mid, at_good = m;
                else
                    bad = mid, reason = m.build_error;
            }
            if (good > lo && at_good.met) {
                hi = good;
                at_hi = at_good;
                break;
            }
            ch.why_not = good > k.from
                             ? fmt::format("not met at {}, the largest value that can be built; at {}: {}", good, bad, reason)
                             : fmt::format("at {} the design cannot be built: {}", bad, reason);
            return ch;
        }
        lo = hi;
        if (hi == k.limit) {
            ch.why_not = fmt::format("not met even at {}", k.limit);
            return ch;
        }
        hi = std::min(k.limit, k.from + 2 * (hi - k.from));
    }
    while (hi - lo > 1) {
        int mid = lo + (hi - lo) / 2;
        auto m = meets(mid);
        if (m.met)
            hi = mid, at_hi = m;
        else
            lo = mid;
    }
    ch.to = hi;
    ch.achievable_at_to = at_hi.achievable;
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

std::vector<Fix> find_fixes(const spec::Spec& spec, const std::vector<BandwidthResult>& bandwidth,
                            const std::vector<CapacityResult>& capacity) {
    std::vector<Fix> fixes;
    for (const auto& b : bandwidth) {
        if (b.met) continue;
        Fix fix{b.req->id, {}};
        for (const auto& knob : bandwidth_knobs(spec, *b.req)) {
            auto meets = [&](int v) -> Probe {
                spec::Spec trial = spec;
                knob.set(trial, v);
                auto built = model::build(trial);
                if (!built.graph) return {false, BytesPerSecond(0), built.diagnostics.items().front().message};
                const auto* req = &*std::find_if(trial.bandwidth.begin(), trial.bandwidth.end(),
                                                 [&](const spec::BandwidthRequirement& r) { return r.id == b.req->id; });
                auto r = analyse_bandwidth(trial, *built.graph, *req, false);
                return {r.met, r.routed.achievable, {}};
            };
            fix.changes.push_back(search(knob, meets));
        }
        order(fix.changes);
        fixes.push_back(std::move(fix));
    }
    for (const auto& c : capacity) {
        if (c.met) continue;
        Fix fix{c.req->id, {}};
        const auto* s = c.storage;
        auto si = static_cast<std::size_t>(s - spec.storage.data());
        std::vector<Knob> knobs{
            {fmt::format("storage.{}.servers", s->name), fmt::format("servers of '{}'", s->name), s->servers,
             std::max(c.servers_needed, s->servers + 1), [=](spec::Spec& sp, int v) { sp.storage[si].servers = v; }},
            {fmt::format("storage.{}.server.drives.count", s->name), fmt::format("drives per server of '{}'", s->name),
             s->drives.count, std::max(s->drives.count * 4, s->drives.count + 8),
             [=](spec::Spec& sp, int v) { sp.storage[si].drives.count = v; }}};
        for (const auto& knob : knobs) {
            auto meets = [&](int v) -> Probe {
                spec::Spec trial = spec;
                knob.set(trial, v);
                auto built = model::build(trial); // it must still be wirable
                if (!built.graph) return {false, BytesPerSecond(0), built.diagnostics.items().front().message};
                return {analyse_capacity(trial, *c.req).met, BytesPerSecond(0), {}};
            };
            fix.changes.push_back(search(knob, meets));
        }
        order(fix.changes);
        fixes.push_back(std::move(fix));
    }
    return fixes;
}

} // namespace archplan::analysis
