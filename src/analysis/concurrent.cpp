// Requirements that run at the same time, on the routed loads of each.
#include "archplan/analysis/analysis.hpp"

#include <algorithm>
#include <limits>

namespace archplan::analysis {

using model::VertexKind;

std::vector<Element> judged_elements(const model::SystemGraph& g) {
    const auto& edges = g.edges();
    const auto& verts = g.vertices();
    std::vector<Element> out;
    for (std::size_t e = 0; e < edges.size(); ++e) {
        auto sk = verts[edges[e].source].kind, tk = verts[edges[e].target].kind;
        bool internal = (sk == VertexKind::server_nic || sk == VertexKind::server_ctrl || sk == VertexKind::server_drives) &&
                        (tk == VertexKind::server_nic || tk == VertexKind::server_ctrl || tk == VertexKind::server_drives);
        if (!internal) out.push_back({g.classes()[edges[e].cls].name, {static_cast<std::uint32_t>(e)}});
    }
    // A controller and a drive set serve reads and writes from one budget.
    for (const auto& grp : g.groups()) {
        if (!grp.is_storage) continue;
        for (std::uint32_t i = 0; i < grp.count; ++i) {
            Element ctrl{grp.name + " controller (reads + writes)", {}}, drives{grp.name + " drives (reads + writes)", {}};
            auto ctrl_v = grp.first_ctrl + i;
            for (auto e : g.out_edges(ctrl_v)) // drive writes, or controller reads
                (edges[e].target == grp.first_drives + i ? drives : ctrl).edges.push_back(e);
            for (auto e : g.in_edges(ctrl_v)) // drive reads, or controller writes
                (edges[e].source == grp.first_drives + i ? drives : ctrl).edges.push_back(e);
            out.push_back(std::move(ctrl));
            out.push_back(std::move(drives));
        }
    }
    return out;
}

double element_utilisation(const Element& el, const std::vector<double>& load, const std::vector<double>& capacity) {
    double u = 0;
    for (auto e : el.edges) {
        if (load[e] <= 0) continue;
        if (capacity[e] <= 0) return std::numeric_limits<double>::infinity();
        u += load[e] / capacity[e];
    }
    return u;
}

ConcurrentResult analyse_concurrent(const spec::Spec& spec, const model::SystemGraph& g, std::size_t index,
                                    const std::vector<BandwidthResult>& results) {
    const auto& group = spec.concurrent[index];
    const auto& edges = g.edges();
    ConcurrentResult r;
    r.group = index;
    std::vector<double> load(edges.size(), 0.0), capacity;
    for (const auto& e : edges) capacity.push_back(e.capacity);
    std::vector<const BandwidthResult*> members;
    for (const auto& id : group.requirements)
        for (const auto& b : results)
            if (spec.bandwidth[b.requirement].id == id) members.push_back(&b);
    for (const auto* m : members)
        for (std::size_t e = 0; e < edges.size(); ++e) load[e] += m->routed.edge_load[e];
    for (const auto& el : judged_elements(g)) {
        double u = element_utilisation(el, load, capacity);
        if (u > r.max_utilisation) {
            r.max_utilisation = u;
            r.binding = el.name;
        }
    }
    r.scale = r.max_utilisation > 0 ? 1.0 / r.max_utilisation : 0.0;
    r.met = meets(r.scale, 1.0);
    for (const auto* m : members) r.achievable.emplace_back(spec.bandwidth[m->requirement].id, m->required * r.scale);
    return r;
}

} // namespace archplan::analysis
