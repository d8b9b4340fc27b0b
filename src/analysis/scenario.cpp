// Failure scenarios (see scenario.hpp).
#include "archplan/analysis/scenario.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace archplan::analysis {

using model::VertexKind;

std::vector<spec::Scenario> default_scenarios(const spec::Spec& spec) {
    std::vector<spec::Scenario> out;
    for (const auto& s : spec.storage) {
        spec::Scenario a;
        a.id = s.name + "-server-down";
        a.servers_down.emplace_back(s.name, 1);
        out.push_back(a);
        spec::Scenario b;
        b.id = s.name + "-drive-per-group-down";
        b.drives_down.emplace_back(s.name, 1);
        out.push_back(b);
    }
    for (const auto& n : spec.networks) {
        spec::Scenario c;
        c.id = n.name + (n.tiers == 2 ? "-spine-down" : "-core-down");
        c.top_switches_down.emplace_back(n.name, 1);
        out.push_back(c);
        for (const auto& l : n.leaves) {
            spec::Scenario d;
            d.id = l.group + "-leaf-down";
            d.leaves_down.emplace_back(l.group, 1);
            out.push_back(d);
        }
    }
    return out;
}

namespace {

std::string hours_text(double h) { return units::format_duration(units::Seconds(h * 3600)); }

struct Applied {
    Degradation d;
    std::vector<std::string> facts;
    std::vector<std::string> unavailable;                 // storage systems whose data is partly unreadable
    std::vector<std::pair<std::string, double>> read_amp; // storage system, device reads per byte read
    std::string description;
};

// Rebuild takes `share` of every surviving drive (and, when protection spans servers, of every
// surviving server NIC) until it is done.
void take_rebuild_share(const spec::StorageSystem& s, const model::SystemGraph& g, const model::EndpointGroup& grp,
                        Degradation& d, double share) {
    const auto& edges = g.edges();
    bool across = s.protection.where != spec::ProtectionWhere::server;
    for (std::uint32_t t = 0; t < grp.count; ++t) {
        if (d.dead[grp.first_vertex + t]) continue;
        for (auto e : g.out_edges(grp.first_ctrl + t))
            if (edges[e].target == grp.first_drives + t) d.capacity[e] *= 1 - share;
        for (auto e : g.out_edges(grp.first_drives + t)) d.capacity[e] *= 1 - share;
        if (across) {
            for (auto e : g.out_edges(grp.first_vertex + t))
                if (g.vertices()[edges[e].target].kind == VertexKind::leaf) d.capacity[e] *= 1 - share;
            for (auto e : g.in_edges(grp.first_vertex + t))
                if (g.vertices()[edges[e].source].kind == VertexKind::leaf) d.capacity[e] *= 1 - share;
        }
    }
}

double nic_payload(const spec::Spec& spec, const spec::StorageSystem& s) {
    for (const auto& net : spec.networks)
        for (const auto& l : net.leaves)
            if (l.group == s.name) return s.nic.ports * std::min(s.nic.rate.value(), net.link.value()) * net.efficiency;
    return s.nic.ports * s.nic.rate.value();
}

Applied apply(const spec::Spec& spec, const model::SystemGraph& g, const spec::Scenario& sc) {
    Applied a;
    const auto& edges = g.edges();
    a.d.dead.assign(g.vertex_count(), 0);
    a.d.capacity.resize(edges.size());
    for (std::size_t e = 0; e < edges.size(); ++e) a.d.capacity[e] = edges[e].capacity;
    std::vector<std::string> parts;

    for (const auto& [name, n] : sc.servers_down) {
        const auto& s = *spec.find_storage(name);
        const auto& grp = *g.find_group(name);
        int down = std::min<int>(n, static_cast<int>(grp.count));
        parts.push_back(fmt::format("{} server{} of '{}' down", down, down == 1 ? "" : "s", name));
        for (int t = 0; t < down; ++t) {
            auto i = static_cast<std::uint32_t>(t);
            a.d.dead[grp.first_vertex + i] = a.d.dead[grp.first_ctrl + i] = a.d.dead[grp.first_drives + i] = 1;
        }
        const auto& p = s.protection;
        int tolerated = p.is_replication() ? p.replicas - 1 : p.m;
        if (p.where == spec::ProtectionWhere::server) {
            a.unavailable.push_back(name);
            a.facts.push_back(
                fmt::format("'{}' protects data inside each server ({}), so the data on the failed server{} cannot be read "
                            "until {} back; new writes go to the {} others",
                            name, protection_label(p), down == 1 ? "" : "s", down == 1 ? "it is" : "they are",
                            grp.count - static_cast<std::uint32_t>(down)));
            continue;
        }
        if (down > tolerated) {
            a.facts.push_back(fmt::format(
                "{} servers down exceed the {} failures '{}' tolerates: stripes on all of them are lost", down, tolerated, name));
            a.unavailable.push_back(name);
            continue;
        }
        int k = p.is_replication() ? 1 : p.k;
        int width = p.is_replication() ? p.replicas : p.k + p.m;
        double used = s.drives.capacity.value() * s.fill_limit;
        double lost = down * s.drives.count * used;
        // Declustered over the survivors' drives (at most rebuild.width of them), as in the durability model.
        double survivors = static_cast<double>(grp.count) - down;
        double W = survivors * s.drives.count;
        if (s.rebuild.width > 0) W = std::min<double>(W, s.rebuild.width);
        double drive_time = (lost / W) * (k / s.drives.read.value() + 1.0 / s.drives.write.value()) / s.rebuild.share;
        double receivers = std::min(survivors, W);
        double net_time = k * lost / (s.rebuild.share * nic_payload(spec, s) * receivers);
        double t = std::max(drive_time, net_time) / 3600;
        take_rebuild_share(s, g, grp, a.d, s.rebuild.share);
        double amp = p.is_replication() ? 1.0 : 1.0 + (k - 1.0) * down * width / grp.count / width;
        a.read_amp.emplace_back(name, amp);
        a.facts.push_back(fmt::format(
            "Rebuilding {} of '{}' onto the {} survivors takes {} ({}-bound) with rebuild taking {} of their "
            "drives and NICs; reads cost {} device reads per byte ({})",
            units::format_size(units::Bytes(lost)), name, grp.count - static_cast<std::uint32_t>(down), hours_text(t),
            net_time > drive_time ? "network" : "drive", units::format_percent(s.rebuild.share), units::format_sig(amp),
            p.is_replication() ? "another replica serves what the failed servers held"
                               : (p.where == spec::ProtectionWhere::client
                                      ? "the client decodes lost chunks from k others, so the extra reads also cross the network"
                                      : "lost chunks are decoded from k others")));
    }

    for (const auto& [name, f] : sc.drives_down) {
        const auto& s = *spec.find_storage(name);
        const auto& grp = *g.find_group(name);
        const auto& p = s.protection;
        int k = p.is_replication() ? 1 : p.k;
        int width = p.is_replication() ? p.replicas : p.k + p.m;
        int tolerated = p.is_replication() ? p.replicas - 1 : p.m;
        parts.push_back(fmt::format("{} drive{} per protection group of '{}' down", f, f == 1 ? "" : "s", name));
        if (f > tolerated) {
            a.facts.push_back(
                fmt::format("{} failed drives per group exceed the {} '{}' tolerates: data is lost", f, tolerated, name));
            a.unavailable.push_back(name);
        }
        double lost_share = std::min(1.0, static_cast<double>(f) / width); // of each server's drives
        for (std::uint32_t t = 0; t < grp.count; ++t) {
            for (auto e : g.out_edges(grp.first_ctrl + t))
                if (edges[e].target == grp.first_drives + t) a.d.capacity[e] *= 1 - lost_share;
            for (auto e : g.out_edges(grp.first_drives + t)) a.d.capacity[e] *= 1 - lost_share;
        }
        take_rebuild_share(s, g, grp, a.d, s.rebuild.share);
        double amp = p.is_replication() ? 1.0 : 1.0 + static_cast<double>(f) / width * (k - 1);
        a.read_amp.emplace_back(name, amp);
        double used = s.drives.capacity.value() * s.fill_limit;
        double per_server_lost = lost_share * s.drives.count * used;
        double W = s.drives.count * (1 - lost_share);
        double t = s.rebuild.mode == spec::Rebuild::Mode::spare
                       ? used / (s.rebuild.share * std::min(s.drives.read.value(), s.drives.write.value()))
                       : (per_server_lost / W) * (k / s.drives.read.value() + 1.0 / s.drives.write.value()) / s.rebuild.share;
        bool network_bound = false;
        if (p.where != spec::ProtectionWhere::server) { // each server fetches k chunks per rebuilt byte over its NIC share
            double net = k * per_server_lost / (s.rebuild.share * nic_payload(spec, s));
            network_bound = net > t;
            t = std::max(t, net);
        }
        a.facts.push_back(fmt::format(
            "Every protection group of '{}' rebuilds at once: {} of {} drives per server failed ({} per group of {}), {} per "
            "server rebuilt over the {} left, done in {} ({}-bound) with rebuild taking {} of the drives{}; reads cost {} device "
            "reads per byte (1 + f/n x (k - 1); docs/models.md, failure scenarios; [37] in docs/references.md)",
            name, units::format_sig(lost_share * s.drives.count), s.drives.count, f, width,
            units::format_size(units::Bytes(per_server_lost)), units::format_sig(W), hours_text(t / 3600),
            network_bound ? "network" : "drive", units::format_percent(s.rebuild.share),
            p.where != spec::ProtectionWhere::server ? " and NICs" : "", units::format_sig(amp)));
    }

    for (const auto& [name, n] : sc.top_switches_down) {
        for (const auto& fab : g.fabrics())
            if (fab.name == name) {
                int down = std::min<int>(n, static_cast<int>(fab.top_switches.size()));
                for (int i = 0; i < down; ++i) a.d.dead[fab.top_switches[static_cast<std::size_t>(i)]] = 1;
                parts.push_back(fmt::format("{} {}{} of '{}' down", down, fab.tiers == 2 ? "spine" : "core switch",
                                            down == 1 ? "" : (fab.tiers == 2 ? "s" : "es"), name));
            }
    }
    for (const auto& [group, n] : sc.leaves_down) {
        int down = 0;
        for (const auto& leaf : g.leaves()) {
            const auto* net = &spec.networks[leaf.network];
            if (net->leaves[leaf.shape].group != group || down >= n) continue;
            a.d.dead[leaf.vertex] = 1;
            ++down;
        }
        parts.push_back(fmt::format("{} leaf switch{} of '{}' down", down, down == 1 ? "" : "es", group));
        if (spec.find_storage(group) != nullptr) {
            // Servers behind it are cut off, not failed: nothing is rebuilt, but their data is unreachable.
            const auto& s = *spec.find_storage(group);
            const auto& grp = *g.find_group(group);
            double cut_off = 0; // servers whose every port is on a failed leaf
            for (std::uint32_t t = 0; t < grp.count; ++t) {
                bool reachable = false;
                for (auto e : g.out_edges(grp.first_vertex + t))
                    if (g.vertices()[edges[e].target].kind == VertexKind::leaf && !a.d.dead[edges[e].target]) reachable = true;
                if (!reachable) ++cut_off;
            }
            bool all_cut = cut_off >= grp.count;
            const char* writes = all_cut ? " (no server of it is left to take writes)" : "; writes go to the others";
            int tolerated = s.protection.is_replication() ? s.protection.replicas - 1 : s.protection.m;
            if (s.protection.where == spec::ProtectionWhere::server) {
                a.unavailable.push_back(group);
                a.facts.push_back(
                    fmt::format("{} servers of '{}' behind the failed leaf are unreachable, and with protection inside "
                                "each server their data cannot be read until the leaf is back{}",
                                units::format_count(cut_off), group, writes));
            } else if (cut_off > tolerated) {
                a.unavailable.push_back(group);
                a.facts.push_back(fmt::format(
                    "{} servers of '{}' are cut off, more than the {} failures its protection tolerates: "
                    "data with {} on more of them than that cannot be read{}",
                    units::format_count(cut_off), group, tolerated, s.protection.is_replication() ? "copies" : "chunks", writes));
            } else {
                int k = s.protection.is_replication() ? 1 : s.protection.k;
                double amp = s.protection.is_replication() ? 1.0 : 1.0 + (k - 1.0) * cut_off / grp.count;
                a.read_amp.emplace_back(group, amp);
                a.facts.push_back(fmt::format(
                    "{} servers of '{}' behind the failed leaf are unreachable; {}, so reads cost {} device "
                    "reads per byte",
                    units::format_count(cut_off), group,
                    s.protection.is_replication() ? "other replicas serve their data" : "their chunks are decoded from k others",
                    units::format_sig(amp)));
            }
        }
    }
    for (const auto& part : parts) a.description += (a.description.empty() ? "" : ", ") + part;
    return a;
}

} // namespace

std::vector<ScenarioResult> analyse_scenarios(const spec::Spec& spec, const model::SystemGraph& g,
                                              const std::vector<BandwidthResult>& healthy) {
    std::vector<spec::Scenario> all = spec.default_scenarios ? default_scenarios(spec) : std::vector<spec::Scenario>{};
    all.insert(all.end(), spec.scenarios.begin(), spec.scenarios.end());
    std::vector<ScenarioResult> out;
    for (const auto& sc : all) {
        auto applied = apply(spec, g, sc);
        ScenarioResult res;
        res.scenario = sc;
        res.description = applied.description;
        res.facts = applied.facts;
        for (const auto& b : healthy) {
            const auto& req = spec.bandwidth[b.requirement];
            ScenarioRow row;
            row.requirement = req.id;
            bool unreadable =
                std::find(applied.unavailable.begin(), applied.unavailable.end(), req.to) != applied.unavailable.end();
            if (unreadable && req.direction == spec::Direction::read) {
                row.note = "part of the data is unavailable";
                res.rows.push_back(row);
                continue;
            }
            applied.d.drive_read_amp = 1.0;
            if (req.direction == spec::Direction::read)
                for (const auto& [name, amp] : applied.read_amp)
                    if (name == req.to) applied.d.drive_read_amp = amp;
            auto r = route(spec, g, req, b.required, &applied.d);
            // Uniform striping can suffer an imbalance a failure happens to remove; no failure is credited with that.
            row.achievable = BytesPerSecond(std::min(r.achievable.value(), b.routed.achievable.value()));
            row.met = meets(row.achievable.value(), b.required.value());
            if (!r.classes.empty()) row.bottleneck = g.classes()[r.classes.front().cls].name;
            if (r.achievable.value() > b.routed.achievable.value() * (1 + k_met_tol))
                row.note = "routed figure capped at the healthy one";
            if (!r.routed_all) row.note = "no path left between some of the endpoints, or none of one side is reachable";
            res.rows.push_back(row);
        }
        out.push_back(res);
    }
    return out;
}

} // namespace archplan::analysis
