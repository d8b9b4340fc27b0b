// The storage team's durability and capacity-plan sections, with their derivations.
#include "archplan/derive/derive.hpp"

#include "derive_internal.hpp"

#include "archplan/spec/knobs.hpp"

#include <cmath>
#include <fmt/format.h>

namespace archplan::derive {

using units::format_count;
using units::format_percent;
using units::format_sig;

namespace {

// A requirement that a workload derives ("ckpt.write", "ckpt.drain"). ("ckpt.retention", "ckpt.write").
bool derived_from_workload(const analysis::Analysis& a, const std::string& id) {
    for (const auto& r : a.effective.bandwidth)
        if (r.id == id) return r.origin_kind != spec::Origin::spec;
    return false;
}

Section plan_section(const spec::Spec& spec, const analysis::Analysis& a, const analysis::CapacityPlan& p,
                     std::string& must_fit) {
    const auto& s = spec.storage[p.storage];
    auto amp = analysis::write_amplification(s.protection);
    SectionBuilder sec(fmt::format("storage/{}/capacity-plan", document::key_part(s.name)), SectionKind::capacity_plan, s.name,
                       fmt::format("{} servers", format_count(s.servers)));
    auto add = [&](const std::string& name, double v, Unit u, std::string how, bool headline = false) {
        sec.add(name, v, u, std::move(how), headline);
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
    must_fit = fmt::format("{} = {}", items, size(p.total.value()));
    add("must fit", p.total.value(), Unit::bytes, must_fit, true);
    add("servers for capacity", p.servers_for_capacity, Unit::count,
        fmt::format("{} / {} plannable per server, rounded up", size(p.total.value()),
                    size(analysis::capacity_stages(s, 1).plannable.value())));
    if (p.servers_for_bandwidth > 0)
        add("servers for bandwidth", p.servers_for_bandwidth, Unit::count,
            fmt::format("{} servers x {} utilisation of '{}' under {} = {}, rounded up (per-server stages scale as 1 / servers)",
                        format_count(s.servers), format_percent(p.bandwidth_utilisation), p.bandwidth_class,
                        p.bandwidth_requirement, exact(s.servers * p.bandwidth_utilisation)) +
                (derived_from_workload(a, p.bandwidth_requirement)
                     ? std::string("; the workload-derived requirement is held at its value for this design (fewer servers "
                                   "also read checkpoints back more slowly, which raises it)")
                     : std::string()));
    if (p.servers_for_bandwidth > 0)
        sec.result(p.capacity_bound
                       ? fmt::format("Capacity sets the server count: {} servers for capacity against {} for bandwidth ({}x).",
                                     format_count(p.servers_for_capacity), format_count(p.servers_for_bandwidth),
                                     format_sig(static_cast<double>(p.servers_for_capacity) / p.servers_for_bandwidth))
                       : fmt::format("Bandwidth sets the server count: {} servers for bandwidth against {} for capacity.",
                                     format_count(p.servers_for_bandwidth), format_count(p.servers_for_capacity)));
    if (p.tier_servers > 0) {
        auto tier = analysis::capacity_tier_template(s);
        double fast = analysis::capacity_stages(s, p.servers_for_bandwidth).plannable.value();
        sec.result(fmt::format("Alternative: {} servers of this kind for the bandwidth (they hold {}) plus a capacity tier of {} "
                               "({} drives of {}, {}, {} plannable each) for the remaining {}.",
                               format_count(p.servers_for_bandwidth), size(fast),
                               count_of(p.tier_servers, "disk server", "disk servers"), tier.drives.count,
                               units::format_size_exact(tier.drives.capacity), analysis::protection_label(tier.protection),
                               size(p.tier_plannable_per_server.value()), size(std::max(0.0, p.total.value() - fast))));
    }
    return sec.section;
}

Section durability_section(const spec::Spec& spec, const analysis::DurabilityResult& r) {
    const auto& s = spec.storage[r.storage];
    SectionBuilder sec(fmt::format("storage/{}/durability", document::key_part(s.name)), SectionKind::durability, s.name,
                       analysis::protection_label(s.protection));
    auto add = [&](const std::string& name, double v, Unit u, std::string how, bool headline = false) {
        sec.add(name, v, u, std::move(how), headline);
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
        sec.result("Rebuild onto a hot spare assumes a spare drive outside the counted drives; the capacity plan "
                   "reserves no spare space ('spares: 0%'), so provision the spares on top.");
    sec.caveat(
        "MTTDL assumes independent, exponentially distributed drive failures; field failures are correlated and "
        "latent errors exist (docs/models.md, durability; [40], [43] in docs/references.md), so treat the nines as an upper "
        "bound.");
    return sec.section;
}

void capacity_plans(const spec::Spec& spec, const analysis::Analysis& a, document::Report& rep, TeamLists& teams) {
    for (const auto& p : a.capacity_plans) {
        const auto& s = spec.storage[p.storage];
        std::string must_fit;
        rep.storage_sections.push_back(plan_section(spec, a, p, must_fit));
        double needed = std::max(p.servers_for_capacity, p.servers_for_bandwidth);
        teams.storage.push_back(
            make_line(Team::storage, LineKind::servers, "servers", fmt::format("storage system '{}'", s.name), "capacity plan",
                      s.name, {needed, Unit::count}, {static_cast<double>(s.servers), Unit::count},
                      fmt::format("max({} for capacity, {} for bandwidth)", p.servers_for_capacity, p.servers_for_bandwidth)));
        if (p.items.size() < 2) continue; // one requirement: its own row says it all
        RequirementRow row;
        row.id = fmt::format("{}-capacity-plan", s.name);
        row.key = "requirement/" + document::key_part(row.id);
        row.kind = RequirementKind::capacity_plan;
        row.path = fmt::format("everything on {}", s.name);
        row.asked = {p.total.value(), Unit::bytes};
        row.required = {p.total.value(), Unit::bytes};
        row.achievable = {p.stages.plannable.value(), Unit::bytes};
        row.met = p.met;
        row.bottleneck = p.capacity_bound ? "capacity sets the server count" : "bandwidth sets the server count";
        row.utilisation = p.total.value() / p.stages.plannable.value();
        row.derivation = must_fit + "; plannable " + size(p.stages.plannable.value());
        rep.requirements.push_back(row);
    }
}

// What single change meets a missed durability target: more parity, a larger rebuild share, or advice.
document::Fix durability_fix(const spec::Spec& spec, const spec::DurabilityRequirement& req, const analysis::DurabilityCheck& c) {
    const auto& r = c.result;
    auto system = static_cast<std::size_t>(spec.find_storage(req.on) - spec.storage.data());
    const auto& s = spec.storage[system];
    document::Fix fix;
    fix.requirement = req.id;
    auto option = [&](spec::KnobKind kind, std::string what) {
        document::Fix::Option o;
        o.knob = spec::knob_path(kind, s.name);
        o.key = fmt::format("fix/{}/{}", document::key_part(req.id), o.knob);
        o.what = std::move(what);
        return o;
    };
    if (c.parity_needed) {
        auto o = option(spec::KnobKind::protection_parity, "parity chunks (or replicas - 1)");
        o.from = Figure{static_cast<double>(r.m), Unit::count};
        o.to = Figure{static_cast<double>(*c.parity_needed), Unit::count};
        fix.options.push_back(o);
    }
    if (c.share_needed) {
        auto o = option(spec::KnobKind::rebuild_share,
                        fmt::format("rebuild share (rebuild in {} at most)", hours(*c.rebuild_hours_needed)));
        o.from = Figure{s.rebuild.share, Unit::share};
        o.to = Figure{*c.share_needed, Unit::share};
        fix.options.push_back(o);
    } else if (c.rebuild_hours_needed) {
        auto o = option(spec::KnobKind::rebuild_share, "rebuild time");
        o.kind = document::Fix::Option::Kind::advice;
        o.note =
            fmt::format("needs a rebuild within {}, more than the whole drive bandwidth gives", hours(*c.rebuild_hours_needed));
        fix.options.push_back(o);
    }
    if (c.declustered_nines) {
        document::Fix::Option o;
        o.knob = fmt::format("storage.{}.rebuild.mode", s.name); // a choice, not a value of the knob table
        o.key = fmt::format("fix/{}/{}", document::key_part(req.id), o.knob);
        o.what = "declustered rebuild";
        o.kind = document::Fix::Option::Kind::advice;
        o.note = fmt::format("declustered rebuild gives {} nines", format_sig(*c.declustered_nines));
        fix.options.push_back(o);
    }
    return fix;
}

void durability(const spec::Spec& spec, const analysis::Analysis& a, document::Report& rep) {
    for (const auto& d : a.durability) rep.storage_sections.push_back(durability_section(spec, d));
    for (const auto& c : a.durability_checks) {
        const auto& r = c.result;
        const auto& req = spec.durability[c.requirement];
        RequirementRow row;
        row.key = "requirement/" + document::key_part(req.id);
        row.id = req.id;
        row.kind = RequirementKind::durability;
        row.path = fmt::format("on {}", req.on);
        row.asked = {req.nines, Unit::nines};
        row.required = {req.nines, Unit::nines};
        row.achievable = {r.nines, Unit::nines};
        row.met = c.met;
        row.bottleneck = r.modelled ? fmt::format("rebuild {} per drive", hours(r.rebuild_hours)) : "no drive failure rate given";
        // Loss probability against the allowed one: 100% is exactly at the target.
        row.utilisation = r.modelled ? r.annual_loss / std::pow(10.0, -req.nines) : 0;
        row.derivation =
            r.modelled
                ? fmt::format("{} groups of {} tolerating {}, MTTF {}, rebuild {}: {} nines (see the durability section)",
                              format_sig(r.groups), r.n, r.m, hours(r.mttf_hours), hours(r.rebuild_hours), format_sig(r.nines))
                : "the storage system gives no drive 'afr' or 'mttf'";
        rep.requirements.push_back(row);
        if (!c.met && r.modelled) rep.fixes.push_back(durability_fix(spec, req, c));
    }
}

} // namespace

void derive_storage(const spec::Spec& spec, const analysis::Analysis& a, document::Report& rep, TeamLists& teams) {
    capacity_plans(spec, a, rep, teams);
    durability(spec, a, rep);
}

} // namespace archplan::derive
