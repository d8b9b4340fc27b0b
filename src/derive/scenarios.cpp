// The failure-scenario table: each scenario's description and facts written out from its numbers.
#include "derive_internal.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <set>

namespace archplan::derive {

using analysis::ScenarioFact;
using analysis::ScenarioPart;
using units::format_count;
using units::format_percent;
using units::format_sig;

namespace {

std::string part_text(const spec::Spec& spec, const ScenarioPart& p) {
    bool one = p.count == 1;
    switch (p.kind) {
    case ScenarioPart::Kind::servers: return fmt::format("{} server{} of '{}' down", p.count, one ? "" : "s", p.name);
    case ScenarioPart::Kind::drives_per_group:
        return fmt::format("{} drive{} per protection group of '{}' down", p.count, one ? "" : "s", p.name);
    case ScenarioPart::Kind::pool_drives:
        return spec.find_storage(p.name)->protection.where == spec::ProtectionWhere::server
                   ? fmt::format("{} drive{} of one server of '{}' down", p.count, one ? "" : "s", p.name)
                   : fmt::format("{} drive{} of the pool of '{}' down", p.count, one ? "" : "s", p.name);
    case ScenarioPart::Kind::racks: {
        int per_rack = spec.find_storage(p.name)->per_rack;
        return fmt::format("{} rack{} of '{}' down ({} servers each)", p.count, one ? "" : "s", p.name, per_rack);
    }
    case ScenarioPart::Kind::top_switches:
        return fmt::format("{} {}{} of '{}' down", p.count, p.tiers == 2 ? "spine" : "core switch",
                           one ? "" : (p.tiers == 2 ? "s" : "es"), p.name);
    case ScenarioPart::Kind::leaves: {
        for (const auto& n : spec.networks)
            if (n.single_switch() && n.leaves.front().group == p.name) return fmt::format("the one switch of '{}' down", n.name);
        auto slash = p.name.find('/');
        if (slash != std::string::npos)
            return fmt::format("{} leaf switch{} of '{}' on '{}' down", p.count, one ? "" : "es", p.name.substr(slash + 1),
                               p.name.substr(0, slash));
        return fmt::format("{} leaf switch{} of '{}' down", p.count, one ? "" : "es", p.name);
    }
    case ScenarioPart::Kind::routers: return fmt::format("{} router{} of '{}' down", p.count, one ? "" : "s", p.name);
    }
    return {};
}

std::string fact_text(const spec::Spec& spec, const ScenarioFact& f) {
    const auto& s = *spec.find_storage(f.storage);
    const auto& p = s.protection;
    const char* bound = f.network_bound ? "network" : "drive";
    const char* writes = f.all_cut ? " (no server of it is left to take writes)" : "; writes go to the others";
    int width = p.width();
    // A rack takes its servers and, with them, as many chunks of a stripe as the placement lets it hold.
    std::string rack;
    const char* piece =
        p.is_replication() ? (f.domain_chunks == 1 ? "copy" : "copies") : (f.domain_chunks == 1 ? "chunk" : "chunks");
    if (f.racks > 0)
        rack = f.domains > 0
                   ? fmt::format("{} rack{} down takes at most {} x ceil({} / {} racks) = {} {} of a stripe (failure domain "
                                 "'rack'); ",
                                 f.racks, f.racks == 1 ? "" : "s", f.racks, width, f.domains, f.domain_chunks, piece)
                   : fmt::format("{} rack{} down takes its {} servers and up to {} {} of a stripe (placement over servers, "
                                 "not racks); ",
                                 f.racks, f.racks == 1 ? "" : "s", f.count, f.domain_chunks, piece);
    std::string pairs = s.ha.pairs() && f.racks > 0 ? " (each failover pair shares a rack, so both partners are down)" : "";
    switch (f.kind) {
    case ScenarioFact::Kind::servers_protected_inside:
        return fmt::format("{}'{}' protects data inside each server ({}), so the data on the failed server{}{} cannot be read "
                           "until {} back; new writes go to the {} others",
                           rack, f.storage, analysis::protection_label(p), f.count == 1 ? "" : "s", pairs,
                           f.count == 1 ? "it is" : "they are", f.survivors);
    case ScenarioFact::Kind::servers_beyond_tolerance:
        if (f.racks > 0)
            return fmt::format("{}more than the {} failures '{}' tolerates: that data cannot be read until the rack is back",
                               rack, f.tolerated, f.storage);
        return fmt::format("{} servers down exceed the {} failures '{}' tolerates: stripes on all of them are lost", f.count,
                           f.tolerated, f.storage);
    case ScenarioFact::Kind::servers_failover:
        return fmt::format(
            "'{}' keeps its servers in failover pairs on shared dual-ported drives: after a {} failover the partner of {} serves "
            "both halves through its one controller and NIC; {}; the stall is charged to a checkpoint or restart in flight "
            "(docs/models.md, failure scenarios)",
            f.storage, dur(f.failover.value()), f.count == 1 ? "the failed server" : "each failed server",
            f.skipped > 0 ? "new files skip the failed servers' targets (allocator avoid-degraded), while reads of data written "
                            "before take both halves through the partner"
                          : "new files still stripe over every target (allocator stripe-all), so the partner's two shares pace "
                            "every writer and reader");
    case ScenarioFact::Kind::servers_rebuild:
        return fmt::format(
            "{}Rebuilding {} of '{}' onto the {} survivors takes {} ({}-bound) with rebuild taking {} of their drives, "
            "controllers and NICs; "
            "random partial reads cost {} device reads per byte ({}), full-stripe sequential reads none extra",
            rack.empty() ? std::string() : rack + "within the " + std::to_string(f.tolerated) + " tolerated. ",
            units::format_size(f.rebuilt), f.storage, f.survivors, dur(f.rebuild.value()), bound, format_percent(s.rebuild.share),
            format_sig(f.read_amplification),
            p.is_replication() ? "another replica serves what the failed servers held"
                               : (p.where == spec::ProtectionWhere::client
                                      ? "the client decodes lost chunks from k others, so the extra reads also cross the network"
                                      : "lost chunks are decoded from k others"));
    case ScenarioFact::Kind::drives_beyond_tolerance:
        return fmt::format("{} failed drives per group exceed the {} '{}' tolerates: data is lost", f.count, f.tolerated,
                           f.storage);
    case ScenarioFact::Kind::drives_rebuild: {
        return fmt::format(
            "Every protection group of '{}' rebuilds at once: {} of {} drives per server failed ({} per group of {}), {} per "
            "server rebuilt over the {} left, done in {} ({}-bound) with rebuild taking {} of the drives{}; random "
            "partial reads "
            "cost {} device reads per byte (1 + f/n x (k - 1); docs/models.md, failure scenarios; [37] in docs/references.md), "
            "full-stripe sequential reads none extra",
            f.storage, format_sig(f.drives_lost), s.drives.count, f.count, width, units::format_size(f.rebuilt),
            format_sig(f.drives_left), dur(f.rebuild.value()), bound, format_percent(s.rebuild.share),
            p.where != spec::ProtectionWhere::server ? ", controllers and NICs" : " and controllers",
            format_sig(f.read_amplification));
    }
    case ScenarioFact::Kind::pool_drives_beyond_tolerance:
        if (f.count <= f.tolerated)
            return fmt::format("{} failed drives of one pool of '{}' leave it no drive: its data is lost", f.count, f.storage);
        return fmt::format("{} failed drives of one pool of '{}' exceed the {} its protection tolerates: data is lost", f.count,
                           f.storage, f.tolerated);
    case ScenarioFact::Kind::pool_drives_rebuild: {
        std::string worst = f.count == f.tolerated && f.count > 1
                                ? fmt::format(" (the m that its protection, {}, tolerates)", analysis::protection_label(p))
                                : std::string();
        std::string reads =
            p.is_replication()
                ? std::string("random partial reads are served by another replica")
                : fmt::format("random partial reads{} cost {} device reads per byte (1 + f/D x (k - 1), D the drives of {}; "
                              "[37] in docs/references.md), full-stripe sequential reads none extra",
                              f.across ? "" : " from it", format_sig(f.read_amplification), f.across ? "the pool" : "its pool");
        std::string pace =
            f.skipped > 0
                ? fmt::format("new files skip {} (allocator avoid-degraded), so writers go to the other servers, while with "
                              "uniform striping of the data already written {} paces every reader",
                              f.across ? "the servers that lost drives" : "that server", f.across ? "the most degraded" : "it")
                : std::string(f.across ? "with uniform striping (allocator stripe-all) the server that lost the most paces every "
                                         "writer and reader"
                                       : "with uniform striping (allocator stripe-all) that server paces every writer and reader "
                                         "(the slowest server sets the pace; docs/models.md, failure scenarios)");
        if (!f.across)
            return fmt::format(
                "One server of '{}' loses {} of its {} drives{}: it alone rebuilds {} over its {} drives left, done in {} "
                "(drive-bound) with rebuild taking {} of its drives and controller; {}; {}",
                f.storage, static_cast<int>(f.drives_lost), s.drives.count, worst, units::format_size(f.rebuilt),
                format_count(f.drives_left), dur(f.rebuild.value()), format_percent(s.rebuild.share), pace, reads);
        return fmt::format(
            "'{}' rebuilds the {} failed drive{}{} declustered over its pool: {} over {} drives, done in {} ({}-bound) with "
            "rebuild taking {} of every server's drives, controller and NICs; the failed drives are {}; {}; {}",
            f.storage, f.count, f.count == 1 ? "" : "s", worst, units::format_size(f.rebuilt), format_count(f.drives_left),
            dur(f.rebuild.value()), bound, format_percent(s.rebuild.share),
            f.servers_hit == 1 ? std::string("on one server")
                               : fmt::format("on {} servers, {} on the first", f.servers_hit, static_cast<int>(f.drives_lost)),
            pace, reads);
    }
    case ScenarioFact::Kind::leaf_protected_inside:
        return fmt::format("{} servers of '{}' behind the failed leaf are unreachable, and with protection inside each server "
                           "their data cannot be read until the leaf is back{}",
                           format_count(f.count), f.storage, writes);
    case ScenarioFact::Kind::leaf_beyond_tolerance:
        if (f.domains > 0)
            return fmt::format("{} servers of '{}' are cut off; its {} are placed over {} leaves (failure domain 'leaf'), "
                               "so up to ceil({} / {}) = {} of a stripe's {} sit behind one leaf, more than the {} failures it "
                               "tolerates: that data cannot be read{}",
                               format_count(f.count), f.storage, p.is_replication() ? "copies" : "chunks", f.domains, p.width(),
                               f.domains, f.domain_chunks, p.width(), f.tolerated, writes);
        return fmt::format("{} servers of '{}' are cut off, more than the {} failures its protection tolerates: data with {} "
                           "on more of them than that cannot be read{}",
                           format_count(f.count), f.storage, f.tolerated, p.is_replication() ? "copies" : "chunks", writes);
    case ScenarioFact::Kind::leaf_none_cut:
        return fmt::format(
            "No server of '{}' is cut off: every one keeps a port on a live leaf{}", f.storage,
            spec.find_storage(f.storage) &&
                    [&] {
                        for (const auto& n : spec.networks)
                            for (const auto& l : n.leaves)
                                if (l.hosts(f.storage)) return l.dual;
                        return false;
                    }()
                ? " (dual-homed: the servers behind the failed leaf keep their ports on its pair)"
                : "");
    case ScenarioFact::Kind::leaf_degraded:
        return fmt::format(
            "{} servers of '{}' behind the failed leaf are unreachable{}; {}, so random partial reads cost {} device reads per "
            "byte",
            format_count(f.count), f.storage,
            f.domains > 0 ? fmt::format(" (failure domain 'leaf': at most ceil({} / {}) = {} chunks of a stripe behind one "
                                        "leaf, within the {} failures tolerated)",
                                        p.width(), f.domains, f.domain_chunks, f.tolerated)
                          : std::string(),
            p.is_replication() ? "other replicas serve their data" : "their chunks are decoded from k others",
            format_sig(f.read_amplification));
    }
    return {};
}

std::string note_text(const spec::Spec& spec, const analysis::ScenarioRow& row) {
    switch (row.note) {
    case analysis::ScenarioRow::Note::cut_off: {
        const auto& req = *std::find_if(spec.bandwidth.begin(), spec.bandwidth.end(),
                                        [&](const spec::BandwidthRequirement& b) { return b.id == row.requirement; });
        auto total = spec.find_compute(req.from)->count;
        return fmt::format("{} of {} '{}' nodes are cut off from '{}' (every port on a failed leaf), so their share of {} has "
                           "no path; the other {} reach {}",
                           format_count(row.cut_off), format_count(total), req.from, req.to, req.id,
                           format_count(total - static_cast<double>(row.cut_off)), rate(row.achievable.value()));
    }
    case analysis::ScenarioRow::Note::none: return "";
    case analysis::ScenarioRow::Note::unavailable: return "part of the data is unavailable";
    case analysis::ScenarioRow::Note::capped_at_healthy: return "routed figure capped at the healthy one";
    case analysis::ScenarioRow::Note::no_path:
        return "no path left between some of the endpoints, or none of one side is reachable";
    }
    return "";
}

// The numbers behind the sentences: the longest rebuild, the largest read amplification, what is unreadable.
document::ScenarioFigures figures_of(const analysis::ScenarioResult& sc) {
    document::ScenarioFigures out;
    for (const auto& f : sc.facts) {
        if (f.rebuild.value() > 0 && (!out.rebuild || f.rebuild.value() > out.rebuild->value))
            out.rebuild = Figure{f.rebuild.value(), Unit::seconds};
        if (f.read_amplification > 1 && (!out.read_amplification || f.read_amplification > out.read_amplification->value))
            out.read_amplification = Figure{f.read_amplification, Unit::ratio};
        if (f.unavailable() && std::find(out.unavailable.begin(), out.unavailable.end(), f.storage) == out.unavailable.end())
            out.unavailable.push_back(f.storage);
    }
    return out;
}

} // namespace

namespace {

// The teams a scenario hits: storage for failed servers, drives and racks; network for failed switches and routers;
// compute when nodes are cut off; and the team of each element class that binds a requirement it leaves unmet.
std::vector<document::Team> teams_hit(const spec::Spec& spec, const model::SystemGraph& g, const analysis::ScenarioResult& sc) {
    std::set<document::Team> hit;
    for (const auto& part : sc.parts) {
        switch (part.kind) {
        case ScenarioPart::Kind::servers:
        case ScenarioPart::Kind::drives_per_group:
        case ScenarioPart::Kind::pool_drives:
        case ScenarioPart::Kind::racks: hit.insert(document::Team::storage); break;
        case ScenarioPart::Kind::top_switches:
        case ScenarioPart::Kind::routers: hit.insert(document::Team::network); break;
        case ScenarioPart::Kind::leaves:
            hit.insert(document::Team::network);
            if (spec.find_compute(part.name)) hit.insert(document::Team::compute);
            if (spec.find_storage(part.name)) hit.insert(document::Team::storage);
            break;
        }
    }
    for (const auto& row : sc.rows) {
        if (row.met) continue;
        if (row.cut_off > 0) {
            hit.insert(document::Team::compute); // the others' bottleneck is not why it is unmet
            continue;
        }
        if (row.note == analysis::ScenarioRow::Note::unavailable) hit.insert(document::Team::storage);
        if (row.note == analysis::ScenarioRow::Note::no_path) continue; // the failed part is the reason, not a class
        for (const auto& c : g.classes())
            if (c.name == row.bottleneck) hit.insert(team_of(c.team));
    }
    return {hit.begin(), hit.end()};
}

} // namespace

void derive_scenarios(const spec::Spec& spec, const model::SystemGraph& g, const analysis::Analysis& a, document::Report& rep) {
    for (const auto& b : a.bandwidth) rep.scenario_requirements.push_back(a.requirement(b).id);
    for (const auto& sc : a.scenarios) {
        document::ScenarioRow row;
        row.id = sc.scenario.id;
        row.key = "scenario/" + document::key_part(row.id);
        for (const auto& part : sc.parts) row.description += (row.description.empty() ? "" : ", ") + part_text(spec, part);
        for (const auto& f : sc.facts) row.facts.push_back(fact_text(spec, f));
        row.figures = figures_of(sc);
        for (const auto& c : sc.rows) {
            document::ScenarioCell cell;
            cell.key = fmt::format("{}/{}", row.key, document::key_part(c.requirement));
            cell.met = c.met;
            cell.achievable = {c.achievable.value(), Unit::rate};
            cell.unavailable = c.note != analysis::ScenarioRow::Note::none && c.achievable.value() <= 0;
            cell.bottleneck = c.bottleneck;
            cell.note = note_text(a.effective, c); // with the requirements workloads derive
            cell.cut_off = c.cut_off;
            row.cells.push_back(cell);
        }
        row.teams = teams_hit(spec, g, sc);
        rep.scenarios.push_back(row);
        // A single server down that leaves reads unserved belongs in the headline.
        if (sc.parts.size() == 1 && sc.parts[0].kind == ScenarioPart::Kind::servers && sc.parts[0].count == 1) {
            document::Outage o{"outage/" + document::key_part(row.id), row.id, sc.parts[0].name, {}};
            for (std::size_t i = 0; i < row.cells.size(); ++i)
                if (row.cells[i].unavailable && sc.rows[i].note == analysis::ScenarioRow::Note::unavailable)
                    o.requirements.push_back(rep.scenario_requirements[i]);
            if (!o.requirements.empty()) rep.outages.push_back(o);
        }
    }
}

} // namespace archplan::derive
