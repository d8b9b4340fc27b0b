// The storage team's durability and capacity-plan sections, with their derivations.
#include "archplan/derive/derive.hpp"

#include "derive_internal.hpp"

#include <cmath>
#include <fmt/format.h>

namespace archplan::derive {

using units::format_count;
using units::format_percent;
using units::format_sig;

namespace {

std::string size(double v) { return units::format_size(units::Bytes(v)); }
std::string hours(double h) { return units::format_duration(units::Seconds(h * 3600)); }

WorkloadSection plan_section(const spec::Spec& spec, const analysis::CapacityPlan& p) {
    const auto& s = spec.storage[p.storage];
    auto amp = analysis::write_amplification(s.protection);
    WorkloadSection sec;
    sec.id = s.name;
    sec.kind = "capacity plan";
    sec.path = fmt::format("{} servers", format_count(s.servers));
    auto add = [&](std::string name, double v, Unit u, std::string how, bool headline = false) {
        sec.figures.push_back({std::move(name), {v, u}, std::move(how), headline});
    };
    const auto& c = p.stages;
    add("raw", c.raw.value(), Unit::bytes,
        fmt::format("{} servers x {} drives x {} = {}", format_count(s.servers), s.drives.count,
                    units::format_size_exact(s.drives.capacity), size(c.raw.value())));
    add("after protection", c.after_protection.value(), Unit::bytes,
        fmt::format("/ {} ({}) = {}", exact(amp.capacity), analysis::protection_label(s.protection),
                    size(c.after_protection.value())));
    add("after distributed spares", c.after_spares.value(), Unit::bytes,
        fmt::format("x (1 - {} spares) = {}", format_percent(s.spares), size(c.after_spares.value())));
    add("usable (after the file-system reserve)", c.usable.value(), Unit::bytes,
        fmt::format("x (1 - {} reserve) = {}", format_percent(s.reserve), size(c.usable.value())));
    add("plannable (at the fill limit)", c.plannable.value(), Unit::bytes,
        fmt::format("x {} fill limit = {}", format_percent(s.fill_limit), size(c.plannable.value())), true);
    std::string items;
    for (const auto& [id, b] : p.items) items += fmt::format("{}{} {}", items.empty() ? "" : " + ", id, size(b.value()));
    add("must fit", p.total.value(), Unit::bytes, fmt::format("{} = {}", items, size(p.total.value())), true);
    add("servers for capacity", p.servers_for_capacity, Unit::count,
        fmt::format("{} / {} plannable per server, rounded up", size(p.total.value()),
                    size(analysis::capacity_stages(s, 1).plannable.value())));
    if (p.servers_for_bandwidth > 0)
        add("servers for bandwidth", p.servers_for_bandwidth, Unit::count,
            fmt::format("{} servers x {} utilisation of '{}' under {} = {}, rounded up (per-server stages scale as 1 / servers)",
                        format_count(s.servers), format_percent(p.bandwidth_utilisation), p.bandwidth_class,
                        p.bandwidth_requirement, exact(s.servers * p.bandwidth_utilisation)) +
                (p.bandwidth_requirement.find('.') != std::string::npos
                     ? std::string("; the workload-derived requirement is held at its value for this design (fewer servers "
                                   "also read checkpoints back more slowly, which raises it)")
                     : std::string()));
    if (p.servers_for_bandwidth > 0)
        sec.findings.push_back(
            p.capacity_bound
                ? fmt::format("Capacity sets the server count: {} servers for capacity against {} for bandwidth ({}x).",
                              format_count(p.servers_for_capacity), format_count(p.servers_for_bandwidth),
                              format_sig(static_cast<double>(p.servers_for_capacity) / p.servers_for_bandwidth))
                : fmt::format("Bandwidth sets the server count: {} servers for bandwidth against {} for capacity.",
                              format_count(p.servers_for_bandwidth), format_count(p.servers_for_capacity)));
    if (p.tier_servers > 0) {
        auto tier = analysis::capacity_tier_template(s);
        double fast = analysis::capacity_stages(s, p.servers_for_bandwidth).plannable.value();
        sec.findings.push_back(fmt::format(
            "Alternative: {} servers of this kind for the bandwidth (they hold {}) plus a capacity tier of {} "
            "({} drives of {}, {}, {} plannable each) for the remaining {}.",
            format_count(p.servers_for_bandwidth), size(fast), count_of(p.tier_servers, "disk server", "disk servers"),
            tier.drives.count, units::format_size_exact(tier.drives.capacity), analysis::protection_label(tier.protection),
            size(p.tier_plannable_per_server.value()), size(std::max(0.0, p.total.value() - fast))));
    }
    return sec;
}

WorkloadSection durability_section(const spec::Spec& spec, const analysis::DurabilityResult& r) {
    const auto& s = spec.storage[r.storage];
    WorkloadSection sec;
    sec.id = s.name;
    sec.kind = "durability";
    sec.path = analysis::protection_label(s.protection);
    auto add = [&](std::string name, double v, Unit u, std::string how, bool headline = false) {
        sec.figures.push_back({std::move(name), {v, u}, std::move(how), headline});
    };
    add("drive MTTF", r.mttf_hours, Unit::hours,
        s.drives.mttf.value() > 0
            ? std::string("given")
            : fmt::format("8,760 h / {} AFR = {:.4g} h (AFR ~ 8,760 h / MTTF; docs/models.md, durability; [43] in "
                          "docs/references.md)",
                          format_percent(s.drives.afr), r.mttf_hours));
    add("protection groups", r.groups, Unit::count,
        fmt::format("{} drives / {} per group = {}", format_count(r.drives), r.n, format_sig(r.groups)));
    bool spare = s.rebuild.mode == spec::Rebuild::Mode::spare;
    int k = s.protection.is_replication() ? 1 : s.protection.k;
    std::string rebuild_how;
    if (r.network_bound)
        rebuild_how = fmt::format("{} used per drive; the rebuild moves {} bytes over the network per byte rebuilt, and the "
                                  "rebuilding servers take in at most {} of their NIC payload: {} / {} = {}",
                                  size(r.used_bytes), k, format_percent(s.rebuild.share), size(r.used_bytes),
                                  units::format_rate(units::BytesPerSecond(r.rebuild_rate)), hours(r.rebuild_hours));
    else if (spare)
        rebuild_how = fmt::format("{} used per drive ({} x {} fill) / ({} share x {} spare drive) = {}", size(r.used_bytes),
                                  units::format_size_exact(s.drives.capacity), format_percent(s.fill_limit),
                                  format_percent(s.rebuild.share),
                                  units::format_rate_exact(std::min(s.drives.read, s.drives.write)), hours(r.rebuild_hours));
    else
        rebuild_how = fmt::format("declustered over {} drives: {} used per drive ({} x {} fill) x ({} reads / {} + 1 write / {}) "
                                  "/ {} drives / {} share = {}",
                                  format_count(r.rebuild_drives), size(r.used_bytes), units::format_size_exact(s.drives.capacity),
                                  format_percent(s.fill_limit), k, units::format_rate_exact(s.drives.read),
                                  units::format_rate_exact(s.drives.write), format_count(r.rebuild_drives),
                                  format_percent(s.rebuild.share), hours(r.rebuild_hours));
    add("rebuild time", r.rebuild_hours, Unit::hours, rebuild_how);
    std::string falling;
    for (int i = 0; i <= r.m; ++i) falling += fmt::format("{}{}", i ? " x " : "", r.n - i);
    add("MTTDL of one group", r.group_mttdl_hours, Unit::hours,
        fmt::format(
            "MTTF^{} / ({} x MTTR^{}) = ({:.4g} h)^{} / ({} x ({:.4g} h)^{}) = {:.3g} h (one repair at a time; docs/models.md, "
            "durability; [40] in docs/references.md)",
            r.m + 1, falling, r.m, r.mttf_hours, r.m + 1, falling, r.rebuild_hours, r.m, r.group_mttdl_hours));
    add("annual probability of a loss event", r.annual_loss, Unit::probability,
        fmt::format("1 - e^(-8,760 h x {} groups / {:.3g} h) = {:.3g}", format_sig(r.groups), r.group_mttdl_hours,
                    r.annual_loss));
    add("durability", r.nines, Unit::nines, fmt::format("-log10({:.3g}) = {}", r.annual_loss, format_sig(r.nines)), true);
    if (s.drives.ure > 0)
        add("unrecoverable read error during one rebuild", r.ure_probability, Unit::share,
            fmt::format(
                "1 - e^(-{} x {} used x 8 bits x {:.3g} per bit) = {}; it loses data only when the group has no redundancy "
                "left, as with single parity",
                k, size(r.used_bytes), s.drives.ure, format_percent(r.ure_probability)));
    if (spare && s.spares == 0)
        sec.findings.push_back("Rebuild onto a hot spare assumes a spare drive outside the counted drives; the capacity plan "
                               "reserves no spare space ('spares: 0%'), so provision the spares on top.");
    sec.findings.push_back(
        "MTTDL assumes independent, exponentially distributed drive failures; field failures are correlated and "
        "latent errors exist (docs/models.md, durability; [40], [43] in docs/references.md), so treat the nines as an upper "
        "bound.");
    return sec;
}

} // namespace

void derive_storage(const spec::Spec& spec, const analysis::Analysis& a, Report& rep, Team& storage) {
    for (const auto& p : a.capacity_plans) {
        rep.storage_sections.push_back(plan_section(spec, p));
        Line l;
        l.team = "storage";
        l.element = "servers";
        l.applies_to = fmt::format("storage system '{}'", spec.storage[p.storage].name);
        l.requirement = "capacity plan";
        l.needed = {static_cast<double>(std::max(p.servers_for_capacity, p.servers_for_bandwidth)), Unit::count};
        l.provisioned = {static_cast<double>(spec.storage[p.storage].servers), Unit::count};
        l.headroom = spec.storage[p.storage].servers / l.needed.value - 1.0;
        l.status = l.headroom >= -1e-9 ? Status::ok : Status::short_of;
        l.derivation = fmt::format("max({} for capacity, {} for bandwidth)", p.servers_for_capacity, p.servers_for_bandwidth);
        storage.lines.push_back(l);
        if (p.items.size() < 2) continue; // one requirement: its own row says it all
        RequirementRow row;
        row.id = fmt::format("{}-capacity-plan", spec.storage[p.storage].name);
        row.kind = "capacity plan";
        row.path = fmt::format("everything on {}", spec.storage[p.storage].name);
        row.asked = {p.total.value(), Unit::bytes};
        row.required = {p.total.value(), Unit::bytes};
        row.achievable = {p.stages.plannable.value(), Unit::bytes};
        row.met = p.met;
        row.bottleneck = p.capacity_bound ? "capacity sets the server count" : "bandwidth sets the server count";
        row.utilisation = p.total.value() / p.stages.plannable.value();
        row.derivation = rep.storage_sections.back().figures[5].derivation + "; plannable " + size(p.stages.plannable.value());
        rep.requirements.push_back(row);
    }
    for (const auto& d : a.durability) rep.storage_sections.push_back(durability_section(spec, d));
    for (const auto& b : a.bandwidth) rep.scenario_requirements.push_back(a.requirement(b).id);
    for (const auto& sc : a.scenarios) {
        ScenarioRowReport row;
        row.id = sc.scenario.id;
        row.description = sc.description;
        row.facts = sc.facts;
        for (const auto& c : sc.rows) row.cells.push_back({c.met, {c.achievable.value(), Unit::rate}, c.bottleneck, c.note});
        rep.scenarios.push_back(row);
    }
    for (const auto& c : a.durability_checks) {
        const auto& r = c.result;
        const auto* req = &spec.durability[c.requirement];
        RequirementRow row;
        row.id = req->id;
        row.kind = "durability";
        row.path = fmt::format("on {}", req->on);
        row.asked = {req->nines, Unit::nines};
        row.required = {req->nines, Unit::nines};
        row.achievable = {r.nines, Unit::nines};
        row.met = c.met;
        row.bottleneck = r.modelled ? fmt::format("rebuild {} per drive", hours(r.rebuild_hours)) : "no drive failure rate given";
        // Loss probability against the allowed one: 100% is exactly at the target.
        row.utilisation = r.modelled ? r.annual_loss / std::pow(10.0, -req->nines) : 0;
        row.derivation =
            r.modelled
                ? fmt::format("{} groups of {} tolerating {}, MTTF {}, rebuild {}: {} nines (see the durability section)",
                              format_sig(r.groups), r.n, r.m, hours(r.mttf_hours), hours(r.rebuild_hours), format_sig(r.nines))
                : "the storage system gives no drive 'afr' or 'mttf'";
        rep.requirements.push_back(row);
        if (!c.met && r.modelled) {
            Fix fix;
            fix.requirement = req->id;
            const auto& p = req->on;
            if (c.parity_needed)
                fix.options.push_back(
                    {fmt::format("storage.{}.protection", p), "parity chunks (or replicas - 1)", r.m, *c.parity_needed, "", {}});
            if (c.share_needed)
                fix.options.push_back(
                    {fmt::format("storage.{}.rebuild.share", p),
                     fmt::format("rebuild share, in percent (rebuild in {} at most)", hours(*c.rebuild_hours_needed)),
                     static_cast<int>(std::lround(req->on.empty() ? 0 : 100 * spec.find_storage(p)->rebuild.share)),
                     static_cast<int>(std::ceil(100 * *c.share_needed)),
                     "",
                     {}});
            else if (c.rebuild_hours_needed)
                fix.options.push_back({fmt::format("storage.{}.rebuild", p),
                                       "rebuild time",
                                       0,
                                       0,
                                       fmt::format("needs a rebuild within {}, more than the whole drive bandwidth gives",
                                                   hours(*c.rebuild_hours_needed)),
                                       {}});
            if (c.declustered_nines)
                fix.options.push_back({fmt::format("storage.{}.rebuild.mode", p),
                                       "declustered rebuild",
                                       0,
                                       0,
                                       fmt::format("declustered rebuild gives {} nines", format_sig(*c.declustered_nines)),
                                       {}});
            rep.fixes.push_back(fix);
        }
    }
}

} // namespace archplan::derive
