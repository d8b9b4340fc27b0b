// Durability (see durability.hpp): loss events counted over the pool of drives whose failures can meet in
// one stripe, one repair at a time, pools independent.
#include "archplan/analysis/durability.hpp"

#include <algorithm>
#include <cmath>
#include <functional>

namespace archplan::analysis {

double group_mttdl_hours(int n, int m, double mttf_hours, double mttr_hours) {
    double falling = 1;
    for (int i = 0; i <= m; ++i) falling *= n - i;
    return std::pow(mttf_hours, m + 1) / (falling * std::pow(mttr_hours, m));
}

double annual_loss_probability(double group_mttdl, double groups) { return -std::expm1(-8760.0 * groups / group_mttdl); }

double nines_of(double probability) { return probability > 0 ? -std::log10(probability) : 30.0; }

double pool_loss_rate(double pool_drives, double scatter, const std::vector<double>& windows_hours, double mttf_hours) {
    double rate = pool_drives / mttf_hours;
    for (std::size_t i = 0; i < windows_hours.size(); ++i)
        rate *= (scatter - static_cast<double>(i)) * windows_hours[i] / mttf_hours;
    return rate;
}

double declustered_rebuild_seconds(const spec::StorageSystem& s, int k, double bytes, double drives) {
    return (bytes / drives) * (k / s.drives.read.value() + 1.0 / s.drives.write.value()) / s.rebuild.share;
}

double spare_rebuild_seconds(const spec::StorageSystem& s, double bytes) {
    return bytes / (s.rebuild.share * std::min(s.drives.read.value(), s.drives.write.value()));
}

double stripe_share_lost(double pool_drives, int n, int failed) {
    double share = 1;
    for (int j = 0; j < failed; ++j) share *= (n - j) / (pool_drives - j);
    return share;
}

double server_nic_payload(const spec::Spec* spec, const spec::StorageSystem& s) {
    // Rebuild traffic crosses the cluster network when the system has one.
    if (s.cluster) {
        const auto* net = spec ? spec->find_network(s.cluster->network) : nullptr;
        double rate =
            net ? std::min(s.cluster->nic.rate.value(), net->link.value()) * net->efficiency : s.cluster->nic.rate.value();
        return s.cluster->nic.ports * rate;
    }
    if (spec)
        for (const auto& net : spec->networks)
            for (const auto& l : net.leaves)
                if (l.hosts(s.name)) return s.nic.ports * std::min(s.nic.rate.value(), net.link.value()) * net.efficiency;
    return s.nic.ports * s.nic.rate.value();
}

ServerRebuild server_rebuild(const spec::Spec* spec, const spec::StorageSystem& s, int down) {
    ServerRebuild out;
    const auto& p = s.protection;
    int k = p.data_chunks();
    double used = s.drives.capacity.value() * s.fill_limit;
    out.bytes = static_cast<double>(down) * s.drives.count * used;
    double survivors = s.servers - down;
    if (survivors <= 0) return out;
    out.nic_payload = server_nic_payload(spec, s);
    if (s.rebuild.mode == spec::Rebuild::Mode::spare) {
        // Each lost drive onto its group's spare, all at once, the spares spread over the survivors; each spare's
        // server takes in k chunks per byte.
        double lost_drives = static_cast<double>(down) * s.drives.count;
        out.drives = 1;
        out.receivers = std::min(lost_drives, survivors);
        out.drive_seconds = spare_rebuild_seconds(s, used);
        out.network_seconds = k * used * std::ceil(lost_drives / survivors) / (s.rebuild.share * out.nic_payload);
    } else {
        out.drives = survivors * s.drives.count;
        if (s.rebuild.width > 0) out.drives = std::min<double>(out.drives, s.rebuild.width);
        out.receivers = std::min(survivors, out.drives);
        out.drive_seconds = declustered_rebuild_seconds(s, k, out.bytes, out.drives);
        out.network_seconds = k * out.bytes / (s.rebuild.share * out.nic_payload * out.receivers);
    }
    out.seconds = std::max(out.drive_seconds, out.network_seconds);
    out.network_bound = out.network_seconds > out.drive_seconds;
    return out;
}

namespace {

// The windows T_1..T_m (hours): the delay plus the repair of the stripes that lost i chunks. Without
// priority every window is the whole rebuild; critical-first repairs the stripes that lost i chunks
// first, a share (n - i + 1) / (2 (S - i + 1)) of the previous window's (docs/models.md, durability).
std::vector<double> windows(int m, int n, double scatter, double rebuild_hours, double delay_hours, bool critical_first) {
    std::vector<double> out;
    double repair = rebuild_hours;
    for (int i = 1; i <= m; ++i) {
        if (i > 1 && critical_first) repair *= (n - i + 1) / (2.0 * (scatter - i + 1));
        out.push_back(delay_hours + repair);
    }
    return out;
}

// The server windows: U_1 the outage a later failure must fall in, then min(U_1, T_i): the drive rebuilds repair
// the stripes that lost more first. Replacements (the loss class): until the data is rebuilt elsewhere after the
// delay, or the server is back; every outage (unavailability): the same, averaged over reboots and replacements.
std::vector<double> server_windows(const spec::StorageSystem& s, const std::vector<double>& T, double server_rebuild_hours,
                                   double delay_hours, bool reboots_too) {
    const auto& sf = s.server_failures;
    double gone = delay_hours + server_rebuild_hours;
    double replaced = std::min(sf.replace.value() / 3600, gone);
    double U1 = reboots_too ? (1 - sf.replaced) * std::min(sf.reboot.value() / 3600, gone) + sf.replaced * replaced : replaced;
    std::vector<double> out;
    for (std::size_t i = 0; i < T.size(); ++i) out.push_back(i == 0 ? U1 : std::min(U1, T[i]));
    return out;
}

// Loss events per hour in one pool, first order (docs/models.md, durability): the first failure a drive (rate
// D / MTTF, later windows T_i) or a server outage (rate N_p x lambda, windows U_i); each later one a drive sharing
// stripes ((S - i + 1) / MTTF) or another server's outage ((N_p - i) x lambda). Without the server class this is
// pool_loss_rate. `weight` counts a server element as that many drives (for the bytes at stake); `reboots_too`
// counts every outage, for the unavailability figure, instead of replacements alone.
double loss_rate(const DurabilityResult& r, const spec::StorageSystem& s, double mttf, double rebuild_hours, double delay_hours,
                 double weight = 1, bool reboots_too = false) {
    auto T = windows(r.m, r.n, r.scatter, rebuild_hours, delay_hours, r.critical_first);
    if (!r.server_class) return pool_loss_rate(r.pool_drives, r.scatter, T, mttf);
    double lambda = reboots_too ? r.outage_rate_hours : r.server_rate_hours;
    // The server rebuild scales with the drive rebuild: both are inversely proportional to the share.
    auto U = server_windows(s, T, r.server_rebuild_hours * rebuild_hours / r.rebuild_hours, delay_hours, reboots_too);
    double drive_first = r.pool_drives / mttf, server_first = weight * r.pool_servers * lambda;
    for (int i = 1; i <= r.m; ++i) {
        double next = (r.scatter - i + 1) / mttf + weight * std::max(0.0, r.pool_servers - i) * lambda;
        drive_first *= next * T[static_cast<std::size_t>(i - 1)];
        server_first *= next * U[static_cast<std::size_t>(i - 1)];
    }
    return drive_first + server_first;
}

double nines_at(const DurabilityResult& r, const spec::StorageSystem& s, double mttf, double rebuild_hours, double delay_hours) {
    return nines_of(-std::expm1(-8760.0 * r.pools * loss_rate(r, s, mttf, rebuild_hours, delay_hours)));
}

// Loss rate, probability and nines of `r` at its drive MTTF, and the bytes a year's loss events take.
void exposure(DurabilityResult& r, const spec::StorageSystem& s) {
    double rate = loss_rate(r, s, r.mttf_hours, r.rebuild_hours, r.delay_hours);
    r.pool_mttdl_hours = 1.0 / rate;
    r.annual_loss = -std::expm1(-8760.0 * r.pools * rate);
    r.nines = nines_of(r.annual_loss);
    // A loss event: m + 1 failed drives; the stripes holding a chunk on each of them are lost. A server element
    // holds chunks of as many stripes as its drives in the pool do (a stripe has at most one chunk per server).
    r.share_lost_per_event = stripe_share_lost(r.pool_drives, r.n, r.m + 1);
    r.bytes_lost_per_event = r.share_lost_per_event * r.pool_drives * r.used_bytes * r.k / r.n;
    double weighted = r.server_class ? loss_rate(r, s, r.mttf_hours, r.rebuild_hours, r.delay_hours, r.server_drives) : rate;
    r.bytes_lost_per_year = 8760.0 * r.pools * weighted * r.bytes_lost_per_event;
    if (r.server_class) {
        auto drives_only = r;
        drives_only.server_class = false;
        r.nines_drives_only = nines_at(drives_only, s, r.mttf_hours, r.rebuild_hours, r.delay_hours);
        r.unavailable_per_year =
            -std::expm1(-8760.0 * r.pools * loss_rate(r, s, r.mttf_hours, r.rebuild_hours, r.delay_hours, 1, true));
    }
}

// How fast one failed drive is rebuilt: onto a spare, or declustered over the drives that share its
// stripes; across servers, capped by the rebuilding servers' share of their NICs.
void rebuild_time(const spec::Spec* spec, const spec::StorageSystem& s, DurabilityResult& r) {
    double share = s.rebuild.share;
    bool across_servers = s.protection.where != spec::ProtectionWhere::server;
    double C = r.used_bytes;
    if (s.rebuild.mode == spec::Rebuild::Mode::spare) {
        r.rebuild_drives = 1;
        r.rebuild_rate = share * std::min(s.drives.read.value(), s.drives.write.value()); // the spare writes everything
    } else {
        int all = across_servers ? static_cast<int>(r.drives) - 1 : s.drives.count - 1;
        r.rebuild_drives = std::max(1, s.rebuild.width > 0 ? std::min(s.rebuild.width, all) : all);
        r.rebuild_rate = C / declustered_rebuild_seconds(s, r.k, C, r.rebuild_drives);
    }
    if (across_servers) {
        // Sources send k bytes over the network per byte rebuilt; the rebuilding server(s) take them in.
        double receivers = s.rebuild.mode == spec::Rebuild::Mode::spare ? 1.0 : std::min<double>(s.servers, r.rebuild_drives);
        double net = share * server_nic_payload(spec, s) * receivers / r.k;
        if (net < r.rebuild_rate) {
            r.rebuild_rate = net;
            r.network_bound = true;
        }
    }
    r.rebuild_hours = C / r.rebuild_rate / 3600;
}

// The pool: a clustered group with its spare; declustered, the server's drives (protection inside each
// server) or the drives that share stripes across servers (all of them, or the rebuild width + 1).
void pool(const spec::StorageSystem& s, DurabilityResult& r) {
    if (s.rebuild.mode == spec::Rebuild::Mode::spare) {
        r.pool_drives = r.n;
        r.scatter = r.n - 1;
    } else {
        r.pool_drives = s.protection.where == spec::ProtectionWhere::server ? s.drives.count : r.rebuild_drives + 1.0;
        r.scatter = r.rebuild_drives;
        r.critical_first = s.rebuild.priority == spec::Rebuild::Priority::critical_first;
    }
    r.pools = r.drives / r.pool_drives;
}

DurabilityResult analyse(const spec::Spec* spec, const spec::StorageSystem& s, int m_override) {
    DurabilityResult r;
    if (spec) r.storage = static_cast<std::size_t>(&s - spec->storage.data());
    r.modelled = s.drives.reliability_given();
    const auto& p = s.protection;
    r.k = p.data_chunks();
    r.m = m_override >= 0 ? m_override : p.tolerated();
    r.n = p.is_replication() ? r.m + 1 : r.k + r.m;
    r.mttf_hours = s.drives.mttf.value() > 0 ? s.drives.mttf.value() / 3600 : (s.drives.afr > 0 ? 8760.0 / s.drives.afr : 0);
    r.drives = static_cast<double>(s.servers) * s.drives.count;
    r.used_bytes = s.drives.capacity.value() * s.fill_limit;
    r.delay_hours = s.rebuild.delay.value() / 3600;
    rebuild_time(spec, s, r);
    pool(s, r);
    r.window_hours = windows(r.m, r.n, r.scatter, r.rebuild_hours, r.delay_hours, r.critical_first);
    // Server outages take chunks of many stripes at once only when stripes span servers.
    r.server_class = s.server_failures.given() && p.where != spec::ProtectionWhere::server && r.m >= 1;
    if (r.server_class) {
        r.server_rate_hours = s.server_failures.per_year * s.server_failures.replaced / 8760.0;
        r.outage_rate_hours = s.server_failures.per_year / 8760.0;
        r.pool_servers = std::min<double>(s.servers, r.pool_drives);
        r.server_drives = r.pool_drives / r.pool_servers;
        r.server_rebuild = server_rebuild(spec, s, 1);
        r.server_rebuild_hours = r.server_rebuild.seconds / 3600;
        r.server_windows_hours = server_windows(s, r.window_hours, r.server_rebuild_hours, r.delay_hours, false);
        r.server_window_hours = r.server_windows_hours.front();
        r.outage_window_hours = server_windows(s, r.window_hours, r.server_rebuild_hours, r.delay_hours, true).front();
    }
    if (r.modelled) {
        exposure(r, s);
        r.nines_twice_afr = nines_at(r, s, r.mttf_hours / 2, r.rebuild_hours, r.delay_hours);
        if (s.drives.field_afr > 0) r.nines_field = nines_at(r, s, 8760.0 / s.drives.field_afr, r.rebuild_hours, r.delay_hours);
    }
    if (s.drives.ure > 0) r.ure_probability = -std::expm1(-r.k * r.used_bytes * 8 * s.drives.ure);
    return r;
}

// The largest x in (0, hi] with nines(x) >= target, for nines falling in x; nullopt when even x -> 0 fails.
std::optional<double> largest_meeting(double hi, double target, const std::function<double(double)>& nines) {
    if (nines(hi * 1e-9) < target) return std::nullopt;
    double lo = 0;
    for (int i = 0; i < 200 && nines(hi) >= target; ++i) hi *= 2;
    for (int i = 0; i < 200 && hi - lo > 1e-12 * hi; ++i) {
        double mid = 0.5 * (lo + hi);
        if (nines(mid) >= target) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    return lo;
}

} // namespace

DurabilityResult analyse_durability(const spec::StorageSystem& s) { return analyse(nullptr, s, -1); }
DurabilityResult analyse_durability(const spec::Spec& spec, const spec::StorageSystem& s) { return analyse(&spec, s, -1); }

DurabilityCheck check_durability(const spec::Spec& spec, std::size_t index) {
    const auto& req = spec.durability[index];
    DurabilityCheck c;
    c.requirement = index;
    const auto& s = *spec.find_storage(req.on);
    c.result = analyse(&spec, s, -1);
    const auto& r = c.result;
    c.met = r.modelled && r.nines >= req.nines;
    if (!r.modelled || c.met) return c;
    for (int m = r.m + 1; m <= r.m + 4; ++m) {
        // Protection across servers puts every chunk on its own server.
        if (s.protection.where != spec::ProtectionWhere::server && r.n + (m - r.m) > s.servers) break;
        if (analyse(&spec, s, m).nines >= req.nines) {
            c.parity_needed = m;
            break;
        }
    }
    if (r.m >= 1) {
        // The rebuild time at which the model meets the target, the delay unchanged; rebuild time falls as 1 / share.
        auto with_rebuild = [&](double hours) { return nines_at(r, s, r.mttf_hours, hours, r.delay_hours); };
        c.rebuild_hours_needed = largest_meeting(r.rebuild_hours, req.nines, with_rebuild);
        if (c.rebuild_hours_needed && s.rebuild.share * r.rebuild_hours / *c.rebuild_hours_needed <= 1.0)
            c.share_needed = s.rebuild.share * r.rebuild_hours / *c.rebuild_hours_needed;
        if (r.delay_hours > 0) {
            auto with_delay = [&](double hours) { return nines_at(r, s, r.mttf_hours, r.rebuild_hours, hours); };
            c.delay_hours_needed = largest_meeting(r.delay_hours, req.nines, with_delay);
        }
    }
    if (s.rebuild.mode == spec::Rebuild::Mode::declustered && !r.critical_first && r.m >= 2) {
        auto prioritised = s;
        prioritised.rebuild.priority = spec::Rebuild::Priority::critical_first;
        c.critical_first_nines = analyse(&spec, prioritised, -1).nines;
    }
    if (s.rebuild.mode == spec::Rebuild::Mode::spare) {
        auto declustered = s;
        declustered.rebuild.mode = spec::Rebuild::Mode::declustered;
        c.declustered_nines = analyse(&spec, declustered, -1).nines;
    }
    return c;
}

} // namespace archplan::analysis
