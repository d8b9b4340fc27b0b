// Tenants: each tenant's floor in normal operation and under every failure scenario, with the tenant squeezed first,
// and the product knobs that enforce floors and ceilings (docs/models.md, tenants).
#include "derive_internal.hpp"

#include "archplan/analysis/analysis.hpp"

#include <cmath>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <map>

namespace archplan::derive {

namespace {

using analysis::TenantFlow;

// An RPC size as Lustre states it: "4 MiB" (1,024 pages of 4 KiB), else the decimal size.
std::string rpc_text(double bytes) {
    double mib = bytes / (1024.0 * 1024.0);
    if (mib >= 1 && mib == std::floor(mib)) return fmt::format("{} MiB", static_cast<long long>(mib));
    return size(bytes);
}

std::string room_text(double room) { return std::isinf(room) ? "no floor" : fmt::format("{:.3g}x", room); }

document::TenantRow tenant_row(const analysis::TenantAnalysis& t, const analysis::TenantScenario& s) {
    document::TenantRow row;
    row.state = s.scenario.empty() ? "normal operation" : s.scenario;
    row.key = "tenants/" + (s.scenario.empty() ? std::string("normal") : document::key_part(s.scenario));
    row.floors = {s.floors, Unit::rate};
    row.scale = s.scale;
    row.fits = s.fits;
    for (auto i : s.squeezed) row.squeezed.push_back(t.flows[i].label);
    for (std::size_t i = 0; i < t.flows.size(); ++i) {
        const auto& f = t.flows[i];
        const auto& c = s.checks[i];
        document::TenantCell cell;
        cell.key = row.key + "/" + document::key_part(f.label);
        if (f.floor) {
            cell.floor = Figure{*f.floor, Unit::rate};
            cell.kept = {std::min(c.room, 1.0) * *f.floor, Unit::rate};
        }
        cell.room = c.room;
        cell.holds = c.holds;
        cell.binding = c.binding;
        cell.sharers = c.sharers;
        cell.left = {c.left, Unit::rate};
        cell.protects = c.protects;
        if (c.no_path)
            cell.note = "no path (or its data unreadable)";
        else if (c.cut_off > 0)
            cell.note = fmt::format("{} nodes of its groups cut off; the others carry it", units::format_count(c.cut_off));
        row.cells.push_back(std::move(cell));
    }
    return row;
}

// The nodes a flow's traffic comes from: each owned requirement's group, or the tenant's share of its group.
double nodes_of(const spec::Spec& spec, const spec::Tenant& tenant, const TenantFlow& f) {
    if (!tenant.group.empty()) return tenant.fraction * spec.find_compute(tenant.group)->count;
    std::map<std::string, int> groups;
    for (const auto& p : f.parts) {
        const auto& from = spec.bandwidth[p.requirement].from;
        groups[from] = spec.find_compute(from)->count;
    }
    double n = 0;
    for (const auto& [g, count] : groups) n += count;
    return n;
}

void tenant_section(const spec::Spec& spec, const analysis::Analysis& a, std::size_t ti, document::Report& rep) {
    const auto& tenant = spec.tenants[ti];
    const auto& t = a.tenants;
    std::string owns = tenant.group.empty()
                           ? fmt::format("owns {}", fmt::join(tenant.requirements, ", "))
                           : fmt::format("{} of '{}' nodes", units::format_percent(tenant.fraction), tenant.group);
    SectionBuilder b("tenants/" + document::key_part(tenant.name), SectionKind::tenant, tenant.name, owns);
    for (std::size_t i = 0; i < t.flows.size(); ++i) {
        const auto& f = t.flows[i];
        if (f.tenant != ti) continue;
        std::string dir = spec::direction_name(f.direction);
        std::string parts;
        for (const auto& p : f.parts)
            parts += fmt::format(
                "{}{}{}", parts.empty() ? "" : " + ", p.share < 1 ? units::format_percent(p.share) + " x " : "",
                fmt::format("{} {}", spec.bandwidth[p.requirement].id, rate(a.bandwidth[p.requirement].required.value())));
        b.add(dir + " demand", f.demand, Unit::rate, fmt::format("what it owns, with the margin: {}", parts));
        const auto& normal = t.scenarios.front().checks[i];
        if (f.ceiling) {
            b.add(dir + " ceiling", *f.ceiling, Unit::rate, "as given: the capacity of the tenant's own edge");
            if (!analysis::meets(*f.ceiling, f.demand)) {
                auto problem = fmt::format("tenant '{}': its {} ceiling {} is below what its own requirements ask ({}): the "
                                           "rule that enforces the ceiling keeps it from meeting them",
                                           tenant.name, dir, rate(*f.ceiling), rate(f.demand));
                b.result("NOT met: " + problem);
                rep.tenant_problems.push_back(problem);
            }
        }
        b.add(dir + " alone", normal.alone, Unit::rate,
              normal.alone_binding == "ceiling"   ? std::string("the most it moves with no other traffic: its ceiling")
              : normal.alone_binding == "no path" ? std::string("no path in normal operation")
                                                  : fmt::format("the most it moves with no other traffic: bound by {} (routed){}",
                                                                normal.alone_binding, f.ceiling ? ", below its ceiling" : ""),
              true);
        if (f.floor) {
            b.add(dir + " floor", *f.floor, Unit::rate, "as given: guaranteed with every tenant's floor at once");
            b.add(dir + " floor headroom", normal.room - 1, Unit::share,
                  fmt::format("room - 1: 1 / the utilisation of its busiest element ({}, which carries {} of this tenant's "
                              "bytes alone) with every floor that crosses it; {}",
                              normal.binding, rate(normal.room_capacity),
                              normal.sharers == 0 ? "no other tenant's floor loads it"
                                                  : count_of(normal.sharers, "other flow's floor loads it too",
                                                             "other flows' floors load it too")),
                  true);
            // The worst operating state for this floor.
            std::size_t worst = 0;
            for (std::size_t s = 1; s < t.scenarios.size(); ++s)
                if (t.scenarios[s].checks[i].room < t.scenarios[worst].checks[i].room) worst = s;
            const auto& w = t.scenarios[worst].checks[i];
            b.add(dir + " floor kept, worst", std::min(w.room, 1.0) * *f.floor, Unit::rate,
                  fmt::format("min(room {}, 1) x floor {} under {} (bound by {})", room_text(w.room), rate(*f.floor),
                              t.scenarios[worst].scenario.empty() ? "normal operation" : t.scenarios[worst].scenario,
                              w.binding.empty() ? "nothing" : w.binding),
                  true);
            b.add(dir + " left by ceilings only", normal.left, Unit::rate,
                  normal.left_binding == "ceiling" ? "its own ceiling: the others at their ceilings leave it more"
                  : normal.left_binding == "no path"
                      ? "no path in normal operation"
                      : fmt::format("(1 - {} of {} that every other flow takes at min(its ceiling, all it moves alone)) x {} "
                                    "(what that element carries of this tenant's bytes alone)",
                                    units::format_percent(std::min(normal.left_others, 1.0)), normal.left_binding,
                                    rate(normal.left_capacity)));
            if (!normal.holds)
                rep.tenant_problems.push_back(
                    fmt::format("tenant '{}': its {} floor {} does not fit in normal operation (room {}, bound by {}){}",
                                tenant.name, dir, rate(*f.floor), room_text(normal.room), normal.binding,
                                normal.reachable ? "" : fmt::format("; it moves at most {} even alone", rate(normal.alone))));
            if (!normal.protects)
                b.caveat(fmt::format("Ceilings alone (token-bucket rates, per-mount limits) do not protect its {} floor: with "
                                     "the others at their ceilings it keeps {} of {}; a floor needs a reservation, or lower "
                                     "ceilings on the others",
                                     dir, rate(normal.left), rate(*f.floor)));
        }
        // The knobs: Lustre NRS TBF rates per OSS at the system's RPC size, and a per-mount limit.
        std::map<std::string, double> to; // storage system -> share of the flow's bytes
        for (const auto& p : f.parts)
            to[spec.bandwidth[p.requirement].to] += p.share * a.bandwidth[p.requirement].required.value() / f.demand;
        for (const auto& [system, share] : to) {
            const auto& st = *spec.find_storage(system);
            // The token-bucket filter is Lustre's (NRS TBF); object stores, NFS and block have their own QoS.
            if (!st.kind.empty() && st.kind != "parallel-fs") continue;
            double rpc = st.io_size.value();
            auto per_oss = [&](double figure, int servers) { return figure * share / servers / rpc; };
            std::string split = share < 1 ? fmt::format(" x {} of it to '{}'", units::format_percent(share), system) : "";
            for (auto [name, figure] : {std::pair{"ceiling", f.ceiling}, std::pair{"floor", f.floor}}) {
                if (!figure) continue;
                b.add(fmt::format("{} {} TBF rate per OSS, {}", dir, name, system), per_oss(*figure, st.servers),
                      Unit::per_second,
                      fmt::format("{} {}{} / {} servers / RPC {} = RPCs/s per OSS (Lustre NRS TBF 'rate=' counts RPCs; "
                                  "it applies per CPU partition, so divide by the OSS's CPTs)",
                                  name, rate(*figure), split, st.servers, rpc_text(rpc)));
                if (std::string(name) == "floor" && st.servers > 1)
                    b.add(fmt::format("{} floor TBF rate per OSS, one server down, {}", dir, system),
                          per_oss(*figure, st.servers - 1), Unit::per_second,
                          fmt::format("floor {}{} / {} surviving servers / RPC {}: a static rate set for all servers "
                                      "squeezes the floor while one is down",
                                      rate(*figure), split, st.servers - 1, rpc_text(rpc)));
            }
        }
        double nodes = nodes_of(spec, tenant, f);
        for (auto [name, figure] : {std::pair{"ceiling", f.ceiling}, std::pair{"floor", f.floor}})
            if (figure && nodes > 0)
                b.add(fmt::format("{} {} per mount", dir, name), *figure / nodes, Unit::rate,
                      fmt::format("{} {} / {} nodes, one mount each, spread evenly", name, rate(*figure), exact(nodes)));
    }
    for (const auto& [owner, id] : a.tenants.missing)
        if (owner == ti) {
            auto problem = fmt::format("tenant '{}': it owns '{}', which the analysis did not derive (its workload's target "
                                       "cannot be met), so its guarantee cannot be checked",
                                       tenant.name, id);
            b.result("NOT met: " + problem);
            rep.tenant_problems.push_back(problem);
        }
    b.caveat("Routed figures with the tenants' traffic striped evenly over every server; traffic no tenant owns is best "
             "effort and is not in the check");
    rep.tenant_sections.push_back(std::move(b.section));
}

} // namespace

void derive_tenants(const spec::Spec& spec, const analysis::Analysis& a, document::Report& rep) {
    if (a.tenants.scenarios.empty()) return;
    for (const auto& f : a.tenants.flows) rep.tenant_flows.push_back(f.label);
    for (const auto& s : a.tenants.scenarios) rep.tenants.push_back(tenant_row(a.tenants, s));
    for (std::size_t i = 0; i < spec.tenants.size(); ++i) tenant_section(spec, a, i, rep);
}

} // namespace archplan::derive
