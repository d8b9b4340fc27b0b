// Workload sections of the report and the team lines that workloads add, each with its derivation.
#include "archplan/derive/derive.hpp"

#include "derive_internal.hpp"

#include "archplan/analysis/checkpoint.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace archplan::derive {

using units::format_count;
using units::format_duration;
using units::format_percent;

namespace {

std::string mtbf_derivation(const spec::Failures& f, int nodes, double mtbf) {
    if (f.job_mtbf.value() > 0) return fmt::format("given: job MTBF {}", dur(mtbf));
    if (f.node_mtbf.value() > 0)
        return fmt::format("node MTBF {} / {} nodes = {}", dur(f.node_mtbf.value()), format_count(nodes), dur(mtbf));
    int observed = f.observed_nodes > 0 ? f.observed_nodes : nodes;
    if (observed == nodes)
        return fmt::format("{} interruptions in {} on these {} nodes: {} / {} = {}", format_count(f.interruptions),
                           dur(f.period.value()), format_count(nodes), dur(f.period.value()), format_count(f.interruptions),
                           dur(mtbf));
    return fmt::format("{} interruptions in {} on {} nodes: {} / {} x {} / {} nodes = {}", format_count(f.interruptions),
                       dur(f.period.value()), format_count(observed), dur(f.period.value()), format_count(f.interruptions),
                       format_count(observed), format_count(nodes), dur(mtbf));
}

// " if synchronous" on the figures that a two-level checkpoint replaces with its own.
const char* sync_suffix(const analysis::CheckpointResult& r) { return r.two_level ? " if synchronous" : ""; }

// The job writing every checkpoint straight to the storage system: size, MTBF, dump and restart times, Daly's
// interval and goodput.
void synchronous_figures(SectionBuilder& s, const spec::Spec& spec, const spec::Workload& w,
                         const analysis::CheckpointResult& r) {
    const auto& c = w.checkpoint;
    const char* sync = sync_suffix(r);
    s.add("checkpoint size", r.size.value(), Unit::bytes,
          c.parameters > 0 ? fmt::format("{} parameters x {} bytes per parameter = {}", exact(c.parameters),
                                         exact(c.bytes_per_parameter), size(r.size.value()))
                           : "given",
          true);
    s.add("files per checkpoint", r.files, Unit::count,
          fmt::format("{} x {} per node x {} per rank + 1 index file = {}", count_of(r.nodes, "node", "nodes"),
                      count_of(c.ranks_per_node, "rank", "ranks"), count_of(c.files_per_rank, "file", "files"),
                      format_count(r.files)));
    if (r.metadata_modelled) {
        s.add("file-create time", r.metadata_time.value(), Unit::seconds,
              fmt::format("{} files / ({} x {}) = {}", format_count(r.files),
                          c.striped_directory ? fmt::format("{} metadata servers (a striped directory)", r.metadata_servers)
                                              : std::string("1 metadata server (one directory, not striped)"),
                          units::format_per_second(spec.find_storage(w.to)->metadata.creates_per_second),
                          dur(r.metadata_time.value())));
    }
    s.add("job MTBF", r.job_mtbf.value(), Unit::seconds, mtbf_derivation(c.failures, r.nodes, r.job_mtbf.value()), true);
    s.add("write bandwidth of this design", r.write_achievable.value(), Unit::rate,
          "routed achievable, slowest writer sets the pace (see the requirement rows)");
    s.add("read bandwidth of this design", r.read_achievable.value(), Unit::rate, "routed achievable");
    bool charged = r.server_outage_rate > 0;
    auto stall = [&](units::Seconds t) { return charged ? fmt::format(" + {} failover stall", dur(t.value())) : std::string(); };
    if (charged) {
        const auto& st = *spec.find_storage(w.to);
        double F = r.failover.value(), bare = r.dump_time.value() - r.dump_stall.value();
        s.add("failover stall per checkpoint", r.dump_stall.value(), Unit::seconds,
              fmt::format("{} servers x {} outages a year = lambda = {:.3g} per hour ({:.3g} per second); an outage overlaps "
                          "a dump of {} with probability lambda x ({} + {} failover) and stalls it up to the failover: "
                          "{:.3g}/s x ({} + {}) x {} = {}; a restart's read-back stalls {} (docs/models.md, failover stalls)",
                          format_count(st.servers), units::format_sig(st.server_failures.per_year), r.server_outage_rate * 3600,
                          r.server_outage_rate, dur(bare), dur(bare), dur(F), r.server_outage_rate, dur(bare), dur(F), dur(F),
                          dur(r.dump_stall.value()), dur(r.restart_stall.value())));
    }
    s.add(fmt::format("dump time{} (the job blocks)", sync), r.dump_time.value(), Unit::seconds,
          fmt::format("{} / {}{}{} = {}", size(r.size.value()), rate(r.write_achievable.value()),
                      r.metadata_modelled ? fmt::format(" + {} file creates", dur(r.metadata_time.value())) : "",
                      stall(r.dump_stall), dur(r.dump_time.value())),
          !r.two_level);
    s.add("restart time", r.restart_total.value(), Unit::seconds,
          fmt::format("{} relaunch + {} / {} read back{} = {}", dur(c.restart.value()), size(r.size.value()),
                      rate(r.read_achievable.value()), stall(r.restart_stall), dur(r.restart_total.value())));
    if (r.failover_uncharged)
        s.caveat(fmt::format("The servers of '{}' are in failover pairs, but no outage rate is given ('server.failures'), "
                             "so the {} failover stall is not charged to a checkpoint or restart in flight.",
                             w.to, dur(r.failover.value())));
    s.add(fmt::format("checkpoint interval{}", sync), r.interval.value(), Unit::seconds,
          c.interval ? std::string("given")
                     : fmt::format("Daly: sqrt(2 x {} x {}) x (1 + ...) - {} = {} (Young: {})", dur(r.dump_time.value()),
                                   dur(r.job_mtbf.value()), dur(r.dump_time.value()), dur(r.daly.value()), dur(r.young.value())));
    s.add(fmt::format("goodput{}", sync), r.goodput, Unit::share,
          fmt::format("Daly's full model: {} / ({} x e^({} / {}) x (e^(({} + {}) / {}) - 1)) = {}; lost to writing {}, "
                      "to rework {}, to restarts {} (first order)",
                      dur(r.interval.value()), dur(r.job_mtbf.value()), dur(r.restart_total.value()), dur(r.job_mtbf.value()),
                      dur(r.interval.value()), dur(r.dump_time.value()), dur(r.job_mtbf.value()), format_percent(r.goodput),
                      format_percent(r.waste_checkpoint), format_percent(r.waste_rework), format_percent(r.waste_restart)),
          !r.two_level);
    s.add("goodput ceiling", r.goodput_ceiling, Unit::share,
          fmt::format("with instant checkpoints: e^(-{} / {}) = {}; past this only shorter restarts or a longer MTBF help",
                      dur(r.restart_total.value()), dur(r.job_mtbf.value()), format_percent(r.goodput_ceiling)));
}

// What the goodput target asks of the dump time and the write bandwidth, or why it cannot be met.
void goodput_target_figures(SectionBuilder& s, const spec::Workload& w, const analysis::CheckpointResult& r) {
    const auto& c = w.checkpoint;
    const char* sync = sync_suffix(r);
    if (r.max_dump_time) {
        s.add(
            "longest dump time for the target", r.max_dump_time->value(), Unit::seconds,
            fmt::format("the dump time at which {} at {} gives {} goodput (bisection on Daly's model){}",
                        c.interval ? "the given interval" : "Daly's optimal interval", dur(r.job_mtbf.value()),
                        format_percent(*c.goodput),
                        r.server_outage_rate > 0 ? ", less its expected failover stall: (D - lambda F^2) / (1 + lambda F)" : ""));
    }
    if (r.bandwidth_needed) {
        s.add(
            fmt::format("write bandwidth the target needs{}", sync), r.bandwidth_needed->value(), Unit::rate,
            fmt::format("{} / ({} - {} file creates) = {}{}", size(r.size.value()), dur(r.max_dump_time->value()),
                        dur(r.metadata_time.value()), rate(r.bandwidth_needed->value()),
                        r.bandwidth_needed_first_order
                            ? fmt::format(" (first-order formula, file creates subtracted likewise: {}; docs/models.md, goodput "
                                          "target inverted into a write requirement; [1], [4] in docs/references.md)",
                                          rate(r.bandwidth_needed_first_order->value()))
                            : ""),
            !r.two_level);
    }
    if (!r.infeasible.empty()) {
        s.result(fmt::format("The {} goodput target cannot be met: {} (ceiling {}).", format_percent(*c.goodput), r.infeasible,
                             format_percent(r.goodput_ceiling)));
    }
}

void two_level_figures(SectionBuilder& s, const spec::Workload& w, const analysis::CheckpointResult& r) {
    const auto& c = w.checkpoint;
    double shard = r.size.value() / r.nodes;
    s.add("blocking copy to the local tier", r.blocking.value(), Unit::seconds,
          fmt::format("{} / {} nodes = {} per node, / {} local rate = {}", size(r.size.value()), format_count(r.nodes),
                      size(shard), rate(c.local->rate.value()), dur(r.blocking.value())),
          true);
    s.add("two-level interval", r.two_level_interval.value(), Unit::seconds,
          c.interval ? std::string("given")
                     : fmt::format("Daly's optimum for the blocking copy, no shorter than the drain time {}",
                                   dur(r.drain_time.value())));
    s.add("drain bandwidth needed", r.drain_needed.value(), Unit::rate,
          c.goodput
              ? fmt::format("smallest drain rate whose goodput (with the recovery lag) reaches {}; at that rate the interval is "
                            "max(Daly's optimum for the blocking copy, {} / drain rate) = {}",
                            format_percent(*c.goodput), size(r.size.value()),
                            dur(std::max(analysis::checkpoint::daly_interval(r.blocking, r.job_mtbf).value(),
                                         r.size.value() / r.drain_needed.value())))
              : fmt::format("{} / {} interval = {} (a checkpoint drains before the next starts)", size(r.size.value()),
                            dur(r.two_level_interval.value()), rate(r.drain_needed.value())),
          true);
    s.add("drain time at this design", r.drain_time.value(), Unit::seconds,
          fmt::format("{} / {} = {}", size(r.size.value()), rate(r.write_achievable.value()), dur(r.drain_time.value())));
    s.add("two-level goodput", r.two_level_goodput, Unit::share,
          fmt::format("1 - {} / {} - ({} / 2 + {} drain lag + {} restart) / {} = {} (first order; docs/models.md, "
                      "two-level checkpointing; [8], [10] in docs/references.md)",
                      dur(r.blocking.value()), dur(r.two_level_interval.value()), dur(r.two_level_interval.value()),
                      dur(r.drain_time.value()), dur(r.restart_total.value()), dur(r.job_mtbf.value()),
                      format_percent(r.two_level_goodput)),
          true);
}

// The trade against synchronous checkpoints, and whether the local tier can hold two shards.
void two_level_findings(SectionBuilder& s, const spec::Workload& w, const analysis::CheckpointResult& r) {
    const auto& c = w.checkpoint;
    s.result(fmt::format(
        "Two-level against synchronous: the job blocks {} instead of {} per checkpoint and the storage system needs {} "
        "instead of {}; in exchange a failure loses up to {} more work (the drain lag) and every node needs {} of local "
        "space (two shards: one written while the previous drains).",
        dur(r.blocking.value()), dur(r.dump_time.value()), rate(r.drain_needed.value()),
        r.bandwidth_needed ? rate(r.bandwidth_needed->value()) + " for the goodput target"
                           : rate(r.write_achievable.value()) + " at full speed",
        dur(r.drain_time.value()), size(r.local_needed.value())));
    if (!r.local_problem.empty()) {
        s.result(fmt::format("The local tier cannot take it: {}: {} needed per node, {} provisioned.", r.local_problem,
                             size(r.local_needed.value()), size(c.local->capacity.value())));
    }
}

// The compute team's line for the local tier: two shards per node.
void local_tier_line(TeamLists& teams, const spec::Workload& w, const analysis::CheckpointResult& r) {
    const auto& c = w.checkpoint;
    auto cap = make_line(Team::compute, LineKind::local_tier, "local checkpoint tier, capacity",
                         fmt::format("each of {} '{}' nodes", format_count(r.nodes), w.from), w.id, w.from,
                         {r.local_needed.value(), Unit::bytes}, {c.local->capacity.value(), Unit::bytes},
                         fmt::format("2 x {} / {} nodes = {} (one checkpoint written while the previous drains)",
                                     size(r.size.value()), format_count(r.nodes), size(r.local_needed.value())));
    cap.status = r.local_problem.empty() ? Status::ok : Status::short_of;
    teams.compute.push_back(cap);
}

// The storage team's line for file creates: every file of a checkpoint created within the dump window.
void metadata_line(TeamLists& teams, const spec::Workload& w, const analysis::CheckpointResult& r) {
    double needed = r.files / r.max_dump_time->value();
    auto md =
        make_line(Team::storage, LineKind::metadata, "metadata service, file creates", fmt::format("storage system '{}'", w.to),
                  w.id, w.to + "/creates", {needed, Unit::per_second}, {r.create_rate, Unit::per_second},
                  fmt::format("{} files within the {} checkpoint window = {} at the least (the writes need the rest of the "
                              "window); provisioned {}",
                              format_count(r.files), dur(r.max_dump_time->value()), units::format_per_second(needed),
                              units::format_per_second(r.create_rate)));
    teams.storage.push_back(md);
}

Section checkpoint_section(const spec::Spec& spec, const analysis::CheckpointResult& r, TeamLists& teams) {
    const auto& w = spec.workloads[r.workload];
    SectionBuilder s("workload/" + document::key_part(w.id),
                     r.two_level ? SectionKind::two_level_checkpoint : SectionKind::checkpoint, w.id,
                     fmt::format("{} -> {}", w.from, w.to));
    synchronous_figures(s, spec, w, r);
    if (w.checkpoint.goodput) {
        goodput_target_figures(s, w, r);
    }
    if (r.two_level) {
        two_level_figures(s, w, r);
        two_level_findings(s, w, r);
        local_tier_line(teams, w, r);
    }
    if (r.metadata_modelled && r.max_dump_time && !r.two_level) { // two-level creates files while draining, off the window
        metadata_line(teams, w, r);
    }
    return s.section;
}

Section data_section(const spec::Spec& spec, const analysis::DataLoadingResult& r, TeamLists& teams) {
    const auto& w = spec.workloads[r.workload];
    const auto& d = w.data;
    SectionBuilder s("workload/" + document::key_part(w.id), SectionKind::data_loading, w.id,
                     fmt::format("{} <- {}", w.from, w.to));
    auto add = [&](const std::string& name, double v, Unit u, std::string how, bool headline = false) {
        s.add(name, v, u, std::move(how), headline);
    };
    std::string per_acc =
        d.samples_per_second > 0  ? fmt::format("{} samples/s x {} = {}", exact(d.samples_per_second),
                                                units::format_size_exact(d.sample_size), rate(r.per_accelerator.value()))
        : d.tokens_per_second > 0 ? fmt::format("{} tokens/s x {} bytes per token = {}", exact(d.tokens_per_second),
                                                exact(d.bytes_per_token), rate(r.per_accelerator.value()))
                                  : "given";
    add("read demand per accelerator", r.per_accelerator.value(), Unit::rate, per_acc);
    add("accelerators", r.accelerators, Unit::count,
        fmt::format("{} nodes x {} per node", format_count(r.nodes), d.accelerators_per_node));
    add("read demand in all", r.total.value(), Unit::rate,
        fmt::format("{} x {} accelerators = {} (requirement {}.read)", rate(r.per_accelerator.value()),
                    format_count(r.accelerators), rate(r.total.value()), w.id),
        true);
    add("read bandwidth of this design", r.read_achievable.value(), Unit::rate, "routed achievable");
    if (r.opens_per_second > 0)
        add("file opens", r.opens_per_second, Unit::per_second,
            fmt::format("{} samples/s x {} accelerators / {} samples per file = {}", exact(d.samples_per_second),
                        format_count(r.accelerators), exact(d.samples_per_file), units::format_per_second(r.opens_per_second)));
    double share = r.read_achievable.value() / r.accelerators;
    teams.compute.push_back(make_line(Team::compute, LineKind::accelerator, "per-accelerator read demand",
                                      fmt::format("each of {} accelerators on '{}'", format_count(r.accelerators), w.from), w.id,
                                      w.from, {r.per_accelerator.value(), Unit::rate}, {share, Unit::rate},
                                      fmt::format("{}; this design delivers {} / {} accelerators = {} each", per_acc,
                                                  rate(r.read_achievable.value()), format_count(r.accelerators), rate(share))));
    if (r.metadata_modelled && r.opens_per_second > 0) {
        teams.storage.push_back(
            make_line(Team::storage, LineKind::metadata, "metadata service, file opens", fmt::format("storage system '{}'", w.to),
                      w.id, w.to + "/opens", {r.opens_per_second, Unit::per_second}, {r.open_rate, Unit::per_second},
                      fmt::format("{} opens needed; provisioned {} metadata servers x {} = {}",
                                  units::format_per_second(r.opens_per_second), spec.find_storage(w.to)->metadata.servers,
                                  units::format_per_second(spec.find_storage(w.to)->metadata.opens_per_second),
                                  units::format_per_second(r.open_rate))));
    }
    return s.section;
}

} // namespace

void derive_workloads(const spec::Spec& spec, const analysis::Analysis& a, document::Report& rep, TeamLists& teams) {
    for (const auto& r : a.workloads.checkpoints) rep.workloads.push_back(checkpoint_section(spec, r, teams));
    for (const auto& r : a.workloads.data_loading) rep.workloads.push_back(data_section(spec, r, teams));
    for (const auto& c : a.concurrent) {
        document::ConcurrentRow row;
        const auto& group = a.effective.concurrent[c.group];
        row.key = "concurrent/" + document::key_part(group.id);
        row.id = group.id;
        row.members = group.requirements;
        row.scale = c.scale;
        row.met = c.met;
        row.binding = c.binding;
        row.utilisation = c.max_utilisation;
        for (const auto& [id, ach] : c.achievable) row.achievable.emplace_back(id, Figure{ach.value(), Unit::rate});
        rep.concurrent.push_back(row);
    }
}

std::string origin_derivation(const analysis::Analysis& a, const spec::BandwidthRequirement& req) {
    for (const auto& r : a.workloads.checkpoints) {
        const auto& w = a.effective.workloads[r.workload];
        if (w.id != req.origin) continue;
        if (req.origin_kind == spec::Origin::workload_drain)
            return fmt::format("from workload '{}': two-level drain rate {}", req.origin, rate(r.drain_needed.value()));
        if (r.bandwidth_needed)
            return fmt::format("from workload '{}': {} goodput target: {} / ({} longest dump time - {} file creates) = {}",
                               req.origin, format_percent(*w.checkpoint.goodput), size(r.size.value()),
                               dur(r.max_dump_time->value()), dur(r.metadata_time.value()), rate(r.bandwidth_needed->value()));
    }
    for (const auto& r : a.workloads.data_loading)
        if (a.effective.workloads[r.workload].id == req.origin)
            return fmt::format("from workload '{}': {} per accelerator x {} accelerators = {}", req.origin,
                               rate(r.per_accelerator.value()), format_count(r.accelerators), rate(r.total.value()));
    return {};
}

} // namespace archplan::derive
