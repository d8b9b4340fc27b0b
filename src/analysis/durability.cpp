// Durability (see durability.hpp): MTTDL with one repair at a time, groups independent.
#include "archplan/analysis/durability.hpp"

#include <algorithm>
#include <cmath>

namespace archplan::analysis {

double group_mttdl_hours(int n, int m, double mttf_hours, double mttr_hours) {
    double falling = 1;
    for (int i = 0; i <= m; ++i) falling *= n - i;
    return std::pow(mttf_hours, m + 1) / (falling * std::pow(mttr_hours, m));
}

double annual_loss_probability(double group_mttdl, double groups) { return -std::expm1(-8760.0 * groups / group_mttdl); }

double nines_of(double probability) { return probability > 0 ? -std::log10(probability) : 30.0; }

namespace {

// Payload of one server's NIC ports, at the rate the attached fabric runs them.
double server_nic_payload(const spec::Spec* spec, const spec::StorageSystem& s) {
    if (spec)
        for (const auto& net : spec->networks)
            for (const auto& l : net.leaves)
                if (l.group == s.name) return s.nic.ports * std::min(s.nic.rate.value(), net.link.value()) * net.efficiency;
    return s.nic.ports * s.nic.rate.value();
}

DurabilityResult analyse(const spec::Spec* spec, const spec::StorageSystem& s, int m_override) {
    DurabilityResult r;
    if (spec) r.storage = static_cast<std::size_t>(&s - spec->storage.data());
    r.modelled = s.drives.reliability_given();
    const auto& p = s.protection;
    int k = p.is_replication() ? 1 : p.k;
    r.m = m_override >= 0 ? m_override : (p.is_replication() ? p.replicas - 1 : p.m);
    r.n = p.is_replication() ? r.m + 1 : k + r.m;
    r.mttf_hours = s.drives.mttf.value() > 0 ? s.drives.mttf.value() / 3600 : (s.drives.afr > 0 ? 8760.0 / s.drives.afr : 0);
    r.drives = static_cast<double>(s.servers) * s.drives.count;
    r.groups = r.drives / r.n;
    r.used_bytes = s.drives.capacity.value() * s.fill_limit;
    double share = s.rebuild.share;
    double read = s.drives.read.value(), write = s.drives.write.value();
    bool across_servers = p.where != spec::ProtectionWhere::server;
    double C = r.used_bytes;
    if (s.rebuild.mode == spec::Rebuild::Mode::spare) {
        r.rebuild_drives = 1;
        r.rebuild_rate = share * std::min(read, write); // the one spare drive writes everything
    } else {
        int all = across_servers ? static_cast<int>(r.drives) - 1 : s.drives.count - 1;
        r.rebuild_drives = std::max(1, s.rebuild.width > 0 ? std::min(s.rebuild.width, all) : all);
        // Each taking part reads k C / W and writes C / W within its share of the drive's time.
        double W = r.rebuild_drives;
        double seconds = (C / W) * (k / read + 1.0 / write) / share;
        r.rebuild_rate = C / seconds;
    }
    if (across_servers) {
        // Sources send k bytes over the network per byte rebuilt; the rebuilding server(s) take them in.
        double receivers = s.rebuild.mode == spec::Rebuild::Mode::spare ? 1.0 : std::min<double>(s.servers, r.rebuild_drives);
        double net = share * server_nic_payload(spec, s) * receivers / k;
        if (net < r.rebuild_rate) {
            r.rebuild_rate = net;
            r.network_bound = true;
        }
    }
    r.rebuild_hours = C / r.rebuild_rate / 3600;
    if (r.modelled) {
        r.group_mttdl_hours = group_mttdl_hours(r.n, r.m, r.mttf_hours, r.rebuild_hours);
        r.annual_loss = annual_loss_probability(r.group_mttdl_hours, r.groups);
        r.nines = nines_of(r.annual_loss);
    }
    if (s.drives.ure > 0) r.ure_probability = -std::expm1(-k * C * 8 * s.drives.ure);
    return r;
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
        auto more = analyse(&spec, s, m);
        if (more.nines >= req.nines) {
            c.parity_needed = m;
            break;
        }
    }
    if (r.m >= 1) {
        double loss = std::pow(10.0, -req.nines);
        double system_mttdl = -8760.0 / std::log1p(-loss); // hours
        double group_needed = system_mttdl * r.groups;
        double falling = 1;
        for (int i = 0; i <= r.m; ++i) falling *= r.n - i;
        double mttr = std::pow(std::pow(r.mttf_hours, r.m + 1) / (falling * group_needed), 1.0 / r.m);
        c.rebuild_hours_needed = mttr;
        double share = s.rebuild.share * r.rebuild_hours / mttr; // rebuild time falls as 1 / share
        if (share <= 1.0) c.share_needed = share;
    }
    if (s.rebuild.mode == spec::Rebuild::Mode::spare) {
        auto declustered = s;
        declustered.rebuild.mode = spec::Rebuild::Mode::declustered;
        c.declustered_nines = analyse(&spec, declustered, -1).nines;
    }
    return c;
}

} // namespace archplan::analysis
