// Tenants: floors as an admission check on the routed loads, ceilings as each tenant's own edge capacity.
#include "archplan/analysis/analysis.hpp"
#include "archplan/analysis/scenario.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <limits>

namespace archplan::analysis {

namespace {

constexpr double k_inf = std::numeric_limits<double>::infinity();

std::vector<TenantFlow> tenant_flows(const spec::Spec& spec, const std::vector<BandwidthResult>& results) {
    std::vector<TenantFlow> flows;
    for (std::size_t t = 0; t < spec.tenants.size(); ++t) {
        const auto& tenant = spec.tenants[t];
        std::vector<TenantFlow> mine;
        for (auto d : {spec::Direction::write, spec::Direction::read}) {
            TenantFlow f;
            f.tenant = t;
            f.direction = d;
            if (tenant.floor.of(d)) f.floor = tenant.floor.of(d)->value();
            if (tenant.ceiling.of(d)) f.ceiling = tenant.ceiling.of(d)->value();
            for (const auto& b : results) {
                const auto& req = spec.bandwidth[b.requirement];
                if (req.direction != d) continue;
                bool owned =
                    std::find(tenant.requirements.begin(), tenant.requirements.end(), req.id) != tenant.requirements.end();
                double share = owned ? 1.0 : (!tenant.group.empty() && req.from == tenant.group ? tenant.fraction : 0.0);
                if (share <= 0) continue;
                f.parts.push_back({b.requirement, share});
                f.demand += share * b.required.value();
            }
            if (!f.parts.empty()) mine.push_back(std::move(f));
        }
        for (auto& f : mine) {
            f.label = mine.size() > 1 ? fmt::format("{} ({})", tenant.name, spec::direction_name(f.direction)) : tenant.name;
            flows.push_back(std::move(f));
        }
    }
    return flows;
}

// Per flow, its bytes on every edge per byte/s of the flow, under one scenario (null: normal operation).
struct Loads {
    std::vector<std::vector<double>> unit; // per flow, per edge
    std::vector<double> capacity;          // per edge
    std::vector<char> no_path;             // per flow
    std::vector<std::uint32_t> cut_off;    // per flow
};

Loads flow_loads(const spec::Spec& spec, const model::SystemGraph& g, const std::vector<BandwidthResult>& results,
                 const std::vector<TenantFlow>& flows, const spec::Scenario* scenario) {
    Loads l;
    const auto n = g.edges().size();
    l.unit.assign(flows.size(), std::vector<double>(n, 0.0));
    l.no_path.assign(flows.size(), 0);
    l.cut_off.assign(flows.size(), 0);
    // Each owned requirement is routed once; its loads at its required figure, spread over the flows that share it.
    std::vector<std::size_t> routed;
    for (const auto& f : flows)
        for (const auto& p : f.parts)
            if (std::find(routed.begin(), routed.end(), p.requirement) == routed.end()) routed.push_back(p.requirement);
    for (auto r : routed) {
        const auto& healthy =
            *std::find_if(results.begin(), results.end(), [&](const BandwidthResult& b) { return b.requirement == r; });
        auto view = route_view(spec, g, healthy, scenario);
        if (l.capacity.empty()) l.capacity = view.capacity;
        bool lost = view.unavailable || !view.routed.routed_all;
        for (std::size_t i = 0; i < flows.size(); ++i)
            for (const auto& p : flows[i].parts) {
                if (p.requirement != r) continue;
                if (lost) l.no_path[i] = 1;
                l.cut_off[i] = std::max(l.cut_off[i], view.routed.cut_off);
                // bytes on e per byte/s of the flow: share x load at the required figure / the flow's demand
                double k = p.share / flows[i].demand;
                for (std::size_t e = 0; e < n && !view.routed.edge_load.empty(); ++e)
                    l.unit[i][e] += k * view.routed.edge_load[e];
            }
    }
    if (l.capacity.empty())
        for (const auto& e : g.edges()) l.capacity.push_back(e.capacity);
    return l;
}

// The element's utilisation per byte/s of flow i.
double per_unit(const Element& el, const Loads& l, std::size_t i) { return element_utilisation(el, l.unit[i], l.capacity); }

// Per element: the compute group whose nodes (or client stages) it belongs to, when some tenant has a share of that
// group; empty otherwise.
std::vector<std::string> shared_groups(const spec::Spec& spec, const model::SystemGraph& g,
                                       const std::vector<Element>& elements) {
    std::vector<std::string> node_group(g.vertex_count());
    for (const auto& grp : g.groups()) {
        if (grp.is_storage || grp.is_router) continue;
        bool shared =
            std::any_of(spec.tenants.begin(), spec.tenants.end(), [&](const spec::Tenant& t) { return t.group == grp.name; });
        if (!shared) continue;
        for (std::uint32_t i = 0; i < grp.count; ++i) {
            node_group[grp.first_vertex + i] = grp.name;
            if (grp.has_client) node_group[grp.first_client + i] = grp.name;
        }
    }
    std::vector<std::string> out(elements.size());
    for (std::size_t e = 0; e < elements.size(); ++e)
        for (auto edge : elements[e].edges) {
            const auto& ed = g.edges()[edge];
            if (!node_group[ed.source].empty()) out[e] = node_group[ed.source];
            if (!node_group[ed.target].empty()) out[e] = node_group[ed.target];
        }
    return out;
}

TenantScenario check(const spec::Spec& spec, const std::vector<TenantFlow>& flows, const std::vector<Element>& elements,
                     const std::vector<std::string>& shared, const Loads& l) {
    TenantScenario s;
    const auto nf = flows.size();
    // a[e][i]: utilisation of element e per byte/s of flow i.
    std::vector<std::vector<double>> a(elements.size(), std::vector<double>(nf, 0.0));
    for (std::size_t e = 0; e < elements.size(); ++e)
        for (std::size_t i = 0; i < nf; ++i) a[e][i] = per_unit(elements[e], l, i);
    std::vector<std::string> names;
    for (const auto& el : elements) names.push_back(el.name);
    // A tenant with a share of a group has that share of its nodes: its bytes crowd onto them (1 / share per node) and
    // no other tenant's bytes use them, so a node-side element of a shared group becomes one per tenant.
    for (std::size_t e = 0; e < elements.size(); ++e) {
        if (shared[e].empty()) continue;
        for (std::size_t t = 0; t < spec.tenants.size(); ++t) {
            const auto& tenant = spec.tenants[t];
            if (tenant.group != shared[e]) continue;
            std::vector<double> row(nf, 0.0);
            bool any = false;
            for (std::size_t i = 0; i < nf; ++i)
                if (flows[i].tenant == t && a[e][i] > 0) {
                    row[i] = a[e][i] / tenant.fraction;
                    any = true;
                }
            if (!any) continue;
            a.push_back(std::move(row));
            names.push_back(fmt::format("{} ('{}' nodes)", elements[e].name, tenant.name));
        }
        for (std::size_t i = 0; i < nf; ++i)
            if (spec.tenants[flows[i].tenant].group == shared[e]) a[e][i] = 0;
    }
    s.checks.resize(nf);
    // Alone, the ceiling as the flow's own edge.
    for (std::size_t i = 0; i < nf; ++i) {
        auto& c = s.checks[i];
        c.no_path = l.no_path[i] != 0;
        c.cut_off = l.cut_off[i];
        c.alone = k_inf;
        for (std::size_t e = 0; e < a.size(); ++e)
            if (a[e][i] > 0 && 1.0 / a[e][i] < c.alone) {
                c.alone = 1.0 / a[e][i];
                c.alone_binding = names[e];
            }
        if (flows[i].ceiling && *flows[i].ceiling < c.alone) {
            c.alone = *flows[i].ceiling;
            c.alone_binding = "ceiling";
        }
        if (c.no_path) {
            c.alone = 0;
            c.alone_binding = "no path";
        }
    }
    // Floors, all at once.
    std::vector<double> floor_u(a.size(), 0.0);
    for (std::size_t i = 0; i < nf; ++i) {
        if (!flows[i].floor) continue;
        s.floors += *flows[i].floor;
        for (std::size_t e = 0; e < a.size(); ++e) floor_u[e] += *flows[i].floor * a[e][i];
    }
    s.scale = k_inf;
    for (std::size_t i = 0; i < nf; ++i) {
        auto& c = s.checks[i];
        c.room = k_inf;
        if (!flows[i].floor) continue;
        std::size_t at = a.size();
        for (std::size_t e = 0; e < a.size(); ++e)
            if (a[e][i] > 0 && floor_u[e] > 0 && 1.0 / floor_u[e] < c.room) {
                c.room = 1.0 / floor_u[e];
                at = e;
            }
        if (c.no_path) c.room = 0;
        if (at < a.size()) {
            c.binding = c.no_path ? "no path" : names[at];
            c.room_capacity = 1.0 / a[at][i];
            for (std::size_t j = 0; j < nf; ++j)
                if (j != i && flows[j].floor && a[at][j] > 0) ++c.sharers;
        } else if (c.no_path)
            c.binding = "no path";
        c.holds = meets(c.room, 1.0);
        s.scale = std::min(s.scale, c.room);
    }
    for (std::size_t i = 0; i < nf; ++i)
        if (flows[i].floor && s.checks[i].room <= s.scale * (1 + k_met_tol)) s.squeezed.push_back(i);
    s.fits = std::all_of(s.checks.begin(), s.checks.end(), [](const TenantCheck& c) { return c.holds; });
    // Ceilings only: every other flow at what it would take alone.
    for (std::size_t i = 0; i < nf; ++i) {
        auto& c = s.checks[i];
        c.left = c.no_path ? 0.0 : k_inf;
        c.left_binding = c.no_path ? "no path" : "";
        for (std::size_t e = 0; e < a.size() && !c.no_path; ++e) {
            if (a[e][i] <= 0) continue;
            double others = 0;
            for (std::size_t j = 0; j < nf; ++j)
                if (j != i && a[e][j] > 0) others += s.checks[j].alone * a[e][j];
            double free = 1.0 - others; // rounding leaves a few 1e-16 where the others fill the element
            double x = free > k_met_tol ? free / a[e][i] : 0.0;
            if (x < c.left) {
                c.left = x;
                c.left_binding = names[e];
                c.left_others = others;
                c.left_capacity = 1.0 / a[e][i];
            }
        }
        if (flows[i].ceiling && *flows[i].ceiling < c.left) {
            c.left = *flows[i].ceiling;
            c.left_binding = "ceiling";
        }
        c.reachable = !flows[i].floor || meets(c.alone, *flows[i].floor);
        // Ceilings can only be blamed for what the flow could move with no one else there.
        c.protects = !flows[i].floor || !c.reachable || meets(c.left, *flows[i].floor);
    }
    return s;
}

} // namespace

TenantAnalysis analyse_tenants(const spec::Spec& spec, const model::SystemGraph& g, const std::vector<BandwidthResult>& results,
                               const std::vector<spec::Scenario>& scenarios) {
    TenantAnalysis t;
    if (spec.tenants.empty()) return t;
    t.flows = tenant_flows(spec, results);
    for (std::size_t i = 0; i < spec.tenants.size(); ++i)
        for (const auto& id : spec.tenants[i].requirements)
            if (std::none_of(results.begin(), results.end(),
                             [&](const BandwidthResult& b) { return spec.bandwidth[b.requirement].id == id; }))
                t.missing.emplace_back(i, id);
    auto elements = judged_elements(g);
    auto shared = shared_groups(spec, g, elements);
    t.scenarios.push_back(check(spec, t.flows, elements, shared, flow_loads(spec, g, results, t.flows, nullptr)));
    for (const auto& sc : scenarios) {
        t.scenarios.push_back(check(spec, t.flows, elements, shared, flow_loads(spec, g, results, t.flows, &sc)));
        t.scenarios.back().scenario = sc.id;
    }
    return t;
}

} // namespace archplan::analysis
