// Workload translation (see workload.hpp).
#include "archplan/analysis/workload.hpp"

#include "archplan/analysis/analysis.hpp"
#include "archplan/analysis/checkpoint.hpp"

#include <algorithm>
#include <cmath>

namespace archplan::analysis {

namespace ck = checkpoint;

units::BytesPerSecond achievable_between(const spec::Spec& spec, const model::SystemGraph& g, const std::string& from,
                                         const std::string& to, spec::Direction direction) {
    spec::BandwidthRequirement probe;
    probe.id = "probe";
    probe.from = from;
    probe.to = to;
    probe.direction = direction;
    probe.bandwidth = units::BytesPerSecond(1e12); // routed loads are linear: any size gives the same answer
    return route(spec, g, probe, probe.bandwidth).achievable;
}

namespace {

// A requirement derived from workload `w`, with the id "<workload>.<what>".
spec::BandwidthRequirement derived(const spec::Workload& w, const char* what, spec::Origin origin,
                                   units::BytesPerSecond bandwidth, spec::Direction direction) {
    spec::BandwidthRequirement r;
    r.origin_kind = origin;
    r.id = w.id + "." + what;
    r.bandwidth = bandwidth;
    r.direction = direction;
    r.from = w.from;
    r.to = w.to;
    r.loc = w.loc;
    r.origin = w.id;
    return r;
}

Seconds job_mtbf(const spec::Failures& f, int nodes) {
    if (f.job_mtbf.value() > 0) return f.job_mtbf;
    if (f.node_mtbf.value() > 0) return Seconds(f.node_mtbf.value() / nodes);
    int observed = f.observed_nodes > 0 ? f.observed_nodes : nodes;
    return Seconds(f.period.value() / f.interruptions * observed / nodes);
}

// Largest dump time that reaches `goodput` with a fixed interval tau; E falls as delta grows.
std::optional<Seconds> max_dump_time_fixed(double goodput, Seconds tau, Seconds restart, Seconds mtbf) {
    if (ck::daly_goodput(tau, Seconds(0), restart, mtbf) < goodput) return std::nullopt;
    double lo = 0, hi = tau.value();
    for (int i = 0; i < 200 && ck::daly_goodput(tau, Seconds(hi), restart, mtbf) >= goodput; ++i) hi *= 2;
    for (int i = 0; i < 200 && hi - lo > 1e-12 * hi; ++i) {
        double mid = 0.5 * (lo + hi);
        (ck::daly_goodput(tau, Seconds(mid), restart, mtbf) >= goodput ? lo : hi) = mid;
    }
    return Seconds(lo);
}

// Two-level, first order with the recovery lag (docs/models.md, two-level checkpointing; [8], [10] in docs/references.md):
// W = C_block / tau + (tau / 2 + T_drain + R) / M, the interval no shorter than the drain.
double two_level_goodput(Seconds blocking, Seconds tau, Seconds drain, Seconds restart, Seconds mtbf) {
    return 1.0 - blocking.value() / tau.value() - (tau.value() / 2 + drain.value() + restart.value()) / mtbf.value();
}

void analyse_checkpoint(const spec::Spec& spec, const model::SystemGraph& g, std::size_t index, WorkloadAnalysis& out) {
    const auto& w = spec.workloads[index];
    const auto& c = w.checkpoint;
    const auto& storage = *spec.find_storage(w.to);
    CheckpointResult r;
    r.workload = index;
    r.nodes = spec.find_compute(w.from)->count;
    r.size = c.parameters > 0 ? units::Bytes(c.parameters * c.bytes_per_parameter) : c.size;
    double S = r.size.value();
    r.files = static_cast<double>(r.nodes) * c.ranks_per_node * c.files_per_rank + 1;
    r.metadata_modelled = storage.metadata.servers > 0;
    // One directory is served by one metadata server unless it is striped over all of them (Lustre DNE
    // striped directories, Spectrum Scale's distributed metadata).
    r.metadata_servers = c.striped_directory ? storage.metadata.servers : std::min(1, storage.metadata.servers);
    r.create_rate = r.metadata_servers * storage.metadata.creates_per_second;
    r.metadata_time = Seconds(r.metadata_modelled ? r.files / r.create_rate : 0.0);
    r.job_mtbf = job_mtbf(c.failures, r.nodes);
    r.write_achievable = achievable_between(spec, g, w.from, w.to, spec::Direction::write);
    r.read_achievable = achievable_between(spec, g, w.from, w.to, spec::Direction::read);
    r.read_time = Seconds(S / r.read_achievable.value());
    // Failover pairs: a server outage (system rate lambda) overlaps an I/O phase of length t with probability
    // lambda (t + F) and stalls it for up to the failover time F (docs/models.md, failover stalls).
    double lambda = 0, F = 0;
    if (storage.ha.pairs()) {
        r.failover = storage.ha.failover;
        if (storage.server_failures.given()) {
            lambda = storage.servers * storage.server_failures.per_year / (8760.0 * 3600);
            F = storage.ha.failover.value();
            r.server_outage_rate = lambda;
        } else {
            r.failover_uncharged = true;
        }
    }
    double bare_dump = S / r.write_achievable.value() + r.metadata_time.value();
    r.dump_stall = Seconds(lambda * (bare_dump + F) * F);
    r.restart_stall = Seconds(lambda * (r.read_time.value() + F) * F);
    r.dump_time = Seconds(bare_dump + r.dump_stall.value());
    r.restart_total = c.restart + r.read_time + r.restart_stall;
    r.young = ck::young_interval(r.dump_time, r.job_mtbf);
    r.daly = ck::daly_interval(r.dump_time, r.job_mtbf);
    r.interval = c.interval ? *c.interval : r.daly;
    r.goodput = ck::daly_goodput(r.interval, r.dump_time, r.restart_total, r.job_mtbf);
    r.waste_checkpoint = r.dump_time.value() / r.interval.value();
    r.waste_rework = r.interval.value() / 2 / r.job_mtbf.value();
    r.waste_restart = r.restart_total.value() / r.job_mtbf.value();
    r.goodput_ceiling = ck::goodput_ceiling(r.restart_total, r.job_mtbf);

    if (c.local) {
        r.two_level = true;
        double shard = S / r.nodes;
        r.blocking = Seconds(shard / c.local->rate.value());
        r.local_needed = units::Bytes(2 * shard);
        if (r.local_needed.value() > c.local->capacity.value())
            r.local_problem = "the local tier holds less than two checkpoint shards (the one being written and the one draining)";
        Seconds tau_opt = c.interval ? *c.interval : ck::daly_interval(r.blocking, r.job_mtbf);
        if (c.goodput) {
            // Smallest drain rate whose goodput, at the best interval the drain allows, reaches the target.
            auto at = [&](double B) {
                Seconds tau = c.interval ? *c.interval : Seconds(std::max(tau_opt.value(), S / B));
                if (c.interval && S / B > tau.value()) return -1.0;
                return two_level_goodput(r.blocking, tau, Seconds(S / B), r.restart_total, r.job_mtbf);
            };
            double best = two_level_goodput(r.blocking, tau_opt, Seconds(0), r.restart_total, r.job_mtbf);
            if (best < *c.goodput) {
                r.infeasible = "even an instant drain leaves the blocking copy, rework and restart above the waste budget";
                r.drain_needed = units::BytesPerSecond(S / tau_opt.value());
            } else {
                double lo = 0, hi = S / tau_opt.value();
                for (int i = 0; i < 200 && at(hi) < *c.goodput; ++i) hi *= 2;
                for (int i = 0; i < 200 && hi - lo > 1e-12 * hi; ++i) {
                    double mid = 0.5 * (lo + hi);
                    (at(mid) >= *c.goodput ? hi : lo) = mid;
                }
                r.drain_needed = units::BytesPerSecond(hi);
            }
        } else {
            r.drain_needed = units::BytesPerSecond(S / tau_opt.value());
        }
        r.drain_time = Seconds(S / r.write_achievable.value());
        r.two_level_interval = c.interval ? *c.interval : Seconds(std::max(tau_opt.value(), r.drain_time.value()));
        r.two_level_goodput = two_level_goodput(r.blocking, r.two_level_interval, r.drain_time, r.restart_total, r.job_mtbf);
        if (r.local_problem.empty() && r.infeasible.empty())
            out.bandwidth.push_back(derived(w, "drain", spec::Origin::workload_drain, r.drain_needed, spec::Direction::write));
    }

    if (c.goodput) {
        std::optional<Seconds> dmax = c.interval ? max_dump_time_fixed(*c.goodput, *c.interval, r.restart_total, r.job_mtbf)
                                                 : ck::max_dump_time(*c.goodput, r.restart_total, r.job_mtbf);
        // The dump time before its failover stall: D = D0 + lambda (D0 + F) F.
        auto unstalled = [&](Seconds d) { return Seconds((d.value() - lambda * F * F) / (1 + lambda * F)); };
        if (dmax) dmax = unstalled(*dmax);
        r.max_dump_time = dmax;
        if (auto first = ck::max_dump_time_first_order(*c.goodput, r.restart_total, r.job_mtbf);
            first && unstalled(*first).value() > r.metadata_time.value())
            r.bandwidth_needed_first_order = units::BytesPerSecond(S / (unstalled(*first).value() - r.metadata_time.value()));
        if (!dmax) {
            if (r.infeasible.empty() || !r.two_level)
                r.infeasible = "restart and rework alone exceed the waste budget: no checkpoint bandwidth reaches the target";
        } else if (dmax->value() <= r.metadata_time.value()) {
            if (!r.two_level)
                r.infeasible = "creating the checkpoint's files alone takes longer than the whole checkpoint window";
        } else {
            r.bandwidth_needed = units::BytesPerSecond(S / (dmax->value() - r.metadata_time.value()));
            if (!r.two_level) {
                out.bandwidth.push_back(
                    derived(w, "write", spec::Origin::workload_write, *r.bandwidth_needed, spec::Direction::write));
            }
        }
    }
    if (c.keep > 0) {
        // The last K checkpoints plus the one being written (docs/models.md, checkpoint retention).
        spec::CapacityRequirement keep;
        keep.id = w.id + ".retention";
        keep.usable = units::Bytes((c.keep + 1) * S);
        keep.on = w.to;
        keep.loc = w.loc;
        keep.origin = w.id;
        keep.origin_kind = spec::Origin::retention;
        out.capacity.push_back(keep);
    }
    out.checkpoints.push_back(r);
}

void analyse_data_loading(const spec::Spec& spec, const model::SystemGraph& g, std::size_t index, WorkloadAnalysis& out) {
    const auto& w = spec.workloads[index];
    const auto& d = w.data;
    const auto& storage = *spec.find_storage(w.to);
    DataLoadingResult r;
    r.workload = index;
    r.nodes = spec.find_compute(w.from)->count;
    r.accelerators = r.nodes * d.accelerators_per_node;
    r.per_accelerator = d.samples_per_second > 0  ? units::BytesPerSecond(d.samples_per_second * d.sample_size.value())
                        : d.tokens_per_second > 0 ? units::BytesPerSecond(d.tokens_per_second * d.bytes_per_token)
                                                  : d.per_accelerator;
    r.total = r.per_accelerator * static_cast<double>(r.accelerators);
    r.opens_per_second = d.samples_per_second > 0 ? d.samples_per_second * r.accelerators / d.samples_per_file : 0.0;
    r.metadata_modelled = storage.metadata.servers > 0 && storage.metadata.opens_per_second > 0;
    r.open_rate = storage.metadata.servers * storage.metadata.opens_per_second;
    r.read_achievable = achievable_between(spec, g, w.from, w.to, spec::Direction::read);
    out.bandwidth.push_back(derived(w, "read", spec::Origin::workload_read, r.total, spec::Direction::read));
    out.bandwidth.back().access = d.access;
    if (d.dataset) {
        spec::CapacityRequirement cap;
        cap.id = w.id + ".dataset";
        cap.usable = *d.dataset;
        cap.on = w.to;
        cap.loc = w.loc;
        cap.origin = w.id;
        cap.origin_kind = spec::Origin::dataset;
        out.capacity.push_back(cap);
    }
    out.data_loading.push_back(r);
}

} // namespace

WorkloadAnalysis analyse_workloads(const spec::Spec& spec, const model::SystemGraph& g) {
    WorkloadAnalysis out;
    for (std::size_t i = 0; i < spec.workloads.size(); ++i) {
        if (spec.workloads[i].kind == spec::Workload::Kind::checkpoint)
            analyse_checkpoint(spec, g, i, out);
        else
            analyse_data_loading(spec, g, i, out);
    }
    return out;
}

} // namespace archplan::analysis
