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
    // Stated spare space too small for one drive per pool (no spares: rebuild writes into the free space).
    if (s.spares > 0 && p.spares_needed > s.spares * (1 + analysis::k_met_tol))
        sec.result(fmt::format("Warning: the distributed spare space ({} of raw) is less than one drive per pool of {} drives "
                               "that rebuild into it ({}): a failed drive's data has no room to be rebuilt into. Reserve at "
                               "least 'spares: {}'.",
                               format_percent(s.spares), format_count(p.spare_pool_drives), format_percent(p.spares_needed),
                               format_percent(std::ceil(p.spares_needed * 1000) / 1000)));
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

// The pool, the windows, the loss rate and what it means (docs/models.md, durability): every figure from
// which the nines follow, then their sensitivity and the bytes at stake.
template <class Add>
void exposure_figures(const spec::StorageSystem& s, const analysis::DurabilityResult& r, Add&& add) {
    bool spare = s.rebuild.mode == spec::Rebuild::Mode::spare;
    bool inside = s.protection.where == spec::ProtectionWhere::server;
    add("drives per pool", r.pool_drives, Unit::count,
        spare ? fmt::format("clustered: a protection group of {} drives with its own spare", r.n)
        : inside
            ? fmt::format("declustered inside each server: the server's {} drives share stripes", format_count(r.pool_drives))
            : fmt::format("declustered across servers: the {} drives a rebuild reads from, and the failed one",
                          format_count(r.rebuild_drives)));
    add("pools", r.pools, Unit::count,
        fmt::format("{} drives / {} per pool = {}", format_count(r.drives), format_count(r.pool_drives), format_sig(r.pools)));
    add("scatter width", r.scatter, Unit::count,
        spare ? fmt::format("n - 1 = {} drives share stripes with a drive", r.n - 1)
              : fmt::format("{} drives share stripes with a drive (those its rebuild reads from)", format_count(r.scatter)));
    std::string windows;
    for (std::size_t i = 0; i < r.window_hours.size(); ++i)
        windows += fmt::format("{}T{} = {}", i ? ", " : "", i + 1, hours(r.window_hours[i]));
    if (!r.window_hours.empty())
        add("window of a later failure", r.window_hours.back(), Unit::hours,
            fmt::format("{}{} + the repair of the stripes that lost i chunks{}: {}",
                        r.delay_hours > 0 ? "detection delay " + hours(r.delay_hours) : std::string("no detection delay"), "",
                        r.critical_first ? " (critical-first: T(i) = delay + repair(i-1) x (n - i + 1) / (2 (S - i + 1)))"
                                         : " (no priority: the whole rebuild each time)",
                        windows));
    if (r.server_class) {
        const auto& sf = s.server_failures;
        const auto& sr = r.server_rebuild;
        int k = s.protection.data_chunks();
        std::string drives_how =
            s.rebuild.mode == spec::Rebuild::Mode::spare
                ? fmt::format("each lost drive onto its spare: {} / ({} share x {}) = {}", size(r.used_bytes),
                              format_percent(s.rebuild.share), units::format_rate_exact(std::min(s.drives.read, s.drives.write)),
                              dur(sr.drive_seconds))
                : fmt::format("({} / {} drives of the other servers) x ({} reads / {} + 1 write / {}) / {} share = {}",
                              size(sr.bytes), format_count(sr.drives), k, units::format_rate_exact(s.drives.read),
                              units::format_rate_exact(s.drives.write), format_percent(s.rebuild.share), dur(sr.drive_seconds));
        add("server rebuild", r.server_rebuild_hours, Unit::hours,
            fmt::format(
                "one server's {} drives x {} used = {}; drives: {}; network: {} x {} / ({} share x {} NIC payload{}) = {}; "
                "the larger (as in the server-down scenario)",
                s.drives.count, size(r.used_bytes), size(sr.bytes), drives_how, k,
                s.rebuild.mode == spec::Rebuild::Mode::spare
                    ? fmt::format("{} x ceil({} lost drives / {} servers left)", size(r.used_bytes), s.drives.count,
                                  format_count(s.servers - 1))
                    : size(sr.bytes),
                format_percent(s.rebuild.share), rate(sr.nic_payload),
                s.rebuild.mode == spec::Rebuild::Mode::spare ? std::string()
                                                             : fmt::format(" x {} servers", format_count(sr.receivers)),
                dur(sr.network_seconds)));
        std::string windows_u;
        for (std::size_t i = 0; i < r.server_windows_hours.size(); ++i)
            windows_u += fmt::format("{}U{} = {}", i ? ", " : "", i + 1, hours(r.server_windows_hours[i]));
        add("window of a server replacement", r.server_window_hours, Unit::hours,
            fmt::format("{} outages per server a year, {} of them replacements ({:.3g} per server-hour): min(replace {}, "
                        "delay + server rebuild {}) = {} (a replaced server's chunks count as lost until rebuilt elsewhere; "
                        "a reboot brings its chunks back, so reboots count toward unavailability, not loss); later windows "
                        "min(U1, T(i)): {}",
                        format_sig(sf.per_year), format_percent(sf.replaced), r.server_rate_hours,
                        hours(sf.replace.value() / 3600), hours(r.delay_hours + r.server_rebuild_hours),
                        hours(r.server_window_hours), windows_u));
    }
    std::string product;
    for (int i = 1; i <= r.m; ++i) product += fmt::format(" x ({} x T{} / MTTF)", format_count(r.scatter - i + 1), i);
    if (r.server_class)
        add("MTTDL of one pool", r.pool_mttdl_hours, Unit::hours,
            fmt::format("1 / ((D / MTTF) x prod T(i) x next(i) + N_p x lambda x prod U(i) x next(i)), next(i) = (S - i + 1) "
                        "/ MTTF + (N_p - i) x lambda, with D = {}, S = {}, N_p = {} servers, lambda = {:.3g} replacements per "
                        "server-hour, MTTF = {:.4g} h: {:.3g} h (any {} overlapping drive failures or server replacements; "
                        "docs/models.md, durability; [40], [51], [52] in docs/references.md)",
                        format_count(r.pool_drives), format_count(r.scatter), format_count(r.pool_servers), r.server_rate_hours,
                        r.mttf_hours, r.pool_mttdl_hours, r.m + 1));
    else
        add("MTTDL of one pool", r.pool_mttdl_hours, Unit::hours,
            fmt::format("1 / ((D / MTTF){}) with D = {}, MTTF = {:.4g} h: {:.3g} h (any {} overlapping failures in the pool; "
                        "docs/models.md, durability; [40], [51], [52] in docs/references.md)",
                        product, format_count(r.pool_drives), r.mttf_hours, r.pool_mttdl_hours, r.m + 1));
    add("annual probability of a loss event", r.annual_loss, Unit::probability,
        fmt::format("1 - e^(-8,760 h x {} pools / {:.3g} h) = {:.3g}", format_sig(r.pools), r.pool_mttdl_hours, r.annual_loss));
    add("durability", r.nines, Unit::nines, fmt::format("-log10({:.3g}) = {}", r.annual_loss, format_sig(r.nines)), true);
    if (r.server_class) {
        const auto& sf = s.server_failures;
        add("durability from drive failures alone", r.nines_drives_only, Unit::nines,
            fmt::format("the same pool without server replacements: {} nines", format_sig(r.nines_drives_only)));
        add("annual probability that some data is unreadable for a while", r.unavailable_per_year, Unit::probability,
            fmt::format("the same model with every outage ({} a server-year: {} reboots of {}, {} replacements) and the "
                        "mean window {} = {} reboots x min({}, {}) + {} x min({}, {}): {} overlapping outages or drive "
                        "failures leave some stripes unreadable until a server is back",
                        format_sig(sf.per_year), format_percent(1 - sf.replaced), hours(sf.reboot.value() / 3600),
                        format_percent(sf.replaced), hours(r.outage_window_hours), format_percent(1 - sf.replaced),
                        hours(sf.reboot.value() / 3600), hours(r.delay_hours + r.server_rebuild_hours),
                        format_percent(sf.replaced), hours(sf.replace.value() / 3600),
                        hours(r.delay_hours + r.server_rebuild_hours), r.m + 1));
    }
    add("durability at twice the failure rate", r.nines_twice_afr, Unit::nines,
        r.server_class ? fmt::format("drive MTTF / 2 = {:.4g} h, server replacements unchanged: {} nines", r.mttf_hours / 2,
                                     format_sig(r.nines_twice_afr))
                       : fmt::format("MTTF / 2 = {:.4g} h: {} nines (m + 1 = {} failures: the nines fall by {} x log10(2))",
                                     r.mttf_hours / 2, format_sig(r.nines_twice_afr), r.m + 1, r.m + 1));
    if (r.nines_field)
        add("durability at the field failure rate", *r.nines_field, Unit::nines,
            fmt::format("field AFR {}: MTTF {:.4g} h: {} nines", format_percent(s.drives.field_afr), 8760.0 / s.drives.field_afr,
                        format_sig(*r.nines_field)));
    add("expected bytes lost per year", r.bytes_lost_per_year, Unit::bytes,
        fmt::format(
            "{:.3g} {}loss events a year x {} per event ({} failed drives hold chunks of C(D - {}, n - {}) / C(D, n) = {} of "
            "a pool's stripes; x {} drives x {} used x {}/{} user data){}",
            r.bytes_lost_per_event > 0 ? r.bytes_lost_per_year / r.bytes_lost_per_event : 0.0,
            r.server_class ? "drive-equivalent " : "", size(r.bytes_lost_per_event), r.m + 1, r.m + 1, r.m + 1,
            format_percent(r.share_lost_per_event), format_count(r.pool_drives), size(r.used_bytes), r.k, r.n,
            r.server_class ? fmt::format("; a server outage in an event counts as its {} drives of the pool (a stripe has at "
                                         "most one chunk per server)",
                                         format_count(r.server_drives))
                           : std::string()));
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
    bool spare = s.rebuild.mode == spec::Rebuild::Mode::spare;
    int k = s.protection.data_chunks();
    std::string rebuild_how;
    if (r.network_bound)
        rebuild_how = fmt::format("{} used per drive; the rebuild moves {} byte{} over the network per byte rebuilt, and the "
                                  "rebuilding servers take in at most {} of their NIC payload: {} / {} = {}",
                                  size(r.used_bytes), k, k == 1 ? "" : "s", format_percent(s.rebuild.share), size(r.used_bytes),
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
    exposure_figures(s, r, add);
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
                      fmt::format("max({} for capacity, {} for bandwidth)", format_count(p.servers_for_capacity),
                                  format_count(p.servers_for_bandwidth))));
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

// What single change meets a missed durability target, each found on the model and with its cost:
// more parity (capacity), critical-first rebuild, a larger rebuild share, a shorter detection delay
// (none), declustered rebuild.
document::Fix durability_fix(const spec::Spec& spec, const spec::DurabilityRequirement& req, const analysis::DurabilityCheck& c) {
    const auto& r = c.result;
    auto system = static_cast<std::size_t>(spec.find_storage(req.on) - spec.storage.data());
    const auto& s = spec.storage[system];
    document::Fix fix;
    fix.requirement = req.id;
    auto option = [&](const std::string& knob, std::string what) {
        document::Fix::Option o;
        o.knob = knob;
        o.key = fmt::format("fix/{}/{}", document::key_part(req.id), o.knob);
        o.what = std::move(what);
        return o;
    };
    auto advice = [&](const std::string& knob, std::string what, std::string note) {
        auto o = option(knob, std::move(what));
        o.kind = document::Fix::Option::Kind::advice;
        o.note = std::move(note);
        fix.options.push_back(o);
    };
    if (c.parity_needed) {
        auto o = option(spec::knob_path(spec::KnobKind::protection_parity, s.name), "parity chunks (or replicas - 1)");
        o.from = Figure{static_cast<double>(r.m), Unit::count};
        o.to = Figure{static_cast<double>(*c.parity_needed), Unit::count};
        int n_to = r.n + *c.parity_needed - r.m;
        o.note = fmt::format("costs capacity: {} of raw is data instead of {}", format_percent(static_cast<double>(r.k) / n_to),
                             format_percent(static_cast<double>(r.k) / r.n));
        fix.options.push_back(o);
    }
    if (c.critical_first_nines)
        advice(fmt::format("storage.{}.rebuild.priority", s.name), "critical-first rebuild",
               fmt::format("critical-first rebuild gives {} nines{}, at no capacity cost", format_sig(*c.critical_first_nines),
                           *c.critical_first_nines >= req.nines ? "" : " (not enough alone)"));
    if (c.share_needed) {
        auto o = option(spec::knob_path(spec::KnobKind::rebuild_share, s.name),
                        fmt::format("rebuild share (rebuild in {} at most)", hours(*c.rebuild_hours_needed)));
        o.from = Figure{s.rebuild.share, Unit::share};
        o.to = Figure{*c.share_needed, Unit::share};
        o.note = "no capacity cost; rebuild takes that share of the drives (and NICs) from the workload while it runs";
        fix.options.push_back(o);
    } else if (c.rebuild_hours_needed) {
        advice(
            spec::knob_path(spec::KnobKind::rebuild_share, s.name), "rebuild time",
            fmt::format("needs a rebuild within {}, more than the whole drive bandwidth gives", hours(*c.rebuild_hours_needed)));
    } else if (r.m >= 1) {
        advice(
            spec::knob_path(spec::KnobKind::rebuild_share, s.name), "rebuild time",
            fmt::format("no rebuild is fast enough: the detection delay of {} alone exceeds the window", hours(r.delay_hours)));
    }
    if (c.delay_hours_needed)
        advice(fmt::format("storage.{}.rebuild.delay", s.name), "detection delay",
               fmt::format("a detection delay of at most {} meets it (now {}), at no capacity cost", hours(*c.delay_hours_needed),
                           hours(r.delay_hours)));
    if (c.declustered_nines && *c.declustered_nines > r.nines) // declustering alone can be a wash (more drives share stripes)
        advice(fmt::format("storage.{}.rebuild.mode", s.name), "declustered rebuild",
               fmt::format("declustered rebuild gives {} nines", format_sig(*c.declustered_nines)));
    return fix;
}

// Nines against the drives' AFR, for a chart: the model run at AFRs from 0.25% to 8% and at the design's own.
document::Curve nines_curve(const spec::Spec& spec, const analysis::DurabilityResult& d) {
    const auto& s = spec.storage[d.storage];
    document::Curve c;
    c.key = fmt::format("curve/{}/nines-vs-afr", document::key_part(s.name));
    c.title = fmt::format("'{}': durability against the drives' annual failure rate", s.name);
    c.x_label = "drive AFR";
    c.y_label = "nines";
    auto at = [&](double afr) {
        auto t = s;
        t.drives.afr = afr;
        t.drives.mttf = units::Seconds(0);
        return analysis::analyse_durability(spec, t).nines;
    };
    for (double afr : {0.0025, 0.005, 0.01, 0.02, 0.04, 0.08}) c.points.emplace_back(afr, at(afr));
    double design = 8760.0 / d.mttf_hours;
    c.marked = std::make_pair(design, d.nines);
    for (const auto& q : spec.durability)
        if (q.on == s.name) c.target = c.target ? std::max(*c.target, q.nines) : q.nines;
    return c;
}

void durability(const spec::Spec& spec, const analysis::Analysis& a, document::Report& rep) {
    for (const auto& d : a.durability) {
        rep.storage_sections.push_back(durability_section(spec, d));
        if (d.modelled && d.mttf_hours > 0) rep.curves.push_back(nines_curve(spec, d));
    }
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
        // Target nines against this design's (docs/reports.md): 100% is exactly at the target.
        row.utilisation = r.modelled && r.nines > 0 ? req.nines / r.nines : 0;
        row.headroom = r.modelled && req.nines > 0 ? r.nines / req.nines - 1 : 0;
        row.derivation =
            r.modelled
                ? fmt::format("{} pools of {} drives, stripes of {} tolerating {}, MTTF {}, rebuild {}{}: {} nines (see the "
                              "durability section)",
                              format_sig(r.pools), format_count(r.pool_drives), r.n, r.m, hours(r.mttf_hours),
                              hours(r.rebuild_hours), r.critical_first ? " critical-first" : "", format_sig(r.nines))
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
